using Xunit.Sdk;

namespace FastXray.Tests;

/// <summary>Proves a kernel allocates nothing: the thread's allocated-bytes counter is unchanged across calls.</summary>
public static class AllocationAssert
{
    /// <summary>Runs <paramref name="action"/> a few times to warm up (pools, tiered JIT), then requires zero bytes over 5 more calls.</summary>
    public static void None(Action action, string what = "")
    {
        ArgumentNullException.ThrowIfNull(action);
        for (int i = 0; i < 3; i++)
        {
            action();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            action();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated != 0)
        {
            throw new XunitException($"{what} allocated {allocated} bytes over 5 calls");
        }
    }
}

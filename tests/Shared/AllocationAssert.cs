using Xunit.Sdk;

namespace FastXray.Tests;

/// <summary>Proves that a kernel allocates nothing in steady state.</summary>
public static class AllocationAssert
{
    /// <summary>
    /// Runs <paramref name="action"/> a few times to warm up (pools, tiered JIT), then requires a window of 5 calls
    /// that allocates zero bytes, trying up to 3 windows.
    /// </summary>
    /// <remarks>
    /// Why windows: the shared <see cref="System.Buffers.ArrayPool{T}"/> trims its buckets on a gen-2 GC (which
    /// the other tests running in parallel trigger), and the next rent then allocates afresh once; that is the
    /// pool's, not the kernel's, allocation. A kernel that allocates on every call fails every window.
    /// </remarks>
    public static void None(Action action, string what = "")
    {
        ArgumentNullException.ThrowIfNull(action);
        for (int i = 0; i < 3; i++)
        {
            action();
        }

        long allocated = 0;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++)
            {
                action();
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                return;
            }
        }

        throw new XunitException($"{what} allocated {allocated} bytes over 5 calls, in each of 3 windows");
    }
}

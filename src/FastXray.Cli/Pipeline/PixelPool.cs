using System.Collections.Concurrent;

namespace FastXray.Cli.Pipeline;

/// <summary>
/// Whole-image buffers of exact lengths, reused across the images of one run.
/// </summary>
/// <remarks>
/// Why: a 1024² tutorial image needs ~60 MB of panels, masks and encoder buffers. Fresh memory costs a page fault
/// per 4 KiB, and the GC hands large arrays out from fresh pages long before it reuses freed ones: measured on the
/// nine radiographs, 105 000 minor faults and ~30 % of the process's CPU time in the kernel. Reused buffers are
/// already mapped. Lengths are exact (not rounded up as <see cref="System.Buffers.ArrayPool{T}"/> does), so a rented
/// array is a drop-in for <c>new T[length]</c> except that its contents are stale: callers overwrite every element.
/// Thread-safe; at most <see cref="MaxRetainedBytes"/> are kept, the rest is left to the GC.
/// </remarks>
internal static class PixelPool
{
    /// <summary>Upper bound of the memory kept for reuse (a few images' worth at 1024², well below a 2048² run's needs).</summary>
    public const long MaxRetainedBytes = 512L << 20;

    private static readonly ConcurrentDictionary<int, ConcurrentBag<float[]>> s_floats = new();
    private static readonly ConcurrentDictionary<int, ConcurrentBag<byte[]>> s_bytes = new();
    private static long s_retained;

    /// <summary>A float array of exactly <paramref name="length"/> elements, contents undefined.</summary>
    public static float[] RentFloats(int length) => Rent(s_floats, length, 4);

    /// <summary>A byte array of exactly <paramref name="length"/> elements, contents undefined.</summary>
    public static byte[] RentBytes(int length) => Rent(s_bytes, length, 1);

    /// <summary>Gives <paramref name="array"/> back for reuse; the caller must not touch it afterwards.</summary>
    public static void Return(float[]? array) => Return(s_floats, array, 4);

    /// <summary>Gives <paramref name="array"/> back for reuse; the caller must not touch it afterwards.</summary>
    public static void Return(byte[]? array) => Return(s_bytes, array, 1);

    private static T[] Rent<T>(ConcurrentDictionary<int, ConcurrentBag<T[]>> pool, int length, int size)
    {
        if (pool.TryGetValue(length, out ConcurrentBag<T[]>? bag) && bag.TryTake(out T[]? array))
        {
            Interlocked.Add(ref s_retained, -(long)length * size);
            return array;
        }

        return GC.AllocateUninitializedArray<T>(length);
    }

    private static void Return<T>(ConcurrentDictionary<int, ConcurrentBag<T[]>> pool, T[]? array, int size)
    {
        if (array is null || array.Length == 0)
        {
            return;
        }

        long bytes = (long)array.Length * size;
        if (Interlocked.Add(ref s_retained, bytes) > MaxRetainedBytes)
        {
            Interlocked.Add(ref s_retained, -bytes);
            return;
        }

        pool.GetOrAdd(array.Length, static _ => new ConcurrentBag<T[]>()).Add(array);
    }
}

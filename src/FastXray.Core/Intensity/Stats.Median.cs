using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace FastXray.Intensity;

public static partial class Stats
{
    /// <summary>The median, like <c>np.median</c> (float64; NaN for an empty image or any NaN sample).</summary>
    /// <remarks>
    /// Odd N: the middle sample of the sorted image. Even N: <c>(x_(N/2-1) + x_(N/2)) / 2</c>, the float64
    /// mean of the two middle samples (so [254, 255] gives 254.5 with no overflow). 8- and 16-bit images are
    /// exact via a per-value count table (O(N + 2^bits)); float32 images copy into a rented buffer and run
    /// introselect (expected O(N), no full sort). NumPy averages two float32 middles in float32; FastXray
    /// averages them in float64.
    /// </remarks>
    public static double Median<T>(ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        if (source.IsEmpty)
        {
            return double.NaN;
        }

        if (typeof(T) == typeof(float))
        {
            return FloatMedian(source);
        }

        int[] counts = ArrayPool<int>.Shared.Rent(ValueCounts.TableLength<T>());
        try
        {
            ValueCounts.Count(source, counts);
            return ValueCounts.Median(counts.AsSpan(0, ValueCounts.TableLength<T>()), source.PixelCount);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    private static double FloatMedian<T>(in ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        int n = (int)source.PixelCount;
        float[] buffer = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Span<float> copy = buffer.AsSpan(0, n);
            CopyDense(source, copy);
            return MedianOfCopy(copy);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies a float image densely (row after row) into <paramref name="destination"/>.</summary>
    internal static void CopyDense<T>(in ReadOnlyImageSpan<T> source, Span<float> destination)
        where T : unmanaged
    {
        if (source.IsContiguous)
        {
            MemoryMarshal.Cast<T, float>(source.Data[..(source.Width * source.Height)]).CopyTo(destination);
            return;
        }

        for (int y = 0; y < source.Height; y++)
        {
            MemoryMarshal.Cast<T, float>(source.Row(y)).CopyTo(destination.Slice(y * source.Width, source.Width));
        }
    }

    /// <summary>Median of a scratch copy (reordered in place); NaN if any element is NaN.</summary>
    internal static double MedianOfCopy(Span<float> copy)
    {
        // np.median returns NaN when the data holds a NaN; TensorPrimitives.Max propagates NaN in one SIMD pass.
        if (float.IsNaN(TensorPrimitives.Max<float>(copy)))
        {
            return double.NaN;
        }

        int k = copy.Length / 2;
        double upper = Selection.Select(copy, k);
        if ((copy.Length & 1) == 1)
        {
            return upper;
        }

        // After selection every element before k is ≤ copy[k]; the lower middle is their maximum.
        double lower = TensorPrimitives.Max<float>(copy[..k]);
        return (lower + upper) / 2;
    }
}

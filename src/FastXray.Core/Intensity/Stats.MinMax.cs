using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace FastXray.Intensity;

/// <summary>
/// Whole-image reductions with NumPy's semantics (<c>np.min</c>, <c>np.max</c>, <c>np.sum</c>, <c>np.mean</c>,
/// <c>np.median</c>, <c>np.std</c>) on 8-bit, 16-bit and float32 images, returned as float64.
/// </summary>
/// <remarks>
/// Integer images give exact results (integer sums; medians from a per-value count table). float32 images
/// are accumulated in float64 (NumPy accumulates them in float32), NaN propagates as in NumPy, and the
/// accumulation order, hence the last bits of a float sum, depends on the SIMD width.
/// </remarks>
public static partial class Stats
{
    /// <summary>The smallest sample, like <c>np.min</c>.</summary>
    /// <remarks><c>min = min_i x_i</c>; NaN if any float sample is NaN.</remarks>
    /// <exception cref="ArgumentException">The image is empty (NumPy raises: the reduction has no identity).</exception>
    public static double Min<T>(ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        ImageRows.EnsureNotEmpty(source, nameof(source));
        return MinMax(source, wantMax: false);
    }

    /// <summary>The largest sample, like <c>np.max</c>.</summary>
    /// <remarks><c>max = max_i x_i</c>; NaN if any float sample is NaN.</remarks>
    /// <exception cref="ArgumentException">The image is empty.</exception>
    public static double Max<T>(ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        ImageRows.EnsureNotEmpty(source, nameof(source));
        return MinMax(source, wantMax: true);
    }

    /// <summary>Min or max of a non-empty image through TensorPrimitives (SIMD for every element type).</summary>
    internal static double MinMax<T>(in ReadOnlyImageSpan<T> source, bool wantMax)
        where T : unmanaged
    {
        double result = wantMax ? double.NegativeInfinity : double.PositiveInfinity;
        int spans = ImageRows.Count(source);
        for (int r = 0; r < spans; r++)
        {
            ReadOnlySpan<T> row = ImageRows.Get(source, r);
            double v;
            if (typeof(T) == typeof(byte))
            {
                ReadOnlySpan<byte> b = MemoryMarshal.Cast<T, byte>(row);
                v = wantMax ? TensorPrimitives.Max(b) : TensorPrimitives.Min(b);
            }
            else if (typeof(T) == typeof(ushort))
            {
                ReadOnlySpan<ushort> u = MemoryMarshal.Cast<T, ushort>(row);
                v = wantMax ? TensorPrimitives.Max(u) : TensorPrimitives.Min(u);
            }
            else
            {
                ReadOnlySpan<float> f = MemoryMarshal.Cast<T, float>(row);
                v = wantMax ? TensorPrimitives.Max(f) : TensorPrimitives.Min(f);
            }

            // Math.Max/Min propagate NaN, as np.max/np.min do.
            result = wantMax ? Math.Max(result, v) : Math.Min(result, v);
        }

        return result;
    }
}

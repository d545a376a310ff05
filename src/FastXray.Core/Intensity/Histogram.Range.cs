namespace FastXray.Intensity;

public static partial class Histogram
{
    /// <summary>
    /// <c>np.histogram(source.flatten(), bins, [lo, hi])[0]</c> with <c>bins = counts.Length</c>: the equalisation
    /// tutorial's <c>np.histogram(im.flatten(), 256, [0, 256])</c> is <c>ComputeRange(im, 0, 256, counts[256])</c>,
    /// one bin per 8-bit value with 255 in the last (closed) bin.
    /// </summary>
    /// <remarks>
    /// Edges <c>np.linspace(lo, hi, bins + 1)</c>; bin i counts <c>e_i ≤ v &lt; e_(i+1)</c>, the last bin is closed,
    /// values outside [lo, hi] and NaN are dropped. As in NumPy, lo = hi widens the range to [lo - 0.5, hi + 0.5].
    /// Unlike <see cref="Compute{T}"/> (whose edges are always float64), NumPy computes these edges in
    /// <c>result_type(lo, hi, x)</c>: float64 for 8/16-bit images, but float32 for float32 images, so there each
    /// edge is the float64 linspace value rounded to float32 (float32 0.7 then falls in bin 7 of
    /// <c>[0, 1]</c> with 10 bins, where ndimage.histogram puts it in bin 6).
    /// </remarks>
    /// <exception cref="ArgumentException">counts is empty, lo &gt; hi, or lo/hi is not finite (NumPy raises ValueError).</exception>
    public static void ComputeRange<T>(ReadOnlyImageSpan<T> source, double lo, double hi, Span<long> counts)
        where T : unmanaged
    {
        if (!double.IsFinite(lo) || !double.IsFinite(hi))
        {
            ThrowHelper.ThrowArgument(nameof(lo), $"Range [{lo}, {hi}] is not finite.");
        }

        if (lo > hi)
        {
            ThrowHelper.ThrowArgument(nameof(lo), "max must be larger than min in range parameter.");
        }

        if (lo == hi)
        {
            lo -= 0.5;
            hi += 0.5;
        }

        ImageRows.EnsureSupported<T>();
        if (counts.IsEmpty)
        {
            ThrowHelper.ThrowArgument(nameof(counts), "At least one bin is needed.");
        }

        // np.histogram builds its edges in result_type(lo, hi, data): float64 for integer data, but float32 for
        // float32 data with a Python-number range (value-based casting), unless the range overflows float32.
        bool float32Edges = typeof(T) == typeof(float) && Math.Abs(lo) < 3.4e38 && Math.Abs(hi) < 3.4e38;
        Count(source, lo, hi, counts, float32Edges);
    }
}

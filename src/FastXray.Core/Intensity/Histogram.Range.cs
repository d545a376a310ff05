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
    /// Otherwise identical to <see cref="Compute{T}"/>.
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

        Compute(source, lo, hi, counts);
    }
}

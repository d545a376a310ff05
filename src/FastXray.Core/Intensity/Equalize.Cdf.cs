using System.Buffers;

namespace FastXray.Intensity;

/// <summary>
/// Histogram equalisation. <see cref="Cdf(ReadOnlyImageSpan{byte}, ImageSpan{float})"/> is the NumPy tutorial's
/// recipe (the CLI's <c>equalize</c>, the default); <see cref="OpenCv(ReadOnlyImageSpan{byte}, ImageSpan{byte})"/>
/// is <c>cv2.equalizeHist</c> (the CLI's <c>equalize:method=opencv</c>).
/// </summary>
/// <remarks>
/// 16-bit images are binned over their own range [min, max] into <c>bins</c> bins (ndimage.histogram
/// semantics, <see cref="DefaultBins16"/> = 65536 by default). With 65536 bins every distinct value of a
/// 16-bit image has its own bin (the bin width (max - min)/65536 is below 1), so the default equalises at
/// full resolution; fewer bins (e.g. 4096) group neighbouring values like a coarser histogram.
/// </remarks>
public static partial class Equalize
{
    /// <summary>Default bin count for 16-bit images: one bin per distinct value.</summary>
    public const int DefaultBins16 = 65536;

    /// <summary>The NumPy tutorial's CDF equalisation of an 8-bit image, as float32 in [0, 255].</summary>
    /// <remarks>
    /// <code>
    /// hist, bins = np.histogram(im.flatten(), 256, [0, 256])
    /// cdf = hist.cumsum(); cdf_n = cdf / cdf[-1]        # float64
    /// out = cdf_n[im] * 255                              # float64, stored here as float32
    /// </code>
    /// Each of the 256 table entries is computed in float64 exactly as NumPy does, then rounded once to float32.
    /// Source and destination may not overlap.
    /// </remarks>
    public static void Cdf(ReadOnlyImageSpan<byte> source, ImageSpan<float> destination)
    {
        ImageSpanValidation.SameSize(source, destination);
        if (source.IsEmpty)
        {
            return;
        }

        Span<int> counts = stackalloc int[256];
        ValueCounts.Count(source, counts);
        Span<float> lut = stackalloc float[256];
        long cdf = 0;
        double total = source.PixelCount;
        for (int v = 0; v < 256; v++)
        {
            cdf += counts[v];
            lut[v] = (float)(cdf / total * 255);
        }

        LookupTable.Map(source, destination, lut, 0);
    }

    /// <summary>CDF equalisation of a 16-bit image over its own range with <paramref name="bins"/> bins, as float32 in [0, 255].</summary>
    /// <remarks>
    /// <code>
    /// lo, hi = im.min(), im.max()
    /// hist = ndimage.histogram(im, lo, hi, bins); cdf_n = hist.cumsum() / im.size   # float64
    /// out = cdf_n[bin(im)] * 255    # bin(v): e_i ≤ v &lt; e_(i+1) over np.linspace(lo, hi, bins + 1), last bin closed
    /// </code>
    /// Source and destination may not overlap.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is below 1.</exception>
    public static void Cdf(ReadOnlyImageSpan<ushort> source, ImageSpan<float> destination, int bins = DefaultBins16)
    {
        ImageSpanValidation.SameSize(source, destination);
        EnsureBins(bins);
        if (source.IsEmpty)
        {
            return;
        }

        using var table = new BinnedValues(source, bins);
        float[] lut = ArrayPool<float>.Shared.Rent(table.Span);
        try
        {
            double total = source.PixelCount;
            for (int j = 0; j < table.Span; j++)
            {
                int bin = table.BinOf[j];
                lut[j] = (float)(table.Cdf[bin] / total * 255);
            }

            LookupTable.Map(source, destination, lut.AsSpan(0, table.Span), table.Min);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(lut);
        }
    }

    private static void EnsureBins(int bins)
    {
        if (bins < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(bins), "At least one bin is needed.");
        }
    }

    /// <summary>
    /// The histogram of a 16-bit image over its own range: per-value counts, the bin of every value in
    /// [min, max], and the cumulative bin counts. Scratch is rented and returned on dispose.
    /// </summary>
    private readonly ref struct BinnedValues
    {
        private readonly int[] _values;
        private readonly long[] _cdf;
        private readonly double[] _edges;

        public BinnedValues(in ReadOnlyImageSpan<ushort> source, int bins)
        {
            _values = ArrayPool<int>.Shared.Rent(65536);
            _cdf = ArrayPool<long>.Shared.Rent(bins);
            _edges = ArrayPool<double>.Shared.Rent(bins + 1);
            Span<int> counts = _values.AsSpan(0, 65536);
            ValueCounts.Count(source, counts);
            Min = ValueCounts.First(counts);
            Span = ValueCounts.Last(counts) - Min + 1;
            Bins = bins;
            Span<double> edges = _edges.AsSpan(0, bins + 1);
            Histogram.Edges(Min, Min + Span - 1, edges);
            Span<long> cdf = _cdf.AsSpan(0, bins);
            cdf.Clear();
            Histogram.BinValueCounts(counts.Slice(Min, Span), Min, edges, cdf);
            FirstCount = 0;
            for (int i = 0; i < bins; i++)
            {
                if (FirstCount == 0)
                {
                    FirstCount = cdf[i];
                }

                if (i > 0)
                {
                    cdf[i] += cdf[i - 1];
                }
            }

            // The value counts are no longer needed: reuse their storage for the bin of each value.
            Histogram.BinOfValues(_values.AsSpan(0, Span), Min, edges);
        }

        /// <summary>Smallest value of the image.</summary>
        public int Min { get; }

        /// <summary>max - min + 1: the number of table entries.</summary>
        public int Span { get; }

        /// <summary>Number of bins.</summary>
        public int Bins { get; }

        /// <summary>Count of the first non-empty bin (OpenCV's cdf_min).</summary>
        public long FirstCount { get; }

        /// <summary>Bin of value Min + j.</summary>
        public ReadOnlySpan<int> BinOf => _values.AsSpan(0, Span);

        /// <summary>Cumulative counts per bin.</summary>
        public ReadOnlySpan<long> Cdf => _cdf.AsSpan(0, Bins);

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(_values);
            ArrayPool<long>.Shared.Return(_cdf);
            ArrayPool<double>.Shared.Return(_edges);
        }
    }
}

using System.Buffers;

namespace FastXray.Intensity;

/// <summary>
/// Summary statistics of one image, as the CLI <c>stats</c> command prints them: the NumPy values of
/// <c>np.min</c>, <c>np.max</c>, <c>np.sum</c>, <c>np.mean</c>, <c>np.median</c> and <c>np.std</c> (ddof=0).
/// </summary>
/// <param name="Width">Samples per row.</param>
/// <param name="Height">Number of rows.</param>
/// <param name="Min">Smallest sample.</param>
/// <param name="Max">Largest sample.</param>
/// <param name="Sum">Sum of all samples.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Median">Median (mean of the two middle samples for an even count).</param>
/// <param name="Std">Population standard deviation.</param>
public readonly record struct ImageStatistics(int Width, int Height, double Min, double Max, double Sum, double Mean, double Median, double Std)
{
    /// <summary>Computes every statistic in one pass over an 8- or 16-bit image, or two passes (plus a selection) over a float32 image.</summary>
    /// <remarks>
    /// Each field equals the corresponding <see cref="Stats"/> method. 8/16-bit: one counting pass builds the
    /// per-value table, and min, max, sum, Σx², the median and <c>std = sqrt((N·Σx² - (Σx)²) / N²)</c> all
    /// follow exactly from it. float32: one pass copies the image into a rented buffer, then min/max/sum and
    /// the squared deviations run over the copy, and introselect finds the median; any NaN makes every
    /// statistic NaN, as in NumPy.
    /// </remarks>
    /// <exception cref="ArgumentException">The image is empty (NumPy's min/max raise).</exception>
    public static ImageStatistics Compute<T>(ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        ImageRows.EnsureNotEmpty(source, nameof(source));
        return typeof(T) == typeof(float) ? FromFloat(source) : FromCounts(source);
    }

    private static ImageStatistics FromCounts<T>(in ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        int length = ValueCounts.TableLength<T>();
        int[] rented = ArrayPool<int>.Shared.Rent(length);
        try
        {
            Span<int> counts = rented.AsSpan(0, length);
            ValueCounts.Count(source, counts);
            int min = ValueCounts.First(counts);
            int max = ValueCounts.Last(counts);
            ulong sum = 0;
            ulong squares = 0;
            for (int v = min; v <= max; v++)
            {
                ulong c = (uint)counts[v];
                sum += c * (uint)v;
                squares += c * (ulong)v * (ulong)v;
            }

            long n = source.PixelCount;
            return new ImageStatistics(source.Width, source.Height, min, max, sum, (double)sum / n,
                ValueCounts.Median(counts, n), Stats.IntegerStd(sum, squares, n));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static ImageStatistics FromFloat<T>(in ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        int n = (int)source.PixelCount;
        float[] rented = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Span<float> copy = rented.AsSpan(0, n);
            Stats.CopyDense(source, copy);
            var dense = new ReadOnlyImageSpan<float>(copy, n, 1);
            double min = Stats.MinMax(dense, wantMax: false);
            double max = Stats.MinMax(dense, wantMax: true);
            double sum = FloatSums.Sum(copy);
            double mean = sum / n;
            double std = Math.Sqrt(FloatSums.SumSquaredDeviations(copy, mean) / n);
            double median = Stats.MedianOfCopy(copy);
            return new ImageStatistics(source.Width, source.Height, min, max, sum, mean, median, std);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }
}

namespace FastXray.Cli.Tests.Support;

/// <summary>
/// Straightforward double-precision re-statements of the NumPy/scipy reductions the CLI claims to mirror,
/// written from the NumPy documentation (not from FastXray's kernels) so command tests have an independent
/// expectation: <c>np.min/max/mean/median/std</c>, <c>np.linspace</c> and <c>scipy.ndimage.histogram</c>.
/// </summary>
public static class NumPyReference
{
    /// <summary>min, max, mean, median (mean of the two middle values for an even count) and std with ddof=0.</summary>
    public static (double Min, double Max, double Mean, double Median, double Std) Stats(IReadOnlyList<double> values)
    {
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        double mean = sorted.Sum() / n;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return (sorted[0], sorted[^1], mean, median, Math.Sqrt(squares / n));
    }

    /// <summary><c>np.linspace(start, stop, num)</c> with its endpoint: <c>start + i*step</c>, the last one exactly <c>stop</c>.</summary>
    public static double[] Linspace(double start, double stop, int num)
    {
        var y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++)
        {
            y[i] = start + (i * step);
        }

        y[^1] = stop;
        return y;
    }

    /// <summary>
    /// <c>ndimage.histogram(values, min, max, bins)</c>: <c>np.histogram(values, np.linspace(min, max, bins+1))</c>,
    /// so bin i holds <c>edges[i] &lt;= v &lt; edges[i+1]</c>, the last bin also holds <c>v == max</c>, and values
    /// outside <c>[min, max]</c> are not counted. A linear search keeps it obviously right (inputs are tiny).
    /// </summary>
    public static long[] Histogram(IEnumerable<double> values, double min, double max, int bins)
    {
        double[] edges = Linspace(min, max, bins + 1);
        var counts = new long[bins];
        foreach (double v in values)
        {
            if (v < edges[0] || v > edges[^1])
            {
                continue;
            }

            // np.histogram with explicit edges: searchsorted(edges, v, 'right') - 1, the last edge closed.
            int bin = -1;
            for (int i = 0; i < edges.Length; i++)
            {
                if (edges[i] <= v)
                {
                    bin = i;
                }
            }

            counts[Math.Min(bin, bins - 1)]++;
        }

        return counts;
    }

    /// <summary>Asserts <paramref name="actual"/> is within <paramref name="relative"/> of <paramref name="expected"/> (scaled by its magnitude, at least 1).</summary>
    public static void Close(double expected, double actual, double relative, string what)
    {
        double tolerance = relative * Math.Max(1, Math.Abs(expected));
        if (!(Math.Abs(expected - actual) <= tolerance))
        {
            throw new Xunit.Sdk.XunitException($"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:R})");
        }
    }
}

using FastXray.Filters;
using FastXray.Rank;

namespace FastXray.Cli.Ops;

internal static partial class BuiltInOps
{
    private static readonly OpParam Size = OpParam.PerAxis("size", "window size per axis (axis 0 = rows); even sizes use scipy's centre rule", min: 1, max: 1 << 16, integer: true, optional: true);
    private static readonly OpParam Footprint = OpParam.Matrix("footprint", "window shape, nonzero = inside, e.g. [[0,1,0],[1,1,1],[0,1,0]]; instead of size", optional: true);
    private static readonly OpParam WindowOrigin = OpParam.PerAxis("origin", "shifts the window; -(k//2) <= origin <= (k-1)//2", 0, integer: true, min: -1 << 16, max: 1 << 16);

    /// <summary>
    /// scipy.ndimage's rank family and uniform_filter. Like scipy, a window is given by <c>size</c> or by
    /// <c>footprint</c> (exactly one of them); rank values are exact samples of the input.
    /// </summary>
    private static void AddRankFilters(OpRegistry r)
    {
        OpParam[] window = [Size, Footprint, Mode, Cval, WindowOrigin];

        // Running sums in float32 depend on where a pass starts, so uniform_filter stays whole-image (no reach):
        // bands would change the last bits and results must not depend on the thread count.
        r.Add("uniform_filter", "mean over a size window (running sums)", [OpParam.PerAxis("size", "window size per axis (axis 0 = rows)", 3, min: 1, max: 1 << 16, integer: true), Mode, Cval, WindowOrigin],
            static (s, d, a, c) => Uniform(s, d, a, c),
            a => CheckWindowOrigin(a, a.PerAxisInt("size")));

        r.Add("median_filter", "median of the window (the upper middle for an even count, as scipy)", window,
            static (s, d, a, c) => WithWindow(s, d, a, c, RankKind.Median), CheckWindow, WindowReach, KeepsIntegers);
        r.Add("percentile_filter", "percentile of the window (-100..100; negative counts from the top, as scipy)",
            [OpParam.Number("percentile", "percentile in -100..100", min: -100, max: 100), .. window],
            static (s, d, a, c) => WithWindow(s, d, a, c, RankKind.Percentile), CheckWindow, WindowReach, KeepsIntegers);
        r.Add("rank_filter", "rank-th smallest of the window (negative counts from the top, as scipy)",
            [OpParam.Int("rank", "0-based rank; -1 = the largest"), .. window],
            static (s, d, a, c) => WithWindow(s, d, a, c, RankKind.Rank), CheckWindow, WindowReach, KeepsIntegers);
        r.Add("minimum_filter", "minimum of the window (grey erosion)", window,
            static (s, d, a, c) => WithWindow(s, d, a, c, RankKind.Minimum), CheckWindow, WindowReach, KeepsIntegers);
        r.Add("maximum_filter", "maximum of the window (grey dilation)", window,
            static (s, d, a, c) => WithWindow(s, d, a, c, RankKind.Maximum), CheckWindow, WindowReach, KeepsIntegers);
    }

    /// <summary>
    /// On integer samples the kernel's sums are exact integers (float32 below 2^24) and the mean is rounded once:
    /// within float32 rounding of scipy like the float path (which accumulates in double), about ten times faster.
    /// The two paths may differ in the last bit of a few pixels, so a PNG and a float NPY of the same values can
    /// give float32 results one ulp apart; each is within scipy's tolerance.
    /// </summary>
    private static void Uniform(ReadOnlyImageSpan<float> s, ImageSpan<float> d, OpArgs a, OpContext c) =>
        IntegerSamples.RunExact(s, d, c, new UniformKernel(a));

    private readonly struct UniformKernel(OpArgs a) : ISampleKernel
    {
        public void Run<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination)
            where T : unmanaged
        {
            (int sy, int sx) = a.PerAxisInt("size");
            (int oy, int ox) = a.PerAxisInt("origin");
            UniformFilter.Apply(source, destination, sy, sx, a.Mode(), a.Double("cval"), oy, ox);
        }
    }

    private enum RankKind
    {
        Median,
        Percentile,
        Rank,
        Minimum,
        Maximum,
    }

    // Every output is a sample of the window, so integers stay integers unless cval (read in constant mode) is
    // fractional or outside 0..255 (a range both 8- and 16-bit sources hold).
    private static bool KeepsIntegers(OpArgs a) =>
        a.Text("mode") != "constant" || (a.Double("cval") is var c && c == Math.Floor(c) && c is >= 0 and <= 255);

    /// <summary>
    /// Rank values are exact samples, so on integer samples the 8/16-bit kernels (histogram and radix selection)
    /// give the very same floats as the float kernel, several times faster; the narrowed copy is exact.
    /// </summary>
    private static void WithWindow(ReadOnlyImageSpan<float> s, ImageSpan<float> d, OpArgs a, OpContext c, RankKind kind) =>
        IntegerSamples.RunExact(s, d, c with { IntegerSamples = c.IntegerSamples && KeepsIntegers(a) }, new RankKernel(a, kind));

    private readonly struct RankKernel(OpArgs a, RankKind kind) : ISampleKernel
    {
        public void Run<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination)
            where T : unmanaged => Rank(source, destination, a, kind);
    }

    private static void Rank<T>(ReadOnlyImageSpan<T> s, ImageSpan<float> d, OpArgs a, RankKind kind)
        where T : unmanaged
    {
        (int oy, int ox) = a.PerAxisInt("origin");
        BorderMode mode = a.Mode();
        double cval = a.Double("cval");
        if (a.Has("footprint"))
        {
            (double[] values, int rows, int columns) = a.Matrix("footprint");
            var f = new ReadOnlyImageSpan<bool>(Array.ConvertAll(values, v => v != 0), columns, rows);
            switch (kind)
            {
                case RankKind.Median: MedianFilter.Apply(s, d, f, mode, cval, oy, ox); break;
                case RankKind.Percentile: PercentileFilter.Apply(s, d, a.Double("percentile"), f, mode, cval, oy, ox); break;
                case RankKind.Rank: RankFilter.Apply(s, d, a.Int("rank"), f, mode, cval, oy, ox); break;
                case RankKind.Minimum: MinimumFilter.Apply(s, d, f, mode, cval, oy, ox); break;
                default: MaximumFilter.Apply(s, d, f, mode, cval, oy, ox); break;
            }

            return;
        }

        (int sy, int sx) = a.PerAxisInt("size");
        switch (kind)
        {
            case RankKind.Median: MedianFilter.Apply(s, d, sy, sx, mode, cval, oy, ox); break;
            case RankKind.Percentile: PercentileFilter.Apply(s, d, a.Double("percentile"), sy, sx, mode, cval, oy, ox); break;
            case RankKind.Rank: RankFilter.Apply(s, d, a.Int("rank"), sy, sx, mode, cval, oy, ox); break;
            case RankKind.Minimum: MinimumFilter.Apply(s, d, sy, sx, mode, cval, oy, ox); break;
            default: MaximumFilter.Apply(s, d, sy, sx, mode, cval, oy, ox); break;
        }
    }

    private static (int Rows, int Columns) WindowShape(OpArgs a)
    {
        if (a.Has("footprint"))
        {
            (_, int rows, int columns) = a.Matrix("footprint");
            return (rows, columns);
        }

        return a.PerAxisInt("size");
    }

    // scipy: "no footprint or filter size provided" / footprint and size together is ambiguous (it ignores size).
    private static string? CheckWindow(OpArgs a)
    {
        if (a.Has("size") == a.Has("footprint"))
        {
            return "give exactly one of size or footprint";
        }

        if (a.Has("footprint") && Array.TrueForAll(a.Matrix("footprint").Values, v => v == 0))
        {
            return "footprint has no nonzero element";
        }

        return CheckWindowOrigin(a, WindowShape(a));
    }

    private static string? CheckWindowOrigin(OpArgs a, (int Rows, int Columns) shape)
    {
        (int oy, int ox) = a.PerAxisInt("origin");
        foreach ((int o, int k, string axis) in new[] { (oy, shape.Rows, "0"), (ox, shape.Columns, "1") })
        {
            if (o < -(k / 2) || o > (k - 1) / 2)
            {
                return $"origin {o} on axis {axis} is outside {-(k / 2)}..{(k - 1) / 2} for a window of size {k}";
            }
        }

        return null;
    }

    // Rows the window reaches above and below, plus one for safety (like correlate's bound).
    private static int WindowReach(OpArgs a) => (WindowShape(a).Rows / 2) + Math.Abs(a.PerAxisInt("origin").Axis0) + 1;
}

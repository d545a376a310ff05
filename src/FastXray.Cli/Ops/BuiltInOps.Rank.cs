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
            static (s, d, a, _) =>
            {
                (int sy, int sx) = a.PerAxisInt("size");
                (int oy, int ox) = a.PerAxisInt("origin");
                UniformFilter.Apply(s, d, sy, sx, a.Mode(), a.Double("cval"), oy, ox);
            },
            a => CheckWindowOrigin(a, a.PerAxisInt("size")));

        r.Add("median_filter", "median of the window (the upper middle for an even count, as scipy)", window,
            static (s, d, a, _) => WithWindow(s, d, a,
                static (s, d, sy, sx, m, c, oy, ox, _) => MedianFilter.Apply(s, d, sy, sx, m, c, oy, ox),
                static (s, d, f, m, c, oy, ox, _) => MedianFilter.Apply(s, d, f, m, c, oy, ox), 0),
            CheckWindow, WindowReach);
        r.Add("percentile_filter", "percentile of the window (-100..100; negative counts from the top, as scipy)",
            [OpParam.Number("percentile", "percentile in -100..100", min: -100, max: 100), .. window],
            static (s, d, a, _) => WithWindow(s, d, a,
                static (s, d, sy, sx, m, c, oy, ox, p) => PercentileFilter.Apply(s, d, p, sy, sx, m, c, oy, ox),
                static (s, d, f, m, c, oy, ox, p) => PercentileFilter.Apply(s, d, p, f, m, c, oy, ox), a.Double("percentile")),
            CheckWindow, WindowReach);
        r.Add("rank_filter", "rank-th smallest of the window (negative counts from the top, as scipy)",
            [OpParam.Int("rank", "0-based rank; -1 = the largest"), .. window],
            static (s, d, a, _) => WithWindow(s, d, a,
                static (s, d, sy, sx, m, c, oy, ox, k) => RankFilter.Apply(s, d, (int)k, sy, sx, m, c, oy, ox),
                static (s, d, f, m, c, oy, ox, k) => RankFilter.Apply(s, d, (int)k, f, m, c, oy, ox), a.Int("rank")),
            CheckWindow, WindowReach);
        r.Add("minimum_filter", "minimum of the window (grey erosion)", window,
            static (s, d, a, _) => WithWindow(s, d, a,
                static (s, d, sy, sx, m, c, oy, ox, _) => MinimumFilter.Apply(s, d, sy, sx, m, c, oy, ox),
                static (s, d, f, m, c, oy, ox, _) => MinimumFilter.Apply(s, d, f, m, c, oy, ox), 0),
            CheckWindow, WindowReach);
        r.Add("maximum_filter", "maximum of the window (grey dilation)", window,
            static (s, d, a, _) => WithWindow(s, d, a,
                static (s, d, sy, sx, m, c, oy, ox, _) => MaximumFilter.Apply(s, d, sy, sx, m, c, oy, ox),
                static (s, d, f, m, c, oy, ox, _) => MaximumFilter.Apply(s, d, f, m, c, oy, ox), 0),
            CheckWindow, WindowReach);
    }

    private delegate void BoxCall(ReadOnlyImageSpan<float> s, ImageSpan<float> d, int sizeY, int sizeX, BorderMode mode, double cval, int originY, int originX, double extra);

    private delegate void FootprintCall(ReadOnlyImageSpan<float> s, ImageSpan<float> d, ReadOnlyImageSpan<bool> footprint, BorderMode mode, double cval, int originY, int originX, double extra);

    private static void WithWindow(ReadOnlyImageSpan<float> s, ImageSpan<float> d, OpArgs a, BoxCall box, FootprintCall footprint, double extra)
    {
        (int oy, int ox) = a.PerAxisInt("origin");
        if (a.Has("footprint"))
        {
            (double[] values, int rows, int columns) = a.Matrix("footprint");
            bool[] mask = Array.ConvertAll(values, v => v != 0);
            footprint(s, d, new ReadOnlyImageSpan<bool>(mask, columns, rows), a.Mode(), a.Double("cval"), oy, ox, extra);
        }
        else
        {
            (int sy, int sx) = a.PerAxisInt("size");
            box(s, d, sy, sx, a.Mode(), a.Double("cval"), oy, ox, extra);
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

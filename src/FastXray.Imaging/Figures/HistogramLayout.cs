using System.Globalization;

namespace FastXray.Imaging.Figures;

/// <summary>Geometry shared by the raster and SVG histogram plots: the axes box, data-to-pixel maps, ticks and labels.</summary>
internal sealed class HistogramLayout
{
    private const int TickLength = 4;

    private HistogramLayout()
    {
    }

    public int Width { get; private init; }

    public int Height { get; private init; }

    /// <summary>Axes box in pixels: data x from <see cref="Left"/> to <see cref="Right"/>, counts from <see cref="Bottom"/> (0) up to <see cref="Top"/>.</summary>
    public int Left { get; private init; }

    public int Right { get; private init; }

    public int Top { get; private init; }

    public int Bottom { get; private init; }

    public double XMin { get; private init; }

    public double XMax { get; private init; }

    public double YMax { get; private init; }

    public (double Value, string Label)[] XTicks { get; private init; } = [];

    public (double Value, string Label)[] YTicks { get; private init; } = [];

    public string Title { get; private init; } = "";

    public int TitleScale { get; private init; }

    public int TitleY { get; private init; }

    public static int TickSize => TickLength;

    public static HistogramLayout Create(ReadOnlySpan<long> counts, ReadOnlySpan<double> edges, int width, int height, string? title)
    {
        Validate(counts, edges);
        long max = 0;
        foreach (long c in counts)
        {
            max = Math.Max(max, c);
        }

        // Matplotlib's autoscale leaves 5% headroom above the tallest bar; the x range is the edges.
        double yMax = max == 0 ? 1 : max * 1.05;
        double xMin = edges[0], xMax = edges[^1];
        if (xMin == xMax)
        {
            // One value (a blank image: every edge equal, as np.linspace(v, v) gives): Matplotlib's
            // Locator.nonsingular widens the view by 5 % of the value either side, or to ±0.05 around zero.
            double pad = xMin == 0 ? 0.05 : 0.05 * Math.Abs(xMin);
            (xMin, xMax) = (xMin - pad, xMax + pad);
        }

        (double, string)[] yTicks = Ticks(0, yMax, Math.Max(2, (height - 60) / 30));

        int yLabelWidth = yTicks.Max(t => BitmapFont.MeasureWidth(t.Item2));
        int left = yLabelWidth + TickLength + 4 + 6;
        int top = 8;
        int titleScale = 0;
        string shown = title ?? "";
        if (shown.Length > 0)
        {
            titleScale = BitmapFont.MeasureWidth(shown, 2) <= width - 20 ? 2 : 1;
            shown = BitmapFont.Fit(shown, width - 10, titleScale);
            top = (BitmapFont.LineHeight * titleScale) + 12;
        }

        int bottom = height - (TickLength + 3 + BitmapFont.GlyphHeight + 6);
        int plotWidth0 = width - left - 10;
        (double, string)[] xTicks = plotWidth0 > 0 ? Ticks(xMin, xMax, Math.Max(2, plotWidth0 / 60)) : [];
        int lastHalf = xTicks.Length == 0 ? 0 : (BitmapFont.MeasureWidth(xTicks[^1].Item2) / 2) + 2;
        int right = width - Math.Max(10, lastHalf);
        if (right - left < 16 || bottom - top < 16)
        {
            ThrowHelper.ThrowArgument(nameof(width), $"A {width}x{height} plot leaves no room for the axes; use at least about 120x90.");
        }

        return new HistogramLayout
        {
            Width = width,
            Height = height,
            Left = left,
            Right = right,
            Top = top,
            Bottom = bottom,
            XMin = xMin,
            XMax = xMax,
            YMax = yMax,
            XTicks = xTicks,
            YTicks = yTicks,
            Title = shown,
            TitleScale = titleScale,
            TitleY = 6,
        };
    }

    /// <summary>Pixel column of data value <paramref name="x"/> (fractional).</summary>
    public double X(double x) => Left + ((x - XMin) / (XMax - XMin) * (Right - Left));

    /// <summary>Pixel row of count <paramref name="count"/> (fractional); 0 is <see cref="Bottom"/>.</summary>
    public double Y(double count) => Bottom - (count / YMax * (Bottom - Top));

    public static void Validate(ReadOnlySpan<long> counts, ReadOnlySpan<double> edges)
    {
        if (counts.IsEmpty)
        {
            ThrowHelper.ThrowArgument(nameof(counts), "At least one bin is needed.");
        }

        if (edges.Length != counts.Length + 1)
        {
            ThrowHelper.ThrowArgument(nameof(edges), $"{counts.Length} bins need {counts.Length + 1} edges, got {edges.Length}.");
        }

        for (int i = 0; i < edges.Length; i++)
        {
            // NumPy requires monotonically increasing bins, not strictly: equal edges (a zero-width bin) are allowed.
            if (!double.IsFinite(edges[i]) || (i > 0 && !(edges[i] >= edges[i - 1])))
            {
                ThrowHelper.ThrowArgument(nameof(edges), $"Edges must be finite and increasing (edge {i} is {edges[i]}).");
            }
        }

        foreach (long c in counts)
        {
            if (c < 0)
            {
                ThrowHelper.ThrowArgument(nameof(counts), $"Counts must be non-negative, got {c}.");
            }
        }
    }

    /// <summary>Round tick values (1, 2, 2.5 or 5 times a power of ten) inside [min, max], at most about <paramref name="maxCount"/>.</summary>
    internal static (double Value, string Label)[] Ticks(double min, double max, int maxCount)
    {
        double range = max - min;
        double raw = range / Math.Max(1, maxCount);
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = power * 10;
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
        {
            if (power * m >= raw)
            {
                step = power * m;
                break;
            }
        }

        int decimals = 0;
        while (decimals < 12 && Math.Abs((step * Math.Pow(10, decimals)) - Math.Round(step * Math.Pow(10, decimals))) > 1e-6)
        {
            decimals++;
        }

        bool scientific = Math.Max(Math.Abs(min), Math.Abs(max)) >= 1e7;
        var ticks = new List<(double, string)>();
        double first = Math.Ceiling((min / step) - 1e-9) * step;
        for (int k = 0; k < 1000; k++)
        {
            double v = first + (k * step);
            if (v > max + (step * 1e-9))
            {
                break;
            }

            if (Math.Abs(v) < step * 1e-9)
            {
                v = 0;
            }

            string label = scientific
                ? (v == 0 ? "0" : v.ToString("0.##E+0", CultureInfo.InvariantCulture))
                : v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            ticks.Add((v, label));
        }

        return ticks.ToArray();
    }
}

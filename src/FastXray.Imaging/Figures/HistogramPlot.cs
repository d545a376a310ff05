using System.Globalization;
using System.Text;

namespace FastXray.Imaging.Figures;

/// <summary>Draws a histogram (counts per bin between edges) as a bar plot with axes, ticks and a title, or writes it as CSV.</summary>
/// <remarks>
/// The input is what <c>ndimage.histogram</c> / <c>np.histogram</c> return: <c>counts[i]</c> for
/// <c>edges[i] &lt;= v &lt; edges[i+1]</c>, so <c>edges</c> has one more entry than <c>counts</c>. The plot
/// resembles Matplotlib's <c>plt.hist</c>/<c>plt.bar</c>: white figure, C0-blue bars from 0, a black axes
/// box, x range = the edges, y range = 0 to 1.05 x the largest count, round tick values
/// (1, 2, 2.5, 5 x 10^k), labels in the built-in 5x7 font, the title centred on top.
/// </remarks>
public static class HistogramPlot
{
    /// <summary>Renders the plot as an RGB raster of <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    /// <exception cref="ArgumentException">No bins, edges not one more than counts or decreasing, negative counts, or a size too small for the axes.</exception>
    public static RgbImage RenderRgb(ReadOnlySpan<long> counts, ReadOnlySpan<double> edges, int width, int height, string? title = null)
    {
        CheckSize(width, height);
        HistogramLayout l = HistogramLayout.Create(counts, edges, width, height, title);
        var image = new RgbImage(width, height, Rgb.White);
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            int x0 = (int)Math.Round(l.X(edges[i]));
            int x1 = Math.Max(x0 + 1, (int)Math.Round(l.X(edges[i + 1])));
            int y0 = Math.Min((int)Math.Round(l.Y(counts[i])), l.Bottom - 1);
            image.FillRectangle(x0, y0, x1 - x0, l.Bottom - y0, Rgb.MatplotlibBlue);
        }

        // The axes box sits just outside the data area.
        image.FillRectangle(l.Left - 1, l.Top - 1, l.Right - l.Left + 2, 1, Rgb.Black);
        image.FillRectangle(l.Left - 1, l.Bottom, l.Right - l.Left + 2, 1, Rgb.Black);
        image.FillRectangle(l.Left - 1, l.Top - 1, 1, l.Bottom - l.Top + 2, Rgb.Black);
        image.FillRectangle(l.Right, l.Top - 1, 1, l.Bottom - l.Top + 2, Rgb.Black);
        int tick = HistogramLayout.TickSize;
        foreach ((double v, string label) in l.XTicks)
        {
            int x = (int)Math.Round(l.X(v));
            image.FillRectangle(x, l.Bottom + 1, 1, tick, Rgb.Black);
            BitmapFont.Draw(image, label, x - (BitmapFont.MeasureWidth(label) / 2), l.Bottom + tick + 3, Rgb.Black);
        }

        foreach ((double v, string label) in l.YTicks)
        {
            int y = (int)Math.Round(l.Y(v));
            image.FillRectangle(l.Left - 1 - tick, y, tick, 1, Rgb.Black);
            BitmapFont.Draw(image, label, l.Left - 1 - tick - 4 - BitmapFont.MeasureWidth(label), y - (BitmapFont.CapHeight / 2), Rgb.Black);
        }

        if (l.Title.Length > 0)
        {
            BitmapFont.Draw(image, l.Title, (width - BitmapFont.MeasureWidth(l.Title, l.TitleScale)) / 2, l.TitleY, Rgb.Black, l.TitleScale);
        }

        return image;
    }

    /// <summary>Renders the same plot as a standalone SVG document (UTF-8 XML, user units = pixels).</summary>
    /// <exception cref="ArgumentException">As for <see cref="RenderRgb"/>.</exception>
    public static string RenderSvg(ReadOnlySpan<long> counts, ReadOnlySpan<double> edges, int width, int height, string? title = null)
    {
        CheckSize(width, height);
        HistogramLayout l = HistogramLayout.Create(counts, edges, width, height, title);
        var svg = new StringBuilder(256 + (counts.Length * 64));
        svg.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n"));
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.Append("<g fill=\"").Append(Rgb.MatplotlibBlue.ToHex()).Append("\" shape-rendering=\"crispEdges\">\n");
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            // A zero-width bin (equal edges) still shows, one pixel wide, as in the raster.
            double x0 = l.X(edges[i]), x1 = Math.Max(x0 + 1, l.X(edges[i + 1])), y = l.Y(counts[i]);
            svg.Append(Inv($"<rect x=\"{N(x0)}\" y=\"{N(y)}\" width=\"{N(x1 - x0)}\" height=\"{N(l.Bottom - y)}\"/>\n"));
        }

        svg.Append("</g>\n<g stroke=\"#000000\" stroke-width=\"1\" fill=\"none\">\n");
        svg.Append(Inv($"<rect x=\"{N(l.Left - 0.5)}\" y=\"{N(l.Top - 0.5)}\" width=\"{N(l.Right - l.Left + 1)}\" height=\"{N(l.Bottom - l.Top + 1)}\"/>\n"));
        int tick = HistogramLayout.TickSize;
        foreach ((double v, _) in l.XTicks)
        {
            double x = l.X(v);
            svg.Append(Inv($"<line x1=\"{N(x)}\" y1=\"{N(l.Bottom + 0.5)}\" x2=\"{N(x)}\" y2=\"{N(l.Bottom + 0.5 + tick)}\"/>\n"));
        }

        foreach ((double v, _) in l.YTicks)
        {
            double y = l.Y(v);
            svg.Append(Inv($"<line x1=\"{N(l.Left - 0.5 - tick)}\" y1=\"{N(y)}\" x2=\"{N(l.Left - 0.5)}\" y2=\"{N(y)}\"/>\n"));
        }

        svg.Append("</g>\n<g font-family=\"monospace\" font-size=\"10\" fill=\"#000000\">\n");
        foreach ((double v, string label) in l.XTicks)
        {
            svg.Append(Inv($"<text x=\"{N(l.X(v))}\" y=\"{N(l.Bottom + tick + 3 + BitmapFont.CapHeight)}\" text-anchor=\"middle\">")).Append(Escape(label)).Append("</text>\n");
        }

        foreach ((double v, string label) in l.YTicks)
        {
            svg.Append(Inv($"<text x=\"{N(l.Left - 1 - tick - 4)}\" y=\"{N(l.Y(v) + 3.5)}\" text-anchor=\"end\">")).Append(Escape(label)).Append("</text>\n");
        }

        svg.Append("</g>\n");
        if (l.Title.Length > 0)
        {
            svg.Append(Inv($"<text x=\"{N(width / 2.0)}\" y=\"{N(l.TitleY + (BitmapFont.CapHeight * l.TitleScale))}\" text-anchor=\"middle\" font-family=\"monospace\" font-size=\"{5 * (l.TitleScale + 2)}\">"))
                .Append(Escape(title!)).Append("</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>The histogram as CSV: a header <c>left_edge,right_edge,count</c>, then one line per bin ('\n' line ends, invariant culture, edges in shortest round-trip form).</summary>
    /// <exception cref="ArgumentException">No bins, edges not one more than counts or decreasing, or negative counts.</exception>
    public static string ToCsv(ReadOnlySpan<long> counts, ReadOnlySpan<double> edges)
    {
        HistogramLayout.Validate(counts, edges);
        var csv = new StringBuilder(32 + (counts.Length * 24));
        csv.Append("left_edge,right_edge,count\n");
        for (int i = 0; i < counts.Length; i++)
        {
            csv.Append(edges[i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(edges[i + 1].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(counts[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }

    private static void CheckSize(int width, int height)
    {
        if (width is < 1 or > 16384 || height is < 1 or > 16384)
        {
            ThrowHelper.ThrowArgument(nameof(width), $"Plot size must be 1..16384 on each side, got {width}x{height}.");
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }

            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '"' => sb.Append("&quot;"),
                '\'' => sb.Append("&apos;"),

                // XML 1.0 forbids most control characters (even escaped), unpaired surrogates and U+FFFE/U+FFFF.
                < ' ' when c is not ('\t' or '\n' or '\r') => sb.Append('?'),
                _ when char.IsSurrogate(c) => sb.Append('?'),
                '\uFFFE' or '\uFFFF' => sb.Append('?'),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }
}

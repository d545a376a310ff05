using System.Globalization;
using System.Xml;
using FastXray.Imaging.Figures;
using Xunit;

namespace FastXray.Imaging.Tests.Figures;

public class HistogramPlotTests
{
    private static readonly long[] s_counts = Enumerable.Range(0, 256).Select(i => (long)(i * (255 - i))).ToArray();
    private static readonly double[] s_edges = Enumerable.Range(0, 257).Select(i => (double)i).ToArray();

    [Fact]
    public void RenderRgb_HasTheSizeBarsAxesAndText()
    {
        RgbImage img = HistogramPlot.RenderRgb(s_counts, s_edges, 640, 400, "Histogram");

        Assert.Equal((640, 400), (img.Width, img.Height));
        int blue = 0, black = 0, topBlue = int.MaxValue;
        for (int y = 0; y < img.Height; y++)
        {
            for (int x = 0; x < img.Width; x++)
            {
                if (img[x, y] == Rgb.MatplotlibBlue)
                {
                    blue++;
                    topBlue = Math.Min(topBlue, y);
                }

                black += img[x, y] == Rgb.Black ? 1 : 0;
            }
        }

        Assert.True(blue > 640 * 400 / 5, $"{blue} bar pixels");
        Assert.True(black > 2000, $"{black} axis and text pixels");

        // The tallest bar reaches 1/1.05 of the axes height; the title sits above the axes.
        int titleInk = 0;
        for (int y = 0; y < 24; y++)
        {
            for (int x = 0; x < 640; x++)
            {
                titleInk += img[x, y] == Rgb.Black ? 1 : 0;
            }
        }

        Assert.True(titleInk > 50, "no title pixels");
        Assert.InRange(topBlue, 24, 60);
    }

    [Fact]
    public void RenderRgb_IsDeterministic_AndEmptyCountsDrawNoBars()
    {
        Assert.Equal(HistogramPlot.RenderRgb(s_counts, s_edges, 300, 200, "t").Pixels, HistogramPlot.RenderRgb(s_counts, s_edges, 300, 200, "t").Pixels);
        RgbImage empty = HistogramPlot.RenderRgb(new long[4], [0, 1, 2, 3, 4], 200, 120, null);
        Assert.DoesNotContain(Enumerable.Range(0, 200 * 120), i => empty[i % 200, i / 200] == Rgb.MatplotlibBlue);
    }

    [Fact]
    public void RenderSvg_IsValidXmlWithOneRectPerNonEmptyBin()
    {
        string title = "Histogram <of> \"x-ray\" & 'counts'";
        string svg = HistogramPlot.RenderSvg(s_counts, s_edges, 640, 400, title);

        var doc = new XmlDocument();
        doc.LoadXml(svg);
        XmlElement root = doc.DocumentElement!;
        Assert.Equal("svg", root.LocalName);
        Assert.Equal("http://www.w3.org/2000/svg", root.NamespaceURI);
        Assert.Equal("640", root.GetAttribute("width"));
        Assert.Equal("400", root.GetAttribute("height"));
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("s", "http://www.w3.org/2000/svg");
        XmlNodeList bars = doc.SelectNodes("/s:svg/s:g[@fill='#1f77b4']/s:rect", ns)!;
        Assert.Equal(s_counts.Count(c => c > 0), bars.Count);
        foreach (XmlElement bar in bars)
        {
            Assert.True(double.Parse(bar.GetAttribute("height"), CultureInfo.InvariantCulture) > 0);
        }

        Assert.Contains(doc.SelectNodes("//s:text", ns)!.Cast<XmlNode>(), t => t.InnerText == title);
        Assert.Contains(doc.SelectNodes("//s:text", ns)!.Cast<XmlNode>(), t => t.InnerText == "250");
    }

    [Fact]
    public void RenderSvg_SurvivesHostileTitles()
    {
        string svg = HistogramPlot.RenderSvg([1, 2], [0, 0.5, 1], 300, 200, "a\u0001b\uD800c]]>\uFFFF\U0001F600");
        var doc = new XmlDocument();
        doc.LoadXml(svg);
        Assert.Contains("\U0001F600", doc.DocumentElement!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCsv_ListsEveryBin()
    {
        string csv = HistogramPlot.ToCsv([3, 0, 7], [0, 0.1, 0.30000000000000004, 1e300]);
        Assert.Equal("left_edge,right_edge,count\n0,0.1,3\n0.1,0.30000000000000004,0\n0.30000000000000004,1E+300,7\n", csv);

        string[] lines = HistogramPlot.ToCsv(s_counts, s_edges).TrimEnd('\n').Split('\n');
        Assert.Equal(257, lines.Length);
        Assert.Equal("255,256,0", lines[^1]);
    }

    [Fact]
    public void Ticks_AreRoundNumbers()
    {
        Assert.Equal(["0", "50", "100", "150", "200", "250"], HistogramLayout.Ticks(0, 256, 8).Select(t => t.Label));
        Assert.Equal(["0.00", "0.25", "0.50", "0.75", "1.00"], HistogramLayout.Ticks(0, 1, 4).Select(t => t.Label));
        Assert.Equal(["-1", "0", "1", "2"], HistogramLayout.Ticks(-1.2, 2.3, 4).Select(t => t.Label));
        Assert.Equal(["0", "1E+7", "2E+7", "3E+7"], HistogramLayout.Ticks(0, 3e7, 3).Select(t => t.Label));
    }

    [Fact]
    public void EqualEdges_ABlankImage_RendersOneBarInAWidenedView()
    {
        // np.linspace(7, 7, 4): zero-width bins; NumPy counts everything in the last. Matplotlib widens the view by 5 %.
        long[] counts = [0, 0, 600];
        double[] edges = [7, 7, 7, 7];
        RgbImage image = HistogramPlot.RenderRgb(counts, edges, 300, 200, null);
        int blue = 0;
        for (int x = 0; x < image.Width; x++)
        {
            blue += image[x, 150] == Rgb.MatplotlibBlue ? 1 : 0;
        }

        Assert.Equal(1, blue);
        Assert.Contains("width=\"1\"", HistogramPlot.RenderSvg(counts, edges, 300, 200, null), StringComparison.Ordinal);
        Assert.Contains(">6.8<", HistogramPlot.RenderSvg(counts, edges, 300, 200, null), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => HistogramPlot.RenderRgb([], [0], 300, 200, null));
        Assert.Throws<ArgumentException>(() => HistogramPlot.RenderRgb([1, 2], [0, 1], 300, 200, null));
        Assert.Throws<ArgumentException>(() => HistogramPlot.RenderRgb([1, 2], [0, 1, 0.5], 300, 200, null));
        Assert.Throws<ArgumentException>(() => HistogramPlot.RenderRgb([1, 2], [0, 1, double.NaN], 300, 200, null));
        Assert.Throws<ArgumentException>(() => HistogramPlot.RenderRgb([1, -2], [0, 1, 2], 300, 200, null));
        Assert.Throws<ArgumentException>(() => HistogramPlot.RenderRgb([1, 2], [0, 1, 2], 30, 20, null));
        Assert.Throws<ArgumentException>(() => HistogramPlot.RenderSvg([1, 2], [0, 1, 2], 0, 200, null));
        Assert.Throws<ArgumentException>(() => HistogramPlot.ToCsv([1], [0]));
    }
}

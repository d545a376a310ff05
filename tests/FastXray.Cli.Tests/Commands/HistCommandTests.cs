using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary>
/// <c>fastxray hist</c> counts like <c>scipy.ndimage.histogram</c> (edges <c>np.linspace(min, max, bins+1)</c>,
/// last bin closed, values outside not counted) and writes its table or plot as asked.
/// </summary>
public sealed class HistCommandTests
{
    [Fact]
    public void Default_json_has_256_bins_over_the_image_range_and_counts_every_pixel()
    {
        using var dir = new TempDir();
        string path = dir.Npy8("a.npy", 20, 15, seed: 3);
        CliResult r = CliRunner.Run(["hist", "a.npy", "--json"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        double[] samples = Samples(path);
        (double[] edges, long[] counts) = Parse(r.Stdout);
        AssertHistogram(samples, samples.Min(), samples.Max(), 256, edges, counts);
        Assert.Equal(samples.Length, counts.Sum());
    }

    [Theory]
    [InlineData(8, "7", null, null)]
    [InlineData(8, "10", "40", "200")]
    [InlineData(16, "13", "1000", "50000")]
    [InlineData(16, "1", null, null)]
    [InlineData(8, "5", "-20.5", "100.25")]
    public void Bins_min_and_max_give_ndimage_histogram_counts(int depth, string bins, string? min, string? max)
    {
        using var dir = new TempDir();
        string path = depth == 8 ? dir.Npy8("a.npy", 17, 11, seed: 6) : dir.Npy16("a.npy", 17, 11, seed: 7);
        List<string> args = ["hist", "a.npy", "--json", "--bins", bins];
        if (min is not null)
        {
            args.AddRange(["--min", min, "--max", max!]);
        }

        CliResult r = CliRunner.Run([.. args], dir.Path);
        Assert.Equal(0, r.ExitCode);
        double[] samples = Samples(path);
        double lo = min is null ? samples.Min() : double.Parse(min, CultureInfo.InvariantCulture);
        double hi = max is null ? samples.Max() : double.Parse(max, CultureInfo.InvariantCulture);
        (double[] edges, long[] counts) = Parse(r.Stdout);
        AssertHistogram(samples, lo, hi, int.Parse(bins, CultureInfo.InvariantCulture), edges, counts);
    }

    [Fact]
    public void Values_on_edges_go_to_the_upper_bin_and_the_maximum_to_the_last()
    {
        using var dir = new TempDir();

        // Edges of --min 0 --max 4 --bins 4 are 0,1,2,3,4: each value sits exactly on an edge; 5 and -1 are outside.
        dir.NpyFloat("e.npy", [0, 1, 1, 2, 3, 4, 4, 4, 5, -1], 5, 2);
        CliResult r = CliRunner.Run(["hist", "e.npy", "--json", "--bins", "4", "--min", "0", "--max", "4"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        (double[] edges, long[] counts) = Parse(r.Stdout);
        Assert.Equal([0.0, 1, 2, 3, 4], edges);
        Assert.Equal([1L, 2, 1, 4], counts);
    }

    [Fact]
    public void Float_samples_are_binned_by_their_float_values()
    {
        using var dir = new TempDir();
        var rng = new Random(9);
        float[] pixels = new float[13 * 7];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)((rng.NextDouble() * 3) - 1);
        }

        dir.NpyFloat("f.npy", pixels, 13, 7);
        CliResult r = CliRunner.Run(["hist", "f.npy", "--json", "--bins", "9"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        double[] samples = [.. pixels.Select(p => (double)p)];
        (double[] edges, long[] counts) = Parse(r.Stdout);
        AssertHistogram(samples, samples.Min(), samples.Max(), 9, edges, counts);
    }

    [Fact]
    public void A_constant_image_puts_every_pixel_in_the_last_bin_as_numpy_does()
    {
        using var dir = new TempDir();
        dir.NpyFloat("c.npy", [.. Enumerable.Repeat(7f, 12)], 4, 3);
        CliResult r = CliRunner.Run(["hist", "c.npy", "--json", "--bins", "3"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        (_, long[] counts) = Parse(r.Stdout);
        Assert.Equal(NumPyReference.Histogram(Enumerable.Repeat(7.0, 12), 7, 7, 3), counts);
    }

    [Fact]
    public void Csv_file_has_a_header_and_one_row_per_bin_matching_the_counts()
    {
        using var dir = new TempDir();
        string path = dir.Npy8("a.npy", 10, 10, seed: 12);
        CliResult r = CliRunner.Run(["hist", "a.npy", "--bins", "6", "-o", "h.csv"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        string[] lines = File.ReadAllText(dir["h.csv"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("left_edge,right_edge,count", lines[0]);
        Assert.Equal(7, lines.Length);
        double[] samples = Samples(path);
        double[] edges = NumPyReference.Linspace(samples.Min(), samples.Max(), 7);
        long[] expected = NumPyReference.Histogram(samples, samples.Min(), samples.Max(), 6);
        for (int i = 0; i < 6; i++)
        {
            string[] cells = lines[i + 1].Split(',');
            Assert.Equal(3, cells.Length);
            NumPyReference.Close(edges[i], double.Parse(cells[0], CultureInfo.InvariantCulture), 1e-12, "left edge " + i);
            NumPyReference.Close(edges[i + 1], double.Parse(cells[1], CultureInfo.InvariantCulture), 1e-12, "right edge " + i);
            Assert.Equal(expected[i], long.Parse(cells[2], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Without_json_or_output_the_csv_table_goes_to_stdout()
    {
        using var dir = new TempDir();
        string path = dir.Npy8("a.npy", 8, 8, seed: 13);
        CliResult r = CliRunner.Run(["hist", "a.npy", "--bins", "4"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        string[] lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("left_edge,right_edge,count", lines[0]);
        double[] samples = Samples(path);
        Assert.Equal(NumPyReference.Histogram(samples, samples.Min(), samples.Max(), 4), lines[1..].Select(l => long.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Svg_output_is_an_svg_document()
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy");
        CliResult r = CliRunner.Run(["hist", "a.npy", "-o", "h.svg"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        XDocument svg = XDocument.Load(dir["h.svg"]);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Equal("http://www.w3.org/2000/svg", svg.Root.Name.NamespaceName);
    }

    [Fact]
    public void Png_output_decodes_as_an_rgb_plot()
    {
        using var dir = new TempDir();
        dir.Npy16("a.npy");
        CliResult r = CliRunner.Run(["hist", "a.npy", "-o", "h.png"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        PngImage png = PngDecoder.DecodeFile(dir["h.png"]);
        Assert.True(png.Width > 0 && png.Height > 0);
        Assert.Equal(3, png.Channels);

        // A plot has more than one colour (bars and axes on a background).
        byte[] rgb = png.Pixels8!;
        Assert.True(Enumerable.Range(0, rgb.Length / 3).Select(i => (rgb[3 * i], rgb[(3 * i) + 1], rgb[(3 * i) + 2])).Distinct().Count() > 1);
    }

    [Theory]
    [InlineData("--json and -o are alternatives", "--json", "-o", "h.csv")]
    [InlineData("-o h.txt: expected a .svg, .png or .csv file", "-o", "h.txt")]
    [InlineData("--min 10 is above --max 5", "--min", "10", "--max", "5")]
    [InlineData("--min abc: expected a number", "--min", "abc")]
    [InlineData("--bins", "--bins", "0")]
    public void Usage_errors_exit_2_and_write_nothing(string message, params string[] args)
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy");
        var before = dir.Hashes();
        CliResult r = CliRunner.Run(["hist", "a.npy", .. args], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("fastxray: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("usage: fastxray hist ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, dir.Hashes());
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void A_bad_input_is_one_line_exit_1_and_no_plot()
    {
        using var dir = new TempDir();
        dir.TruncatedNpy("t.npy");
        CliResult r = CliRunner.Run(["hist", "t.npy", "-o", "h.png"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("fastxray: t.npy: ", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["h.png"]));
    }

    private static void AssertHistogram(double[] samples, double min, double max, int bins, double[] edges, long[] counts)
    {
        double[] expectedEdges = NumPyReference.Linspace(min, max, bins + 1);
        Assert.Equal(bins + 1, edges.Length);
        for (int i = 0; i < edges.Length; i++)
        {
            NumPyReference.Close(expectedEdges[i], edges[i], 1e-12, "edge " + i);
        }

        Assert.Equal(NumPyReference.Histogram(samples, min, max, bins), counts);
    }

    private static (double[] Edges, long[] Counts) Parse(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return (
            [.. doc.RootElement.GetProperty("edges").EnumerateArray().Select(e => e.GetDouble())],
            [.. doc.RootElement.GetProperty("counts").EnumerateArray().Select(e => e.GetInt64())]);
    }

    private static double[] Samples(string path)
    {
        NpyArray array = NpyFile.Read(path);
        return array.DType == NpyDType.UInt8 ? [.. array.AsSpan<byte>().ToArray().Select(v => (double)v)]
            : [.. array.AsSpan<ushort>().ToArray().Select(v => (double)v)];
    }
}

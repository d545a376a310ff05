using System.Text.Json;
using FastXray.Cli.Tests.Support;
using FastXray.Edges;
using FastXray.Filters;
using FastXray.Fourier;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary>
/// <c>fastxray tutorial</c> writes the NumPy X-ray tutorial's panels for each input: panel PNGs in the
/// tutorial's colormaps, compare.png, the histogram files and stats.json; with <c>--npy</c> the float32 panel
/// arrays, which must equal direct FastXray.Core calls and the tutorial's masks computed here.
/// </summary>
public sealed class TutorialCommandTests
{
    private const int W = 24;
    private const int H = 20;

    /// <summary>The tutorial's panels and the colormaps it shows each with (grey is <c>NAME.png</c>, a colour map <c>NAME_MAP.png</c>).</summary>
    private static readonly (string Panel, string[] Maps)[] s_panels =
    [
        ("laplace_gaussian", ["gray"]),
        ("gaussian_gradient", ["gray"]),
        ("sobel", ["gray", "hot", "CMRmap"]),
        ("canny", ["gray", "prism", "nipy_spectral", "terrain"]),
        ("mask_noisy", ["gray"]),
        ("mask_less_noisy", ["gray"]),
    ];

    private static IEnumerable<string> PanelPngs() =>
        s_panels.SelectMany(p => p.Maps.Select(m => m == "gray" ? p.Panel + ".png" : $"{p.Panel}_{m}.png"));

    private static string[] ExpectedFiles(bool npy, bool figure) =>
        [.. new[] { "original.png", "histogram.png", "histogram.svg", "histogram.csv", "stats.json" }
            .Concat(PanelPngs())
            .Concat(npy ? s_panels.Select(p => p.Panel + ".npy") : [])
            .Concat(figure ? ["compare.png"] : [])
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void One_npy_input_writes_every_panel_and_stats_json_matches_its_statistics()
    {
        using var dir = new TempDir();
        string path = dir.Npy8("chest.npy", W, H, seed: 40);
        CliResult r = CliRunner.Run(["tutorial", "chest.npy", "-o", "out"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        Assert.Equal(ExpectedFiles(npy: false, figure: true), dir.Files("out"));
        Assert.StartsWith("chest.npy: 24x20 uint8, float32 panels -> out/\n", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExpectedFiles(npy: false, figure: true), r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..].Select(l => l.Trim()).Order(StringComparer.Ordinal));

        double[] samples = [.. NpyFile.Read(path).AsSpan<byte>().ToArray().Select(v => (double)v)];
        AssertStatsJson(dir["out/stats.json"], "chest.npy", W, H, "uint8", samples);

        foreach (string png in PanelPngs().Append("original.png"))
        {
            PngImage image = PngDecoder.DecodeFile(dir["out/" + png]);
            Assert.Equal(W, image.Width);
            Assert.Equal(H, image.Height);
        }

        Assert.True(PngDecoder.DecodeFile(dir["out/sobel_hot.png"]).Channels >= 3);
        Assert.Equal("left_edge,right_edge,count", File.ReadLines(dir["out/histogram.csv"]).First());
        Assert.Equal(257, File.ReadLines(dir["out/histogram.csv"]).Count());
    }

    [Fact]
    public void The_default_output_folder_is_stem_dash_tutorial()
    {
        using var dir = new TempDir();
        dir.Npy8("knee.npy", 10, 10);
        CliResult r = CliRunner.Run(["tutorial", "knee.npy", "--no-figure"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(ExpectedFiles(npy: false, figure: false), dir.Files("knee-tutorial"));
    }

    [Fact]
    public void Npy_panels_equal_direct_kernel_calls_and_the_tutorial_formulas()
    {
        using var dir = new TempDir();
        string path = dir.Npy8("a.npy", W, H, seed: 41);
        CliResult r = CliRunner.Run(["tutorial", "a.npy", "-o", "out", "--npy", "--no-figure"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(ExpectedFiles(npy: true, figure: false), dir.Files("out"));
        float[] source = [.. NpyFile.Read(path).AsSpan<byte>().ToArray().Select(v => (float)v)];

        // ndimage.gaussian_laplace(img, sigma=1) and gaussian_gradient_magnitude(img, sigma=2) on float32.
        float[] log = new float[W * H];
        GaussianLaplace.Apply(new ReadOnlyImageSpan<float>(source, W, H), new ImageSpan<float>(log, W, H), 1.0);
        Assert.Equal(log, Panel(dir, "laplace_gaussian"));
        float[] ggm = new float[W * H];
        GaussianGradientMagnitude.Apply(new ReadOnlyImageSpan<float>(source, W, H), new ImageSpan<float>(ggm, W, H), 2.0);
        Assert.Equal(ggm, Panel(dir, "gaussian_gradient"));

        // sobel = np.hypot(sobel(axis=0), sobel(axis=1)); sobel *= 255.0 / np.max(sobel).
        float[] x = new float[W * H];
        float[] y = new float[W * H];
        Sobel.Apply(new ReadOnlyImageSpan<float>(source, W, H), new ImageSpan<float>(x, W, H), 0);
        Sobel.Apply(new ReadOnlyImageSpan<float>(source, W, H), new ImageSpan<float>(y, W, H), 1);
        double[] hypot = [.. x.Zip(y, (a, b) => Math.Sqrt(((double)a * a) + ((double)b * b)))];
        double max = hypot.Max();
        float[] sobel = Panel(dir, "sobel");
        for (int i = 0; i < sobel.Length; i++)
        {
            NumPyReference.Close(hypot[i] * 255.0 / max, sobel[i], 1e-5 * 255, "sobel " + i);
        }

        // np.where(img > 150, img, 0) and np.where(img > 150, 1, 0).
        Assert.Equal(source.Select(v => v > 150 ? v : 0f), Panel(dir, "mask_noisy"));
        Assert.Equal(source.Select(v => v > 150 ? 1f : 0f), Panel(dir, "mask_less_noisy"));

        // Bit-exact with NumPy's float32 rule for x *= 255.0 / np.max(x): the scale rounded to float32, then a float32 multiply.
        float[] magnitude = new float[W * H];
        Sobel.Magnitude(new ReadOnlyImageSpan<float>(source, W, H), new ImageSpan<float>(magnitude, W, H));
        Assert.Equal(ScaleTo255(magnitude), sobel);

        // canny = prewitt magnitude of fourier_gaussian(img, sigma=0.05), then the same x255/max.
        float[] smoothed = new float[W * H];
        FourierGaussian.Apply(new ReadOnlyImageSpan<float>(source, W, H), new ImageSpan<float>(smoothed, W, H), 0.05);
        float[] prewitt = new float[W * H];
        Prewitt.Magnitude(new ReadOnlyImageSpan<float>(smoothed, W, H), new ImageSpan<float>(prewitt, W, H));
        float[] canny = Panel(dir, "canny");
        Assert.Equal(ScaleTo255(prewitt), canny);
        Assert.Equal(255f, canny.Max(), 3);
    }

    private static float[] ScaleTo255(float[] values)
    {
        float scale = (float)(255.0 / values.Max());
        return [.. values.Select(v => v * scale)];
    }

    [Fact]
    public void A_16_bit_png_using_all_16_bits_keeps_the_threshold_at_the_same_relative_level_and_reports_uint16()
    {
        using var dir = new TempDir();
        var rng = new Random(42);
        ushort[] pixels = new ushort[12 * 10];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (ushort)rng.Next(65536);
        }

        PngEncoder.EncodeFile(dir["x16.png"], pixels, 12, 10, PngColorType.Gray);
        CliResult r = CliRunner.Run(["tutorial", "x16.png", "-o", "out", "--npy", "--no-figure"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        AssertStatsJson(dir["out/stats.json"], "x16.png", 12, 10, "uint16", [.. pixels.Select(p => (double)p)]);

        // Samples up to 65535 use 16 bits: 150 on 8 bits is 150 * 257 on 16 (the same fraction of full scale).
        Assert.Equal(pixels.Select(v => v > 150 * 257 ? 1f : 0f), Panel(dir, "mask_less_noisy"));
        Assert.Equal(pixels.Select(v => v > 150 * 257 ? (float)v : 0f), Panel(dir, "mask_noisy"));
    }

    [Fact]
    public void An_8_bit_png_gives_the_same_panels_as_the_same_pixels_in_npy()
    {
        using var dir = new TempDir();
        string npy = dir.Npy8("a.npy", W, H, seed: 43);
        byte[] pixels = NpyFile.Read(npy).AsSpan<byte>().ToArray();
        PngEncoder.EncodeFile(dir["b.png"], pixels, W, H, PngColorType.Gray);
        CliResult r = CliRunner.Run(["tutorial", "a.npy", "b.png", "-o", "out", "--npy", "--no-figure"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        foreach ((string panel, _) in s_panels)
        {
            Assert.Equal(File.ReadAllBytes(dir[$"out/a/{panel}.npy"]), File.ReadAllBytes(dir[$"out/b/{panel}.npy"]));
        }
    }

    [Fact]
    public void No_figure_omits_only_compare_png_and_the_figure_has_nine_tiles_in_one_row()
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy", W, H, seed: 44);
        CliResult with = CliRunner.Run(["tutorial", "a.npy", "-o", "with"], dir.Path);
        CliResult without = CliRunner.Run(["tutorial", "a.npy", "-o", "without", "--no-figure"], dir.Path);
        Assert.Equal(0, with.ExitCode);
        Assert.Equal(0, without.ExitCode);
        Assert.Equal(dir.Files("with").Where(f => f != "compare.png"), dir.Files("without"));
        Assert.Contains("compare.png", dir.Files("with"));

        // Nine tiles (the original and eight panels) of the image's size, 10-pixel margins and gaps.
        PngImage compare = PngDecoder.DecodeFile(dir["with/compare.png"]);
        Assert.Equal(20 + (9 * W) + (8 * 10), compare.Width);
        Assert.True(compare.Height > H + 20);
    }

    [Fact]
    public void Several_inputs_each_go_to_dir_stem_with_their_own_statistics()
    {
        using var dir = new TempDir();
        string[] names = ["one.npy", "sub/two.npy", "three.npy"];
        double[][] samples = new double[3][];
        for (int i = 0; i < 3; i++)
        {
            string path = dir.Npy8(names[i], 8 + i, 6 + i, seed: 50 + i);
            samples[i] = [.. NpyFile.Read(path).AsSpan<byte>().ToArray().Select(v => (double)v)];
        }

        CliResult r = CliRunner.Run(["tutorial", .. names, "-o", "all", "--no-figure", "--jobs", "2"], dir.Path);
        Assert.Equal(0, r.ExitCode);

        // Three sizes cannot make one animation: said in one line, and no progression file is written.
        Assert.Equal(["fastxray: progression.gif/.png not written: two is 9x7, one is 8x6 (the frames of an animation must match)"], r.ErrorLines);
        Assert.Equal(["one", "three", "two"], dir.Files("all").Select(f => f.Split('/')[0]).Distinct().Order(StringComparer.Ordinal));
        string[] stems = ["one", "two", "three"];
        Assert.Equal(stems.Order(StringComparer.Ordinal), Directory.EnumerateDirectories(dir["all"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(ExpectedFiles(npy: false, figure: false), dir.Files("all/" + stems[i]));
            AssertStatsJson(dir[$"all/{stems[i]}/stats.json"], names[i], 8 + i, 6 + i, "uint8", samples[i]);
        }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    public void A_bad_input_among_good_ones_is_one_line_naming_it_exit_1_and_the_others_finish(string kind)
    {
        using var dir = new TempDir();
        dir.Npy8("good1.npy", 10, 8, seed: 60);
        dir.Npy8("good2.npy", 10, 8, seed: 61);
        string bad = kind + ".npy";
        switch (kind)
        {
            case "truncated": dir.TruncatedNpy(bad); break;
            case "garbage": dir.Bytes(bad, [1, 2, 3, 4, 5, 6, 7, 8]); break;
        }

        CliResult r = CliRunner.Run(["tutorial", "good1.npy", bad, "good2.npy", "-o", "out", "--no-figure"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith($"fastxray: {bad}: ", r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(ExpectedFiles(npy: false, figure: false), dir.Files("out/good1"));
        Assert.Equal(ExpectedFiles(npy: false, figure: false), dir.Files("out/good2"));
        Assert.Empty(dir.Files("out/" + kind));
    }

    [Fact]
    public void A_single_bad_input_is_one_line_exit_1()
    {
        using var dir = new TempDir();
        dir.TruncatedNpy("t.npy");
        CliResult r = CliRunner.Run(["tutorial", "t.npy", "-o", "out"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("fastxray: t.npy: ", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(dir.Files("out"));
    }

    [Theory]
    [InlineData("a/x.npy", "b/x.npy")]
    [InlineData("x.npy", "x.png")]
    public void Two_inputs_with_one_stem_are_a_usage_error_and_nothing_is_written(string first, string second)
    {
        using var dir = new TempDir();
        dir.Npy8(first);
        if (second.EndsWith(".png", StringComparison.Ordinal))
        {
            PngEncoder.EncodeFile(dir[second], new byte[12 * 9], 12, 9, PngColorType.Gray);
        }
        else
        {
            dir.Npy8(second);
        }

        var before = dir.Hashes();
        CliResult r = CliRunner.Run(["tutorial", first, second, "-o", "out"], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(first, r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains(second, r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("usage: fastxray tutorial ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, dir.Hashes());
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public void Exact_needs_an_8_bit_input()
    {
        using var dir = new TempDir();
        dir.Npy16("w.npy");
        CliResult r = CliRunner.Run(["tutorial", "w.npy", "-o", "out", "--exact"], dir.Path);

        // A property of the file (it had to be read to know): bad input, one line naming it, nothing written.
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("fastxray: w.npy: --exact", Assert.Single(r.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["out"]));
        Assert.Contains("uint16", r.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_mask_panels_have_the_tutorial_dtypes_and_values()
    {
        using var dir = new TempDir();
        string path = dir.Npy8("e.npy", 12, 10, seed: 45);
        CliResult r = CliRunner.Run(["tutorial", "e.npy", "-o", "out", "--exact", "--npy", "--no-figure"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        byte[] source = NpyFile.Read(path).AsSpan<byte>().ToArray();

        // np.where(img > 150, img, 0) stays uint8; np.where(img > 150, 1, 0) is int64.
        NpyArray noisy = NpyFile.Read(dir["out/mask_noisy.npy"]);
        Assert.Equal(NpyDType.UInt8, noisy.DType);
        Assert.Equal(source.Select(v => v > 150 ? v : (byte)0), noisy.AsSpan<byte>().ToArray());
        NpyArray less = NpyFile.Read(dir["out/mask_less_noisy.npy"]);
        Assert.Equal(source.Select(v => v > 150 ? 1L : 0L), less.AsSpan<long>().ToArray());
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllBytes(dir["out/stats.json"]));
        Assert.Equal("exact", stats.RootElement.GetProperty("mode").GetString());
    }

    private static float[] Panel(TempDir dir, string name)
    {
        NpyArray array = NpyFile.Read(dir[$"out/{name}.npy"]);
        Assert.Equal(NpyDType.Float32, array.DType);
        return array.AsSpan<float>().ToArray();
    }

    private static void AssertStatsJson(string path, string file, int width, int height, string dtype, double[] samples)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = doc.RootElement;
        Assert.Equal(file, root.GetProperty("file").GetString());
        Assert.Equal(width, root.GetProperty("width").GetInt32());
        Assert.Equal(height, root.GetProperty("height").GetInt32());
        Assert.Equal(dtype, root.GetProperty("dtype").GetString());
        Assert.Equal("float32", root.GetProperty("mode").GetString());
        var expected = NumPyReference.Stats(samples);
        Assert.Equal(expected.Min, root.GetProperty("min").GetDouble());
        Assert.Equal(expected.Max, root.GetProperty("max").GetDouble());
        Assert.Equal(expected.Median, root.GetProperty("median").GetDouble());
        NumPyReference.Close(expected.Mean, root.GetProperty("mean").GetDouble(), 1e-12, "mean");
        NumPyReference.Close(expected.Std, root.GetProperty("std").GetDouble(), 1e-12, "std");

        // The tutorial's ndimage.histogram(img, min=img.min(), max=img.max(), bins=256).
        JsonElement hist = root.GetProperty("histogram");
        Assert.Equal(256, hist.GetProperty("bins").GetInt32());
        Assert.Equal(NumPyReference.Histogram(samples, expected.Min, expected.Max, 256), hist.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()));
    }

    [Fact]
    public void Files_are_the_same_bytes_whatever_the_number_of_encoding_threads()
    {
        // One input: --jobs threads encode its panels in parallel; the files must not depend on it.
        using var dir = new TempDir();
        string input = dir.Npy8("one.npy", 48, 40, seed: 12);
        foreach (string jobs in new[] { "1", "3" })
        {
            CliResult r = CliRunner.Run(["tutorial", input, "-o", "j" + jobs, "--npy", "--jobs", jobs], dir.Path);
            Assert.True(r.ExitCode == 0, r.ToString());
        }

        Dictionary<string, string> one = dir.Hashes("j1");
        Assert.Equal(ExpectedFiles(npy: true, figure: true).Length, one.Count);
        Assert.Equal(one, dir.Hashes("j3"));
    }
}

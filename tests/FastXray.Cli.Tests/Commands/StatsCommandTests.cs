using System.Globalization;
using System.Text.Json;
using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary><c>fastxray stats</c> prints NumPy's min, max, mean, median and std (ddof=0) of the stored samples.</summary>
public sealed class StatsCommandTests
{
    [Theory]
    [InlineData("u8.npy", 8)]
    [InlineData("u16.npy", 16)]
    [InlineData("odd.npy", 8)]
    public void Json_matches_numpy_statistics_of_integer_npy(string name, int depth)
    {
        using var dir = new TempDir();
        int width = name == "odd.npy" ? 7 : 12;
        int height = name == "odd.npy" ? 5 : 9;
        string path = depth == 8 ? dir.Npy8(name, width, height, seed: 4) : dir.Npy16(name, width, height, seed: 5);
        CliResult r = CliRunner.Run(["stats", name, "--json"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);

        double[] samples = ReadNpy(path);
        AssertStats(r.Stdout, name, width, height, depth, depth == 8 ? "uint8" : "uint16", samples, relative: 1e-12);
    }

    [Fact]
    public void Json_matches_numpy_statistics_of_float_npy_with_negatives_and_an_even_count()
    {
        using var dir = new TempDir();
        var rng = new Random(11);
        float[] pixels = new float[10 * 6];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)((rng.NextDouble() * 2000) - 700);
        }

        dir.NpyFloat("f.npy", pixels, 10, 6);
        CliResult r = CliRunner.Run(["stats", "f.npy", "--json"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        AssertStats(r.Stdout, "f.npy", 10, 6, 32, "float32", [.. pixels.Select(p => (double)p)], relative: 1e-6);
    }

    [Fact]
    public void An_8_bit_png_gives_the_statistics_of_its_pixels()
    {
        using var dir = new TempDir();
        byte[] pixels = RandomBytes(9 * 8, 21);
        PngEncoder.EncodeFile(dir["g.png"], pixels, 9, 8, PngColorType.Gray);
        CliResult r = CliRunner.Run(["stats", "g.png", "--json"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        AssertStats(r.Stdout, "g.png", 9, 8, 8, "uint8", [.. pixels.Select(p => (double)p)], relative: 1e-12);
    }

    [Fact]
    public void A_16_bit_png_keeps_its_16_bit_samples()
    {
        using var dir = new TempDir();
        var rng = new Random(22);
        ushort[] pixels = new ushort[6 * 7];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (ushort)rng.Next(65536);
        }

        PngEncoder.EncodeFile(dir["g16.png"], pixels, 6, 7, PngColorType.Gray);
        CliResult r = CliRunner.Run(["stats", "g16.png", "--json"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        AssertStats(r.Stdout, "g16.png", 6, 7, 16, "uint16", [.. pixels.Select(p => (double)p)], relative: 1e-12);
    }

    [Fact]
    public void An_rgb_png_whose_channels_are_equal_gives_the_statistics_of_that_grey()
    {
        using var dir = new TempDir();
        byte[] grey = RandomBytes(5 * 4, 23);
        byte[] rgb = new byte[grey.Length * 3];
        for (int i = 0; i < grey.Length; i++)
        {
            rgb[3 * i] = rgb[(3 * i) + 1] = rgb[(3 * i) + 2] = grey[i];
        }

        PngEncoder.EncodeFile(dir["c.png"], rgb, 5, 4, PngColorType.Rgb);
        CliResult r = CliRunner.Run(["stats", "c.png", "--json"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        AssertStats(r.Stdout, "c.png", 5, 4, 8, "uint8", [.. grey.Select(p => (double)p)], relative: 1e-12);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        using var dir = new TempDir();
        dir.NpyFloat("m.npy", [1, 2, 10, 40], 2, 2);
        CliResult r = CliRunner.Run(["stats", "m.npy", "--json"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(6.0, doc.RootElement.GetProperty("median").GetDouble());
        Assert.Equal(13.25, doc.RootElement.GetProperty("mean").GetDouble());

        // np.std([1, 2, 10, 40]) = sqrt(mean((x - 13.25)^2)), ddof=0.
        double std = Math.Sqrt((Math.Pow(12.25, 2) + Math.Pow(11.25, 2) + Math.Pow(3.25, 2) + Math.Pow(26.75, 2)) / 4);
        NumPyReference.Close(std, doc.RootElement.GetProperty("std").GetDouble(), 1e-12, "std");
    }

    [Fact]
    public void Text_output_has_one_line_per_statistic_with_the_same_values()
    {
        using var dir = new TempDir();
        string path = dir.Npy16("t.npy", 11, 3, seed: 8);
        CliResult r = CliRunner.Run(["stats", "t.npy"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0], p => p[1].Trim());
        Assert.Equal("t.npy", lines["file"]);
        Assert.Equal("11x3", lines["size"]);
        Assert.Equal("uint16", lines["dtype"]);
        var expected = NumPyReference.Stats(ReadNpy(path));
        NumPyReference.Close(expected.Min, Number(lines["min"]), 0, "min");
        NumPyReference.Close(expected.Max, Number(lines["max"]), 0, "max");
        NumPyReference.Close(expected.Mean, Number(lines["mean"]), 1e-12, "mean");
        NumPyReference.Close(expected.Median, Number(lines["median"]), 0, "median");
        NumPyReference.Close(expected.Std, Number(lines["std"]), 1e-12, "std");
    }

    [Fact]
    public void A_truncated_file_is_one_line_naming_it_with_exit_1()
    {
        using var dir = new TempDir();
        dir.TruncatedNpy("bad.npy");
        CliResult r = CliRunner.Run(["stats", "bad.npy"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("fastxray: bad.npy: ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    [Theory]
    [InlineData("missing the input file")]
    [InlineData("unexpected argument 'b.npy'", "a.npy", "b.npy")]
    public void Usage_errors_exit_2(string message, params string[] args)
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy");
        dir.Npy8("b.npy");
        CliResult r = CliRunner.Run(["stats", .. args], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("usage: fastxray stats ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    private static void AssertStats(string stdout, string file, int width, int height, int depth, string dtype, IReadOnlyList<double> samples, double relative)
    {
        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(file, root.GetProperty("file").GetString());
        Assert.Equal(width, root.GetProperty("width").GetInt32());
        Assert.Equal(height, root.GetProperty("height").GetInt32());
        Assert.Equal(depth, root.GetProperty("depth").GetInt32());
        Assert.Equal(dtype, root.GetProperty("dtype").GetString());
        Assert.Equal(width * height, samples.Count);
        var expected = NumPyReference.Stats(samples);
        Assert.Equal(expected.Min, root.GetProperty("min").GetDouble());
        Assert.Equal(expected.Max, root.GetProperty("max").GetDouble());
        NumPyReference.Close(expected.Median, root.GetProperty("median").GetDouble(), relative, "median");
        NumPyReference.Close(expected.Mean, root.GetProperty("mean").GetDouble(), relative, "mean");
        NumPyReference.Close(expected.Std, root.GetProperty("std").GetDouble(), relative, "std");
    }

    private static double[] ReadNpy(string path)
    {
        NpyArray array = NpyFile.Read(path);
        return array.DType == NpyDType.UInt8 ? [.. array.AsSpan<byte>().ToArray().Select(v => (double)v)]
            : [.. array.AsSpan<ushort>().ToArray().Select(v => (double)v)];
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        byte[] bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

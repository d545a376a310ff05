using System.Text.Json;
using FastXray.Cli.Tests.Support;
using FastXray.Filters;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary><c>fastxray demo</c> writes a synthetic phantom and runs the whole tutorial (with raw panels) on it.</summary>
public sealed class DemoCommandTests
{
    private static readonly string[] s_panels = ["laplace_gaussian", "gaussian_gradient", "sobel", "canny", "mask_noisy", "mask_less_noisy"];

    [Fact]
    public void A_small_demo_writes_the_phantom_and_every_panel_computed_from_it()
    {
        using var dir = new TempDir();
        CliResult r = CliRunner.Run(["demo", "-o", "d", "--size", "64"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);

        string[] files = dir.Files("d");
        foreach (string f in new[] { "phantom.png", "original.png", "compare.png", "histogram.png", "histogram.svg", "histogram.csv", "stats.json" }
            .Concat(s_panels.Select(p => p + ".png"))
            .Concat(s_panels.Select(p => p + ".npy")))
        {
            Assert.Contains(f, files);
        }

        // Every file written is listed on stdout.
        foreach (string f in files)
        {
            Assert.Contains("  " + f + "\n", r.Stdout, StringComparison.Ordinal);
        }

        PngImage phantom = PngDecoder.DecodeFile(dir["d/phantom.png"]);
        Assert.Equal(64, phantom.Width);
        Assert.Equal(64, phantom.Height);
        Assert.True(phantom.IsGray);
        Assert.Equal(8, phantom.BitDepth);
        byte[] pixels = phantom.Pixels8!;
        Assert.True(pixels.Distinct().Count() > 10, "the phantom should not be flat");

        // The panels are of the written phantom: stats and a panel recomputed from phantom.png.
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllBytes(dir["d/stats.json"]));
        var expected = NumPyReference.Stats([.. pixels.Select(p => (double)p)]);
        Assert.Equal(expected.Min, stats.RootElement.GetProperty("min").GetDouble());
        Assert.Equal(expected.Max, stats.RootElement.GetProperty("max").GetDouble());
        NumPyReference.Close(expected.Mean, stats.RootElement.GetProperty("mean").GetDouble(), 1e-12, "mean");
        float[] source = [.. pixels.Select(p => (float)p)];
        float[] log = new float[64 * 64];
        GaussianLaplace.Apply(new ReadOnlyImageSpan<float>(source, 64, 64), new ImageSpan<float>(log, 64, 64), 1.0);
        Assert.Equal(log, NpyFile.Read(dir["d/laplace_gaussian.npy"]).AsSpan<float>().ToArray());
        Assert.Equal(source.Select(v => v > 150 ? 1f : 0f), NpyFile.Read(dir["d/mask_less_noisy.npy"]).AsSpan<float>().ToArray());
    }

    [Fact]
    public void The_phantom_is_deterministic()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRunner.Run(["demo", "-o", "a", "--size", "32"], dir.Path).ExitCode);
        Assert.Equal(0, CliRunner.Run(["demo", "-o", "b", "--size", "32"], dir.Path).ExitCode);
        Assert.Equal(File.ReadAllBytes(dir["a/phantom.png"]), File.ReadAllBytes(dir["b/phantom.png"]));
    }

    [Theory]
    [InlineData("--size 4: expected an integer from 8 to 16384", "--size", "4")]
    [InlineData("unexpected argument 'x'", "x")]
    public void Usage_errors_exit_2_and_write_nothing(string message, params string[] args)
    {
        using var dir = new TempDir();
        CliResult r = CliRunner.Run(["demo", "-o", "d", .. args], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("usage: fastxray demo ", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }
}

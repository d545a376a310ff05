using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Cli.Tests.Memory;

/// <summary>
/// A plan over the budget stops the command before it allocates: one line naming the file, the need and the
/// budget, exit 1, nothing written (no output, no temporary file, no batch record).
/// </summary>
public sealed class MemoryRefusalTests
{
    /// <summary>A deterministic 8-bit grey PNG with texture (so deflate cannot shrink it to nothing).</summary>
    internal static string Png(TempDir dir, string relative, int width, int height, int seed = 1)
    {
        var rng = new Random(seed);
        var pixels = new byte[width * height];
        rng.NextBytes(pixels);
        string full = dir[relative];
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using (var stream = File.Create(full))
        {
            PngEncoder.Encode(stream, pixels, width, height, PngColorType.Gray);
        }

        return full;
    }

    private static readonly System.Text.RegularExpressions.Regex s_refusal = new(
        @"^fastxray: (?<file>\S+): needs (?<need>[0-9.]+ [KMGT]?i?B) for (?<what>.+), budget (?<budget>[0-9.]+ [KMGT]?i?B) \(--max-memory / FASTXRAY_MAX_MEMORY\)$");

    [Fact]
    public void Filter_refuses_with_one_line_and_writes_nothing()
    {
        using var dir = new TempDir();
        Png(dir, "big.png", 512, 512);
        Directory.CreateDirectory(dir["out"]);
        CliResult r = CliRunner.Run(["filter", "big.png", "-o", "out/edges.png", "--op", "sobel_magnitude", "--max-memory", "1M"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        string line = Assert.Single(r.ErrorLines);
        var m = s_refusal.Match(line);
        Assert.True(m.Success, line);
        Assert.Equal("big.png", m.Groups["file"].Value);
        Assert.Equal("512x512 sobel_magnitude", m.Groups["what"].Value);
        Assert.Equal("1.0 MiB", m.Groups["budget"].Value);
        Assert.Empty(dir.Files("out"));
    }

    [Fact]
    public void The_variable_sets_the_budget_and_the_option_overrides_it()
    {
        using var dir = new TempDir();
        Png(dir, "in.png", 512, 512);
        var tight = new Dictionary<string, string> { ["FASTXRAY_MAX_MEMORY"] = "2M" };
        CliResult refused = CliRunner.Run(["filter", "in.png", "-o", "out.png", "--op", "gaussian_filter:sigma=2"], dir.Path, environment: tight);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("budget 2.0 MiB", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["out.png"]));

        CliResult ok = CliRunner.Run(["filter", "in.png", "-o", "out.png", "--op", "gaussian_filter:sigma=2", "--max-memory", "1G"], dir.Path, environment: tight);
        Assert.Equal(0, ok.ExitCode);
        Assert.True(File.Exists(dir["out.png"]));
    }

    [Fact]
    public void Plan_prints_the_parts_and_the_budget_without_writing()
    {
        using var dir = new TempDir();
        Png(dir, "in.png", 300, 200);
        CliResult r = CliRunner.Run(["filter", "in.png", "-o", "out.png", "--op", "sobel_magnitude", "--op", "normalize", "--plan", "--max-memory", "64M"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("plan: 300x200 sobel_magnitude normalize\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("float32 source image", r.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"total \(\d+ bytes\)", r.Stdout);
        Assert.Contains("budget: 64.0 MiB (--max-memory); fits", r.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["out.png"]));
    }

    [Fact]
    public void Batch_fails_only_the_input_that_cannot_fit_and_finishes_the_others()
    {
        using var dir = new TempDir();
        Png(dir, "in/a.png", 64, 64, seed: 1);
        Png(dir, "in/big.png", 1024, 1024, seed: 2);
        Png(dir, "in/c.png", 64, 48, seed: 3);
        CliResult r = CliRunner.Run(["batch", "in", "-o", "out", "--op", "sobel_magnitude", "--jobs", "2", "--max-memory", "8M"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        string line = Assert.Single(r.ErrorLines);
        Assert.Matches(s_refusal, line);
        Assert.StartsWith("fastxray: in/big.png: needs ", line, StringComparison.Ordinal);
        // The others are complete; the refused one left no output, no temporary file and no record.
        string[] files = Directory.GetFiles(dir["out"], "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal([".a.png.fastxray.json", ".c.png.fastxray.json", "a.png", "c.png"], files);
    }

    [Fact]
    public void Batch_output_bytes_do_not_depend_on_how_much_the_budget_admits_at_once()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 6; i++)
        {
            Png(dir, $"in/i{i}.png", 96 + (16 * i), 80, seed: i);
        }

        // 6 MiB admits one of these at a time; 1 GiB all of them.
        CliResult one = CliRunner.Run(["batch", "in", "-o", "narrow", "--op", "gaussian_filter:sigma=2", "--jobs", "3", "--max-memory", "6M"], dir.Path);
        CliResult all = CliRunner.Run(["batch", "in", "-o", "wide", "--op", "gaussian_filter:sigma=2", "--jobs", "3", "--max-memory", "1G"], dir.Path);
        Assert.Equal(0, one.ExitCode);
        Assert.Equal(0, all.ExitCode);
        Assert.Equal(dir.Hashes("narrow").Where(h => !h.Key.StartsWith('.')), dir.Hashes("wide").Where(h => !h.Key.StartsWith('.')));
        Assert.Equal(6, dir.Files("narrow").Count(f => f.EndsWith(".png", StringComparison.Ordinal) && !f.StartsWith('.')));
    }

    [Fact]
    public void Tutorial_refuses_before_making_its_folder()
    {
        using var dir = new TempDir();
        Png(dir, "chest.png", 256, 256);
        CliResult r = CliRunner.Run(["tutorial", "chest.png", "-o", "t", "--max-memory", "4M"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        string line = Assert.Single(r.ErrorLines);
        Assert.Matches(s_refusal, line);
        Assert.Contains("for 256x256 tutorial", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["t"]));
    }

    [Fact]
    public void Tutorial_with_several_inputs_refuses_only_the_one_that_cannot_fit()
    {
        using var dir = new TempDir();
        Png(dir, "small.png", 32, 32);
        Png(dir, "large.png", 1024, 1024);
        CliResult r = CliRunner.Run(["tutorial", "small.png", "large.png", "-o", "t", "--no-figure", "--max-memory", "40M"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("fastxray: large.png: needs ", Assert.Single(r.ErrorLines), StringComparison.Ordinal);
        Assert.True(File.Exists(dir["t/small/sobel.png"]));
        Assert.False(Directory.Exists(dir["t/large"]));
    }

    [Fact]
    public void Demo_at_16384_fails_cleanly_on_a_budget_that_cannot_hold_it()
    {
        using var dir = new TempDir();
        CliResult r = CliRunner.Run(["demo", "--size", "16384", "-o", "d", "--max-memory", "1G"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        string line = Assert.Single(r.ErrorLines);
        Assert.Matches(s_refusal, line);
        Assert.StartsWith("fastxray: demo: needs ", line, StringComparison.Ordinal);
        Assert.Contains("for 16384x16384 tutorial, budget 1.0 GiB", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["d"]));
    }

    [Fact]
    public void Stats_hist_bench_montage_and_stack_refuse_too()
    {
        using var dir = new TempDir();
        Png(dir, "a.png", 512, 512);
        Png(dir, "b.png", 512, 512, seed: 2);
        string[][] commands =
        [
            ["stats", "a.png"],
            ["hist", "a.png", "-o", "h.png"],
            ["bench", "--image", "a.png", "--op", "sobel", "--repeat", "1"],
            ["bench", "--size", "2048", "--op", "sobel", "--repeat", "1"],
            ["montage", "a.png", "b.png", "-o", "m.png"],
            ["stack", "a.png", "b.png", "-o", "s.gif"],
        ];
        foreach (string[] c in commands)
        {
            CliResult r = CliRunner.Run([.. c, "--max-memory", "256K"], dir.Path);
            Assert.True(r.ExitCode == 1, string.Join(' ', c) + "\n" + r);
            Assert.Matches(s_refusal, Assert.Single(r.ErrorLines));
        }

        Assert.Equal(["a.png", "b.png"], dir.Files());
    }
}

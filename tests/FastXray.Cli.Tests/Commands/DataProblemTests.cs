using System.Text.Json;
using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Npy;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary>
/// Inputs that decode but whose data a command cannot use (an empty array, NaN or infinite samples, a 16-bit
/// image for <c>tutorial --exact</c>) are one-line problems naming the file with exit code 1, never an internal
/// error or a crashed process; with several tutorial inputs the others still finish.
/// </summary>
public sealed class DataProblemTests
{
    [Theory]
    [InlineData("stats")]
    [InlineData("hist")]
    [InlineData("tutorial")]
    [InlineData("filter")]
    public void An_empty_array_is_a_one_line_problem_naming_the_file(string command)
    {
        using var dir = new TempDir();
        string empty = Empty(dir);
        string[] args = command == "filter" ? ["filter", empty, "-o", "out.png"] : [command, empty];
        CliResult r = CliRunner.Run(args, dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"fastxray: {empty}: empty image (shape (0, 5))", Assert.Single(r.ErrorLines));
    }

    [Theory]
    [InlineData("stack")]
    [InlineData("montage")]
    public void An_empty_frame_or_panel_is_a_one_line_problem_naming_the_file(string command)
    {
        using var dir = new TempDir();
        string good = dir.Npy8("good.npy", 8, 6);
        string empty = Empty(dir);
        string output = command == "stack" ? "out.gif" : "out.png";
        CliResult r = CliRunner.Run([command, good, empty, "-o", output], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(empty + ": empty image", Assert.Single(r.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(dir[output]));
    }

    [Fact]
    public void A_morphology_run_that_never_stabilises_is_a_one_line_problem_and_writes_nothing()
    {
        using var dir = new TempDir();
        string input = dir.NpyFloat("line.npy", [0, 0, 0, 1, 0, 0, 0, 0], 8, 1);
        CliResult r = CliRunner.Run(["filter", input, "-o", "out.npy", "--op", "binary_dilation:structure=[[1,0,1]],iterations=0"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        string line = Assert.Single(r.ErrorLines);
        Assert.StartsWith($"fastxray: {input}: ", line, StringComparison.Ordinal);
        Assert.Contains("cycle with period 2", line, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["out.npy"]));
    }

    [Fact]
    public void Stats_json_writes_non_finite_statistics_as_strings()
    {
        using var dir = new TempDir();
        string input = dir.NpyFloat("f.npy", [1, float.PositiveInfinity, 3, 4], 2, 2);
        CliResult r = CliRunner.Run(["stats", input, "--json"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("min").GetDouble());
        Assert.Equal("Infinity", doc.RootElement.GetProperty("max").GetString());
        Assert.Equal("Infinity", doc.RootElement.GetProperty("mean").GetString());
        Assert.Equal(3.5, doc.RootElement.GetProperty("median").GetDouble());
        Assert.Equal("NaN", doc.RootElement.GetProperty("std").GetString()); // np.std with inf is nan
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.NegativeInfinity)]
    public void Hist_over_a_non_finite_range_names_the_file(float bad)
    {
        using var dir = new TempDir();
        string input = dir.NpyFloat("f.npy", [1, bad, 3, 4], 2, 2);
        CliResult r = CliRunner.Run(["hist", input, "--json"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"fastxray: {input}: the value range", Assert.Single(r.ErrorLines), StringComparison.Ordinal);

        // With an explicit range the histogram is defined (NumPy counts only the finite samples inside it).
        CliResult ok = CliRunner.Run(["hist", input, "--json", "--bins", "3", "--min", "1", "--max", "4"], dir.Path);
        Assert.True(ok.ExitCode == 0, ok.ToString());
        using JsonDocument doc = JsonDocument.Parse(ok.Stdout);
        Assert.Equal([1L, 0L, 2L], doc.RootElement.GetProperty("counts").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("4")]
    public void Tutorial_reports_bad_data_per_file_and_finishes_the_others(string jobs)
    {
        using var dir = new TempDir();
        string a = dir.Npy8("a.npy", 16, 12, seed: 1);
        string w16 = dir.Npy16("w16.npy", 16, 12);
        string empty = Empty(dir);
        string inf = dir.NpyFloat("inf.npy", [.. Enumerable.Repeat(2f, 191), float.PositiveInfinity], 16, 12);
        string b = dir.Npy8("b.npy", 16, 12, seed: 2);

        // --exact needs uint8 data: the 16-bit file is refused, the empty one too, a and b finish.
        CliResult r = CliRunner.Run(["tutorial", a, w16, empty, b, "--exact", "-o", "exact", "--jobs", jobs], dir.Path);
        Assert.Equal(1, r.ExitCode);
        string[] lines = [.. r.ErrorLines.Order(StringComparer.Ordinal)];
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"fastxray: {empty}: empty image", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"fastxray: {w16}: --exact reproduces the tutorial's uint8 arrays", lines[1], StringComparison.Ordinal);
        Assert.True(File.Exists(dir["exact/a/stats.json"]));
        Assert.True(File.Exists(dir["exact/b/stats.json"]));
        Assert.False(Directory.Exists(dir["exact/w16"]));

        // Float32 panels: the infinite sample leaves no finite histogram range; 16-bit is fine here.
        r = CliRunner.Run(["tutorial", a, w16, inf, b, "-o", "float", "--jobs", jobs], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"fastxray: {inf}: the value range", Assert.Single(r.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["float/inf"]));
        foreach (string stem in new[] { "a", "w16", "b" })
        {
            Assert.True(File.Exists(dir[$"float/{stem}/stats.json"]), stem);
        }
    }

    [Theory]
    [InlineData("--no-figure")]
    [InlineData("--npy")]
    [InlineData("--exact")]
    public void Tutorial_and_hist_on_a_blank_image_follow_scipy(string mode)
    {
        // A constant image (a blank frame) has min == max: np.linspace(7, 7, 257) gives 256 empty bins of width
        // zero and NumPy counts every sample in the last one. This used to be an internal error from the plot.
        using var dir = new TempDir();
        string input = dir.NpyFloat("blank.npy", [.. Enumerable.Repeat(7f, 30 * 20)], 30, 20);
        string blank8 = dir["blank8.npy"];
        using (FileStream stream = File.Create(blank8))
        {
            NpyFile.Write<byte>(stream, Enumerable.Repeat((byte)7, 30 * 20).ToArray(), 20, 30);
        }

        CliResult r = CliRunner.Run(["tutorial", mode == "--exact" ? blank8 : input, mode, "-o", "out"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        string[] csv = File.ReadAllLines(dir["out/histogram.csv"]);
        Assert.Equal(257, csv.Length);
        Assert.Equal("7,7,600", csv[^1]);
        Assert.All(csv[1..^1], line => Assert.Equal("7,7,0", line));
        Assert.True(File.Exists(dir["out/histogram.png"]));

        CliResult hist = CliRunner.Run(["hist", input, "--json"], dir.Path);
        Assert.True(hist.ExitCode == 0, hist.ToString());
        using JsonDocument doc = JsonDocument.Parse(hist.Stdout);
        long[] counts = [.. doc.RootElement.GetProperty("counts").EnumerateArray().Select(e => e.GetInt64())];
        Assert.Equal(600, counts[^1]);
        Assert.Equal(600, counts.Sum());
    }

    private static string Empty(TempDir dir)
    {
        string path = dir["empty.npy"];
        using FileStream stream = File.Create(path);
        NpyFile.Write<float>(stream, ReadOnlySpan<float>.Empty, 0, 5);
        return path;
    }
}

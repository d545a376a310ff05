using System.Text.Json;
using FastXray.Cli.Tests.Support;
using Xunit;

namespace FastXray.Cli.Tests.Batch;

/// <summary><c>batch --output-dtype input</c>: each file exactly as <c>filter --output-dtype input</c> writes it, resumable on that option.</summary>
public sealed class BatchOutputDtypeTests
{
    private static JsonElement Summary(CliResult r) => JsonDocument.Parse(r.Stdout).RootElement;

    [Fact]
    public void Every_output_equals_filter_and_a_rerun_skips_only_with_the_same_dtype_option()
    {
        using var dir = new TempDir();
        dir.Npy8("in/a.npy", 23, 17, seed: 1);
        dir.Npy16("in/b.npy", 23, 17, seed: 2);
        string[] ops = ["--op", "convolve:weights=[[.11,.11,.11],[.11,.12,.11],[.11,.11,.11]]", "--op", "gaussian_filter:sigma=1.5"];
        CliResult r = CliRunner.Run(["batch", "in", "-o", "out", "--format", "npy", "--output-dtype", "input", "--json", .. ops], dir.Path);
        Assert.Equal(0, r.ExitCode);
        foreach (string stem in new[] { "a", "b" })
        {
            Assert.Equal(0, CliRunner.Run(["filter", $"in/{stem}.npy", "-o", $"{stem}.npy", "--output-dtype", "input", .. ops], dir.Path).ExitCode);
            Assert.Equal(File.ReadAllBytes(dir[$"{stem}.npy"]), File.ReadAllBytes(dir[$"out/{stem}.npy"]));
        }

        CliResult again = CliRunner.Run(["batch", "in", "-o", "out", "--format", "npy", "--output-dtype", "input", "--json", .. ops], dir.Path);
        Assert.Equal(2, Summary(again).GetProperty("skipped").GetInt32());
        CliResult floats = CliRunner.Run(["batch", "in", "-o", "out", "--format", "npy", "--json", .. ops], dir.Path);
        Assert.Equal(2, Summary(floats).GetProperty("ok").GetInt32());
    }

    [Fact]
    public void A_float_only_op_is_a_usage_error_before_any_file_is_read()
    {
        using var dir = new TempDir();
        dir.Npy8("in/a.npy");
        CliResult r = CliRunner.Run(["batch", "in", "-o", "out", "--output-dtype", "input", "--op", "sobel_magnitude"], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("fastxray: --output-dtype input: sobel_magnitude does not keep the input dtype", r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Empty(dir.Files("out"));
    }
}

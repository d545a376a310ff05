using FastXray.Cli.Ops;
using FastXray.Cli.Tests.Support;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary><c>fastxray ops</c> lists every registered op with its parameters; <c>ops NAME</c> describes one.</summary>
public sealed class OpsCommandTests
{
    [Fact]
    public void Lists_every_registered_op_once_in_registration_order()
    {
        CliResult r = CliRunner.Run(["ops"], null);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        string[] headers = [.. r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith(' '))];
        Assert.Equal(OpRegistry.Default.All.Select(o => o.Name), headers.Select(h => h.Split(" — ")[0]));
        Assert.NotEmpty(headers);
    }

    [Fact]
    public void The_list_includes_the_scipy_ndimage_filters_the_cli_mirrors()
    {
        CliResult r = CliRunner.Run(["ops"], null);
        string[] names = [.. r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith(' ')).Select(h => h.Split(" — ")[0])];
        foreach (string scipy in new[]
        {
            "gaussian_filter", "gaussian_laplace", "gaussian_gradient_magnitude", "sobel", "prewitt", "laplace", "correlate", "convolve",
            "uniform_filter", "median_filter", "percentile_filter", "rank_filter", "minimum_filter", "maximum_filter",
            "binary_dilation", "binary_erosion", "binary_opening", "binary_closing", "fourier_gaussian",
        })
        {
            Assert.Contains(scipy, names);
        }
    }

    [Fact]
    public void Every_op_is_described_with_one_indented_line_per_parameter()
    {
        CliResult r = CliRunner.Run(["ops"], null);
        string[] lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int i = 0;
        foreach (OpDefinition op in OpRegistry.Default.All)
        {
            Assert.StartsWith(op.Name + " — " + op.Summary, lines[i++], StringComparison.Ordinal);
            foreach (OpParam p in op.Parameters)
            {
                Assert.StartsWith("    " + p.Name + " ", lines[i], StringComparison.Ordinal);
                Assert.Contains(p.Help, lines[i++], StringComparison.Ordinal);
            }
        }

        Assert.Equal(lines.Length, i);
    }

    [Fact]
    public void One_op_shows_scipys_parameters_with_defaults()
    {
        CliResult r = CliRunner.Run(["ops", "gaussian_filter"], null);
        Assert.Equal(0, r.ExitCode);
        string[] lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("gaussian_filter — ", lines[0], StringComparison.Ordinal);

        // scipy.ndimage.gaussian_filter(input, sigma, order=0, mode='reflect', cval=0.0, truncate=4.0, radius=None).
        string[] parameters = [.. lines[1..].Select(l => l.TrimStart().Split(' ')[0])];
        Assert.Equal(["sigma", "order", "mode", "cval", "truncate", "radius"], parameters);
        Assert.Contains("required", Line(lines, "sigma"), StringComparison.Ordinal);
        Assert.Contains("default 0", Line(lines, "order"), StringComparison.Ordinal);
        Assert.Contains("default reflect", Line(lines, "mode"), StringComparison.Ordinal);
        Assert.Contains("default 4", Line(lines, "truncate"), StringComparison.Ordinal);
        Assert.Contains("default none", Line(lines, "radius"), StringComparison.Ordinal);
        foreach (string mode in new[] { "reflect", "mirror", "nearest", "constant", "wrap" })
        {
            Assert.Contains(mode, Line(lines, "mode"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_op_alone_prints_exactly_its_own_part_of_the_full_list()
    {
        string all = CliRunner.Run(["ops"], null).Stdout;
        string joined = string.Concat(OpRegistry.Default.All.Select(op =>
        {
            CliResult one = CliRunner.Run(["ops", op.Name], null);
            Assert.Equal(0, one.ExitCode);
            Assert.StartsWith(op.Name + " — ", one.Stdout, StringComparison.Ordinal);
            return one.Stdout;
        }));
        Assert.Equal(all, joined);
    }

    [Theory]
    [InlineData("gausian_filter", "gaussian_filter")]
    [InlineData("sobel_magnitud", "sobel_magnitude")]
    [InlineData("binary_dilaton", "binary_dilation")]
    public void An_unknown_op_is_a_usage_error_suggesting_the_closest(string typed, string suggestion)
    {
        CliResult r = CliRunner.Run(["ops", typed], null);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"fastxray: unknown op '{typed}' (did you mean '{suggestion}'?); valid ops: ", r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("usage: fastxray ops ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void A_name_far_from_every_op_lists_the_valid_ops_without_a_guess()
    {
        CliResult r = CliRunner.Run(["ops", "zzzzzzzzzzzzzzzz"], null);
        Assert.Equal(2, r.ExitCode);
        Assert.DoesNotContain("did you mean", r.Stderr, StringComparison.Ordinal);
        foreach (OpDefinition op in OpRegistry.Default.All)
        {
            Assert.Contains(op.Name, r.ErrorLines[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Two_names_are_a_usage_error()
    {
        CliResult r = CliRunner.Run(["ops", "sobel", "laplace"], null);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unexpected argument 'laplace'", r.ErrorLines[0], StringComparison.Ordinal);
    }

    private static string Line(string[] lines, string parameter) =>
        lines.Single(l => l.StartsWith("    " + parameter + " ", StringComparison.Ordinal));
}

using FastXray.Cli.Tests.Support;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

public sealed class GlobalTests
{
    private static readonly string[] Commands = ["filter", "batch", "info", "ops"];

    [Fact]
    public void Version_reports_version_simd_width_and_build_flavour()
    {
        CliResult r = CliRunner.Run("--version");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("fastxray 0.", r.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"simd: +(Vector512|Vector256|Vector128|scalar)", r.Stdout);
        Assert.Contains(CliRunner.Binary is null ? "build:   jit" : "build:   native-aot, instruction set ", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void Global_help_lists_every_command_and_the_exit_codes()
    {
        foreach (string[] args in new[] { new[] { "--help" }, ["-h"], ["help"] })
        {
            CliResult r = CliRunner.Run(args);
            Assert.Equal(0, r.ExitCode);
            foreach (string c in Commands)
            {
                Assert.Contains("  " + c + " ", r.Stdout, StringComparison.Ordinal);
            }

            Assert.Contains("exit codes:", r.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("filter")]
    [InlineData("batch")]
    [InlineData("info")]
    [InlineData("ops")]
    public void Every_command_has_help(string command)
    {
        foreach (string[] args in new[] { new[] { command, "--help" }, [command, "-h"], ["help", command] })
        {
            CliResult r = CliRunner.Run(args);
            Assert.Equal(0, r.ExitCode);
            Assert.StartsWith($"usage: fastxray {command} ", r.Stdout, StringComparison.Ordinal);
            Assert.Contains("--help", r.Stdout, StringComparison.Ordinal);
            Assert.Equal("", r.Stderr);
        }
    }

    [Fact]
    public void No_arguments_is_a_usage_error()
    {
        CliResult r = CliRunner.Run();
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("fastxray: missing a command", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("usage: fastxray <command>", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Unknown_command_is_a_usage_error_listing_the_commands()
    {
        CliResult r = CliRunner.Run("filtre", "x.png");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown command 'filtre' (did you mean 'filter'?)", r.Stderr, StringComparison.Ordinal);
        foreach (string c in Commands)
        {
            Assert.Contains(c, r.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unknown_global_option_is_a_usage_error()
    {
        CliResult r = CliRunner.Run("--frobnicate");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown option '--frobnicate'", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("filter", "in.npy", "-o", "out.npy", "--bogus")]
    [InlineData("batch", "in", "-o", "out", "--bogus")]
    [InlineData("info", "in.npy", "--bogus")]
    public void Unknown_command_option_lists_the_valid_options(params string[] args)
    {
        CliResult r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown option '--bogus'", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("valid options: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help", r.Stderr, StringComparison.Ordinal);
        Assert.Contains($"usage: fastxray {args[0]} ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ops_lists_every_registered_op_with_parameters()
    {
        CliResult r = CliRunner.Run("ops");
        Assert.Equal(0, r.ExitCode);
        foreach (FastXray.Cli.Ops.OpDefinition op in FastXray.Cli.Ops.OpRegistry.Default.All)
        {
            Assert.Contains(op.Name + " — ", r.Stdout, StringComparison.Ordinal);
        }

        CliResult one = CliRunner.Run("ops", "sobel");
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("axis", one.Stdout, StringComparison.Ordinal);
        Assert.Contains("default -1", one.Stdout, StringComparison.Ordinal);

        CliResult bad = CliRunner.Run("ops", "sobol");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("did you mean 'sobel'", bad.Stderr, StringComparison.Ordinal);
    }
}

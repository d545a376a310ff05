using FastXray.Cli.Tests.Support;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

public sealed class InfoCommandTests
{
    [Fact]
    public void Prints_format_size_depth_and_colour()
    {
        using var dir = new TempDir();
        dir.Npy16("a.npy", 7, 5);
        CliResult r = CliRunner.Run(["info", "a.npy"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("file:   a.npy\nformat: NPY\nsize:   7x5\ndepth:  16 (uint16)\ncolour: grey\n", r.Stdout);
    }

    [Fact]
    public void Json_prints_one_object()
    {
        using var dir = new TempDir();
        dir.NpyFloat("f.npy", new float[6], 3, 2);
        CliResult r = CliRunner.Run(["info", "f.npy", "--json"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("{\"file\":\"f.npy\",\"format\":\"NPY\",\"width\":3,\"height\":2,\"depth\":32,\"sample\":\"float32\",\"colour\":\"grey\"}\n", r.Stdout);
    }

    [Fact]
    public void A_bad_file_gives_one_line_and_exit_1()
    {
        using var dir = new TempDir();
        dir.TruncatedNpy("t.npy");
        CliResult r = CliRunner.Run(["info", "t.npy"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("fastxray: t.npy: NPY data is truncated", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }
}

using FastXray.Cli.Tests.Support;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

public sealed class FilterCommandTests
{
    public static TheoryData<string, string> BrokenInputs => new()
    {
        { "truncated", "NPY data is truncated" },
        { "garbage", "unsupported format: unknown (first bytes 0102030405060708)" },
        { "empty", "empty file" },
        { "bad-header", "NPY header is truncated" },
        { "3d", "expected a 2-D array, got shape (2, 2, 2)" },
        { "missing", "no such file" },
        { "folder", "is a directory" },
    };

    [Theory]
    [MemberData(nameof(BrokenInputs))]
    public void A_bad_input_gives_one_line_naming_the_file_exit_1_and_no_output(string kind, string problem)
    {
        using var dir = new TempDir();
        string name = kind + ".npy";
        switch (kind)
        {
            case "truncated": dir.TruncatedNpy(name); break;
            case "garbage": dir.Bytes(name, [1, 2, 3, 4, 5, 6, 7, 8, 9]); break;
            case "empty": dir.Bytes(name, []); break;
            case "bad-header": dir.Bytes(name, [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 200, 0, (byte)'{']); break;
            case "3d": dir.Bytes(name, Npy3D()); break;
            case "folder": Directory.CreateDirectory(dir[name]); break;
        }

        Directory.CreateDirectory(dir["out"]);
        CliResult r = CliRunner.Run(["filter", name, "-o", "out/x.npy", "--op", "sobel"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith($"fastxray: {name}: {problem}", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir["out"]));
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Verbose_adds_the_stack_trace()
    {
        using var dir = new TempDir();
        dir.TruncatedNpy("t.npy");
        CliResult r = CliRunner.Run(["filter", "t.npy", "-o", "x.npy", "--verbose"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("fastxray: t.npy: NPY data is truncated", r.Stderr, StringComparison.Ordinal);
        Assert.True(r.ErrorLines.Length > 2, r.Stderr);
        Assert.Contains(" at ", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["x.npy"]));
    }

    [Theory]
    [InlineData("missing -o OUT", "in.npy", "--op", "sobel")]
    [InlineData("-o out.webp: the output name must end in .png, .npy, .jpg/.jpeg, .bmp, .tga or .tif/.tiff", "in.npy", "-o", "out.webp")]
    [InlineData("--depth does not apply to .npy output", "in.npy", "-o", "out.npy", "--depth", "16")]
    [InlineData("--scale does not apply to .npy output", "in.npy", "-o", "out.npy", "--scale", "clip")]
    [InlineData("--quality does not apply to .npy output", "in.npy", "-o", "out.npy", "--quality", "80")]
    [InlineData("--quality applies to JPEG output only, not PNG", "in.npy", "-o", "out.png", "--quality", "80")]
    [InlineData("--depth 16: JPEG holds 8 bits per sample; write .png or .tif for 16", "in.npy", "-o", "out.jpg", "--depth", "16")]
    [InlineData("--depth 16: BMP holds 8 bits per sample; write .png or .tif for 16", "in.npy", "-o", "out.bmp", "--depth", "16")]
    [InlineData("--quality 0: expected", "in.npy", "-o", "out.jpg", "--quality", "0")]
    [InlineData("--colormap writes RGB to PNG, JPEG, BMP or TGA; TIFF output is grey", "in.npy", "-o", "out.tif", "--colormap", "viridis")]
    [InlineData("unknown op 'blur'", "in.npy", "-o", "out.npy", "--op", "blur")]
    [InlineData("-o in.npy is the input file; refusing to overwrite an input", "in.npy", "-o", "in.npy")]
    [InlineData("-o ./sub/../in.npy is the input file", "in.npy", "-o", "./sub/../in.npy")]
    [InlineData("missing the input file", "-o", "out.npy")]
    [InlineData("unexpected argument 'b.npy'", "in.npy", "b.npy", "-o", "out.npy")]
    public void Usage_errors_exit_2_and_touch_nothing(string message, params string[] args)
    {
        using var dir = new TempDir();
        dir.Npy8("in.npy");
        Directory.CreateDirectory(dir["sub"]);
        var before = dir.Hashes();
        CliResult r = CliRunner.Run(["filter", .. args], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("fastxray: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("usage: fastxray filter ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, dir.Hashes());
    }

    [Fact]
    public void An_output_that_is_the_input_through_a_symbolic_link_is_refused()
    {
        using var dir = new TempDir();
        dir.Npy8("data/in.npy");
        Directory.CreateSymbolicLink(dir["alias"], dir["data"]);
        var before = dir.Hashes("data");
        CliResult r = CliRunner.Run(["filter", "data/in.npy", "-o", "alias/in.npy"], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is the input file", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, dir.Hashes("data"));
    }

    [Fact]
    public void A_missing_output_folder_is_reported_and_not_created()
    {
        using var dir = new TempDir();
        dir.Npy8("in.npy");
        CliResult r = CliRunner.Run(["filter", "in.npy", "-o", "nope/out.npy"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(["fastxray: nope/out.npy: cannot write: the folder does not exist"], r.ErrorLines);
        Assert.False(Directory.Exists(dir["nope"]));
    }

    [Fact]
    public void The_output_replaces_an_existing_file_whole_and_leaves_no_temporary_file()
    {
        using var dir = new TempDir();
        dir.Npy8("in.npy");
        File.WriteAllText(dir["out.npy"], "old");
        CliResult r = CliRunner.Run(["filter", "in.npy", "-o", "out.npy", "--op", "laplace"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["in.npy", "out.npy"], Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(12 * 9, FastXray.Imaging.Npy.NpyFile.Read(dir["out.npy"]).Length);
    }

    private static byte[] Npy3D()
    {
        using var stream = new MemoryStream();
        FastXray.Imaging.Npy.NpyFile.Write(stream, FastXray.Imaging.Npy.NpyArray.From<byte>(new byte[8], 2, 2, 2));
        return stream.ToArray();
    }
}

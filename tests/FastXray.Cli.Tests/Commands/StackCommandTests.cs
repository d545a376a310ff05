using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Gif;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary><c>fastxray stack</c> writes a looping GIF whose frames read back as the inputs, with the asked delay and loop count.</summary>
public sealed class StackCommandTests
{
    [Fact]
    public void Eight_bit_frames_decode_identical_in_order_with_the_delay_and_forever_loop()
    {
        using var dir = new TempDir();
        string[] names = ["a.npy", "b.npy", "c.npy"];
        byte[][] inputs = [.. names.Select((n, i) => Pixels8(dir.Npy8(n, 13, 7, seed: 30 + i)))];
        CliResult r = CliRunner.Run(["stack", .. names, "-o", "s.gif", "--duration", "250"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);

        GifAnimation gif = GifDecoder.DecodeFile(dir["s.gif"]);
        Assert.Equal(13, gif.Width);
        Assert.Equal(7, gif.Height);
        Assert.Equal(0, gif.LoopCount);
        Assert.Equal(3, gif.Frames.Count);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(gif.Frames[i].TryGetGray(out byte[]? gray), $"frame {i} is not grey");
            Assert.Equal(inputs[i], gray);
            Assert.Equal(25, gif.Frames[i].DelayCentiseconds);
        }
    }

    [Fact]
    public void The_default_delay_is_one_second_and_loop_is_kept()
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy", 4, 4, seed: 1);
        dir.Npy8("b.npy", 4, 4, seed: 2);
        CliResult r = CliRunner.Run(["stack", "a.npy", "b.npy", "-o", "s.gif", "--loop", "3"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        GifAnimation gif = GifDecoder.DecodeFile(dir["s.gif"]);
        Assert.Equal(3, gif.LoopCount);
        Assert.All(gif.Frames, f => Assert.Equal(1000, f.DelayMs));
    }

    [Fact]
    public void An_8_bit_png_and_an_8_bit_npy_stack_together_unchanged()
    {
        using var dir = new TempDir();
        byte[] first = new byte[6 * 5];
        for (int i = 0; i < first.Length; i++)
        {
            first[i] = (byte)(i * 8);
        }

        PngEncoder.EncodeFile(dir["p.png"], first, 6, 5, PngColorType.Gray);
        byte[] second = Pixels8(dir.Npy8("n.npy", 6, 5, seed: 3));
        CliResult r = CliRunner.Run(["stack", "p.png", "n.npy", "-o", "s.gif"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        GifAnimation gif = GifDecoder.DecodeFile(dir["s.gif"]);
        Assert.True(gif.Frames[0].TryGetGray(out byte[]? g0));
        Assert.True(gif.Frames[1].TryGetGray(out byte[]? g1));
        Assert.Equal(first, g0);
        Assert.Equal(second, g1);
    }

    [Fact]
    public void Sixteen_bit_frames_are_min_max_scaled_over_the_whole_stack()
    {
        using var dir = new TempDir();
        ushort[] a = [.. Enumerable.Range(0, 12).Select(i => (ushort)(1000 + (i * 100)))];
        ushort[] b = [.. Enumerable.Range(0, 12).Select(i => (ushort)(3000 + (i * 37)))];
        Write16(dir["a.npy"], a, 4, 3);
        Write16(dir["b.npy"], b, 4, 3);
        CliResult r = CliRunner.Run(["stack", "a.npy", "b.npy", "-o", "s.gif"], dir.Path);
        Assert.Equal(0, r.ExitCode);

        double min = Math.Min(a.Min(), b.Min());
        double max = Math.Max(a.Max(), b.Max());
        GifAnimation gif = GifDecoder.DecodeFile(dir["s.gif"]);
        Assert.Equal(2, gif.Frames.Count);
        ushort[][] frames = [a, b];
        for (int f = 0; f < 2; f++)
        {
            Assert.True(gif.Frames[f].TryGetGray(out byte[]? gray));
            for (int i = 0; i < 12; i++)
            {
                double expected = (frames[f][i] - min) * 255 / (max - min);
                Assert.True(Math.Abs(gray[i] - expected) <= 0.5 + 1e-3, $"frame {f} pixel {i}: {gray[i]} vs {expected}");
            }
        }

        Assert.True(gif.Frames[0].TryGetGray(out byte[]? first));
        Assert.Equal(0, first[0]);
        Assert.True(gif.Frames[1].TryGetGray(out byte[]? last));
        Assert.Equal(255, last.Max());
    }

    [Fact]
    public void Frames_of_different_sizes_are_one_line_naming_the_odd_file_exit_1_and_no_gif()
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy", 12, 9);
        dir.Npy8("b.npy", 5, 4);
        CliResult r = CliRunner.Run(["stack", "a.npy", "b.npy", "-o", "s.gif"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("fastxray: b.npy: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("5x4", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("12x9", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["s.gif"]));
        Assert.Equal(["a.npy", "b.npy"], dir.Files());
    }

    [Fact]
    public void A_truncated_frame_is_one_line_exit_1_and_no_gif()
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy", 16, 16);
        dir.TruncatedNpy("t.npy");
        CliResult r = CliRunner.Run(["stack", "a.npy", "t.npy", "-o", "s.gif"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("fastxray: t.npy: ", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["s.gif"]));
    }

    [Theory]
    [InlineData("stack needs -o OUT.gif", "a.npy")]
    [InlineData("-o s.png: the output must be a .gif file", "a.npy", "-o", "s.png")]
    [InlineData("--duration abc: expected an integer from 0 to 655350", "a.npy", "-o", "s.gif", "--duration", "abc")]
    [InlineData("expected at least 1 argument(s), got 0", "-o", "s.gif")]
    public void Usage_errors_exit_2_and_write_nothing(string message, params string[] args)
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy");
        var before = dir.Hashes();
        CliResult r = CliRunner.Run(["stack", .. args], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("usage: fastxray stack ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, dir.Hashes());
    }

    private static byte[] Pixels8(string path) => NpyFile.Read(path).AsSpan<byte>().ToArray();

    private static void Write16(string path, ushort[] pixels, int width, int height)
    {
        using var stream = File.Create(path);
        NpyFile.Write(stream, NpyArray.From<ushort>(pixels, height, width));
    }
}

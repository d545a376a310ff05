using System.Text.Json;
using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Npy;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary>
/// JPEG, TIFF, BMP and TGA through the commands, end to end: written by <c>filter</c>/<c>batch</c> by extension,
/// read back by every command that reads images, and a damaged file reported in one line.
/// </summary>
public sealed class FormatsTests
{
    private const int W = 40;
    private const int H = 27;

    /// <summary>A smooth 8-bit image (a ramp and a soft disc), so a JPEG round trip is close and a bug is not.</summary>
    private static byte[] Smooth()
    {
        var pixels = new byte[W * H];
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                double d = Math.Sqrt(((x - 20) * (x - 20)) + ((y - 13) * (y - 13)));
                pixels[(y * W) + x] = (byte)Math.Clamp(30 + (3 * x) + (2 * y) + (d < 9 ? 60 * Math.Cos(d / 6) : 0), 0, 255);
            }
        }

        return pixels;
    }

    private static string WriteSmooth(TempDir dir, string name)
    {
        string full = dir[name];
        using var stream = File.Create(full);
        NpyFile.Write(stream, NpyArray.From<byte>(Smooth(), H, W));
        return full;
    }

    private static float[] ReadBack(TempDir dir, string file)
    {
        CliResult r = CliRunner.Run(["filter", file, "-o", file + ".npy"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        return NpyFile.Read(dir[file + ".npy"]).ToSingleArray();
    }

    private static JsonElement Info(TempDir dir, string file)
    {
        CliResult r = CliRunner.Run(["info", file, "--json"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Theory]
    [InlineData("out.bmp", "BMP")]
    [InlineData("out.tga", "TGA")]
    [InlineData("out.tif", "TIFF")]
    [InlineData("out.tiff", "TIFF")]
    public void Lossless_8_bit_outputs_read_back_exactly(string name, string format)
    {
        using var dir = new TempDir();
        WriteSmooth(dir, "in.npy");
        CliResult r = CliRunner.Run(["filter", "in.npy", "-o", name], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        JsonElement info = Info(dir, name);
        Assert.Equal(format, info.GetProperty("format").GetString());
        Assert.Equal(W, info.GetProperty("width").GetInt32());
        Assert.Equal(H, info.GetProperty("height").GetInt32());
        Assert.Equal([.. Smooth().Select(v => (float)v)], ReadBack(dir, name));
    }

    [Fact]
    public void Sixteen_bit_tiff_keeps_every_value()
    {
        using var dir = new TempDir();
        string input = dir.Npy16("in.npy", 33, 21, seed: 7);
        CliResult r = CliRunner.Run(["filter", "in.npy", "-o", "out.tif", "--depth", "16"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        JsonElement info = Info(dir, "out.tif");
        Assert.Equal(16, info.GetProperty("depth").GetInt32());
        Assert.Equal("uint16", info.GetProperty("sample").GetString());
        Assert.Equal(NpyFile.Read(input).ToSingleArray(), ReadBack(dir, "out.tif"));
    }

    [Theory]
    [InlineData(100, 2)]
    [InlineData(90, 6)]
    public void Jpeg_is_one_grey_component_and_close_to_the_source(int quality, int maxDifference)
    {
        using var dir = new TempDir();
        WriteSmooth(dir, "in.npy");
        CliResult r = CliRunner.Run(["filter", "in.npy", "-o", "out.jpg", "--quality", quality.ToString(System.Globalization.CultureInfo.InvariantCulture)], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        byte[] file = File.ReadAllBytes(dir["out.jpg"]);

        // The frame header (SOF0) names one component: a grey JPEG, not YCbCr with empty chroma.
        int sof = file.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        Assert.True(sof > 0);
        Assert.Equal(1, file[sof + 9]);
        JsonElement info = Info(dir, "out.jpg");
        Assert.Equal("JPEG", info.GetProperty("format").GetString());
        Assert.Equal("grey", info.GetProperty("colour").GetString());

        float[] back = ReadBack(dir, "out.jpg");
        byte[] source = Smooth();
        double worst = back.Select((v, i) => Math.Abs(v - source[i])).Max();
        Assert.InRange(worst, 0, maxDifference);
    }

    [Theory]
    [InlineData("c.jpg")]
    [InlineData("c.bmp")]
    [InlineData("c.tga")]
    public void A_colormap_writes_rgb(string name)
    {
        using var dir = new TempDir();
        WriteSmooth(dir, "in.npy");
        CliResult r = CliRunner.Run(["filter", "in.npy", "-o", name, "--colormap", "viridis"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("rgb", Info(dir, name).GetProperty("colour").GetString());
    }

    [Fact]
    public void Every_reading_command_takes_jpeg_tiff_bmp_and_tga()
    {
        using var dir = new TempDir();
        WriteSmooth(dir, "in.npy");
        string[] files = ["a.jpg", "b.tif", "c.bmp", "d.tga"];
        foreach (string f in files)
        {
            Assert.Equal(0, CliRunner.Run(["filter", "in.npy", "-o", f], dir.Path).ExitCode);
        }

        foreach (string f in files)
        {
            CliResult stats = CliRunner.Run(["stats", f, "--json"], dir.Path);
            Assert.True(stats.ExitCode == 0, stats.ToString());
            Assert.Equal(W, JsonDocument.Parse(stats.Stdout).RootElement.GetProperty("width").GetInt32());
            CliResult hist = CliRunner.Run(["hist", f, "--json"], dir.Path);
            Assert.True(hist.ExitCode == 0, hist.ToString());
        }

        CliResult tutorial = CliRunner.Run(["tutorial", "a.jpg", "b.tif", "-o", "t", "--no-figure"], dir.Path);
        Assert.True(tutorial.ExitCode == 0, tutorial.ToString());
        CliResult stack = CliRunner.Run(["stack", .. files, "-o", "s.gif"], dir.Path);
        Assert.True(stack.ExitCode == 0, stack.ToString());
        CliResult montage = CliRunner.Run(["montage", .. files, "-o", "m.png", "--tile", "16"], dir.Path);
        Assert.True(montage.ExitCode == 0, montage.ToString());

        // A folder gives its images of every format we read; each converts as filter converts it.
        Directory.CreateDirectory(dir["in"]);
        foreach (string f in files)
        {
            File.Copy(dir[f], dir[Path.Combine("in", f)]);
        }

        CliResult batch = CliRunner.Run(["batch", "in", "-o", "out", "--format", "npy"], dir.Path);
        Assert.True(batch.ExitCode == 0, batch.ToString());
        Assert.Equal(["a.npy", "b.npy", "c.npy", "d.npy"], dir.Files("out").Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal));
        Assert.Equal(ReadBack(dir, "b.tif"), NpyFile.Read(dir["out/b.npy"]).ToSingleArray());
    }

    [Theory]
    [InlineData("t.jpg")]
    [InlineData("t.tif")]
    [InlineData("t.bmp")]
    [InlineData("t.tga")]
    public void A_truncated_file_is_one_line_never_a_zero_filled_image(string name)
    {
        using var dir = new TempDir();
        WriteSmooth(dir, "in.npy");
        Assert.Equal(0, CliRunner.Run(["filter", "in.npy", "-o", name], dir.Path).ExitCode);
        byte[] whole = File.ReadAllBytes(dir[name]);
        File.WriteAllBytes(dir[name], whole[..(whole.Length * 2 / 3)]);

        foreach (string[] args in new[] { new[] { "filter", name, "-o", "x.png" }, ["info", name], ["stats", name] })
        {
            CliResult r = CliRunner.Run(args, dir.Path);
            Assert.Equal(1, r.ExitCode);
            Assert.Single(r.ErrorLines);
            Assert.StartsWith($"fastxray: {name}: ", r.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal); // no stack trace
        }

        Assert.False(File.Exists(dir["x.png"]));
    }

    [Fact]
    public void Plan_counts_the_decoder_of_a_jpeg_input()
    {
        using var dir = new TempDir();
        WriteSmooth(dir, "in.npy");
        Assert.Equal(0, CliRunner.Run(["filter", "in.npy", "-o", "a.jpg"], dir.Path).ExitCode);
        CliResult r = CliRunner.Run(["filter", "a.jpg", "-o", "b.tif", "--op", "median_filter:size=3", "--plan"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("JPEG decoder and grey samples", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("TIFF output stream", r.Stdout, StringComparison.Ordinal);
    }
}

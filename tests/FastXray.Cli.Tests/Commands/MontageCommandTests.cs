using FastXray.Cli.Tests.Support;
using FastXray.Color;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary>
/// <c>fastxray montage</c> lays panels out on a white figure with a 10-pixel margin and gap, <c>--cols</c> per row
/// in <c>--tile</c>-sized tiles, each panel autoscaled through the colormap and centred in its tile.
/// </summary>
public sealed class MontageCommandTests
{
    private const int Margin = 10;
    private const int Gap = 10;

    [Theory]
    [InlineData(3, null, 32, 3, 1)]
    [InlineData(3, "2", 32, 2, 2)]
    [InlineData(5, "1", 16, 1, 5)]
    [InlineData(4, "9", 20, 4, 1)]
    public void The_figure_size_follows_cols_and_tile(int panels, string? cols, int tile, int columns, int rows)
    {
        using var dir = new TempDir();
        string[] names = [.. Enumerable.Range(0, panels).Select(i => $"p{i}.npy")];
        for (int i = 0; i < panels; i++)
        {
            dir.Npy8(names[i], 12, 9, seed: i);
        }

        List<string> args = ["montage", .. names, "-o", "m.png", "--tile", tile.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (cols is not null)
        {
            args.AddRange(["--cols", cols]);
        }

        CliResult r = CliRunner.Run([.. args], dir.Path);
        Assert.Equal(0, r.ExitCode);
        PngImage png = PngDecoder.DecodeFile(dir["m.png"]);
        Assert.Equal((2 * Margin) + (columns * tile) + ((columns - 1) * Gap), png.Width);
        Assert.Equal((2 * Margin) + (rows * tile) + ((rows - 1) * Gap), png.Height);
    }

    [Fact]
    public void By_default_all_panels_share_one_row_of_256_pixel_tiles()
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy", 5, 5);
        dir.Npy8("b.npy", 5, 5, seed: 2);
        CliResult r = CliRunner.Run(["montage", "a.npy", "b.npy", "-o", "m.png"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        PngImage png = PngDecoder.DecodeFile(dir["m.png"]);
        Assert.Equal((2 * Margin) + (2 * 256) + Gap, png.Width);
        Assert.Equal((2 * Margin) + 256, png.Height);
    }

    [Fact]
    public void Each_panel_is_autoscaled_to_its_own_range_and_centred_in_its_tile()
    {
        using var dir = new TempDir();
        const int w = 10, h = 6, tile = 16;
        byte[] first = Ramp(w * h, 0, 0, 255);
        byte[] second = Ramp(w * h, 1, 40, 200);
        Write8(dir["a.npy"], first, w, h);
        Write8(dir["b.npy"], second, w, h);
        CliResult r = CliRunner.Run(["montage", "a.npy", "b.npy", "-o", "m.png", "--cols", "1", "--tile", tile.ToString(System.Globalization.CultureInfo.InvariantCulture)], dir.Path);
        Assert.Equal(0, r.ExitCode);
        PngImage png = PngDecoder.DecodeFile(dir["m.png"]);
        byte[] rgb = png.Pixels8!;
        Assert.Equal(3, png.Channels);
        byte[][] panels = [first, second];
        for (int p = 0; p < 2; p++)
        {
            // imshow autoscales each panel to its own min..max; colour it directly through the gray table.
            float[] values = [.. panels[p].Select(v => (float)v)];
            byte[] expected = new byte[w * h * 3];
            Colormap.Get("gray").Apply(new ReadOnlyImageSpan<float>(values, w, h), expected, values.Min(), values.Max());
            int x0 = Margin + ((tile - w) / 2);
            int y0 = Margin + (p * (tile + Gap)) + ((tile - h) / 2);
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    int o = 3 * (((y0 + y) * png.Width) + x0 + x);
                    int e = 3 * ((y * w) + x);
                    Assert.True(rgb.AsSpan(o, 3).SequenceEqual(expected.AsSpan(e, 3)), $"panel {p} ({x},{y}): {rgb[o]},{rgb[o + 1]},{rgb[o + 2]} vs {expected[e]}");

                    // Whatever the table's rounding, grey stays grey and within one level of the linear stretch.
                    double linear = (panels[p][(y * w) + x] - values.Min()) * 255.0 / (values.Max() - values.Min());
                    Assert.True(rgb[o] == rgb[o + 1] && rgb[o] == rgb[o + 2] && Math.Abs(rgb[o] - linear) <= 1.5, $"panel {p} ({x},{y}): {rgb[o]} vs {linear}");
                }
            }
        }

        // The corner is margin: the white figure background.
        Assert.Equal([255, 255, 255], rgb[..3]);
    }

    [Fact]
    public void Titles_add_the_same_band_above_every_row()
    {
        using var dir = new TempDir();
        string[] names = ["a.npy", "b.npy", "c.npy", "d.npy"];
        foreach (string n in names)
        {
            dir.Npy8(n, 8, 8);
        }

        int Height(params string[] extra)
        {
            CliResult r = CliRunner.Run(["montage", .. names, "-o", "m.png", "--tile", "24", .. extra], dir.Path);
            Assert.Equal(0, r.ExitCode);
            return PngDecoder.DecodeFile(dir["m.png"]).Height;
        }

        int oneRow = Height();
        int oneRowTitled = Height("--titles");
        int twoRows = Height("--cols", "2");
        int twoRowsTitled = Height("--cols", "2", "--titles");
        int band = oneRowTitled - oneRow;
        Assert.True(band > 0);
        Assert.Equal(2 * band, twoRowsTitled - twoRows);
    }

    [Fact]
    public void Another_colormap_colours_the_panel()
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy", 8, 8);
        CliResult r = CliRunner.Run(["montage", "a.npy", "-o", "m.png", "--colormap", "hot", "--tile", "8"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        byte[] rgb = PngDecoder.DecodeFile(dir["m.png"]).Pixels8!;
        bool coloured = false;
        for (int o = 0; o < rgb.Length; o += 3)
        {
            coloured |= rgb[o] != rgb[o + 1] || rgb[o] != rgb[o + 2];
        }

        Assert.True(coloured);
    }

    [Fact]
    public void An_unknown_colormap_is_a_usage_error_listing_the_valid_names()
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy");
        var before = dir.Hashes();
        CliResult r = CliRunner.Run(["montage", "a.npy", "-o", "m.png", "--colormap", "jet2"], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("fastxray: --colormap jet2: expected one of ", r.ErrorLines[0], StringComparison.Ordinal);

        // Every colormap the tutorial uses must be offered.
        foreach (string name in new[] { "gray", "hot", "CMRmap", "prism", "nipy_spectral", "terrain" }.Concat(Colormap.Names))
        {
            Assert.Contains(name, r.ErrorLines[0], StringComparison.Ordinal);
        }

        Assert.Contains("usage: fastxray montage ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, dir.Hashes());
    }

    [Theory]
    [InlineData("montage needs -o OUT.png", "a.npy")]
    [InlineData("--cols 0: expected an integer from 1 to 1000", "a.npy", "-o", "m.png", "--cols", "0")]
    [InlineData("--tile 4: expected an integer from 8 to 4096", "a.npy", "-o", "m.png", "--tile", "4")]
    public void Usage_errors_exit_2_and_write_nothing(string message, params string[] args)
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy");
        var before = dir.Hashes();
        CliResult r = CliRunner.Run(["montage", .. args], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(before, dir.Hashes());
    }

    [Fact]
    public void A_bad_panel_is_one_line_naming_it_exit_1_and_no_figure()
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy");
        dir.TruncatedNpy("t.npy");
        CliResult r = CliRunner.Run(["montage", "a.npy", "t.npy", "-o", "m.png"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("fastxray: t.npy: ", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["m.png"]));
    }

    /// <summary>Random pixels in <paramref name="min"/>..<paramref name="max"/> that contain both ends.</summary>
    private static byte[] Ramp(int count, int seed, int min, int max)
    {
        var rng = new Random(seed);
        byte[] pixels = [.. Enumerable.Range(0, count).Select(_ => (byte)rng.Next(min, max + 1))];
        pixels[rng.Next(count / 2)] = (byte)min;
        pixels[(count / 2) + rng.Next(count / 2)] = (byte)max;
        return pixels;
    }

    private static void Write8(string path, byte[] pixels, int width, int height)
    {
        using var stream = File.Create(path);
        NpyFile.Write(stream, NpyArray.From<byte>(pixels, height, width));
    }
}

using System.Buffers.Binary;
using System.Text.Json;
using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary>
/// The tutorial's mask level (<c>img &gt; 150</c>, meant for 8-bit data) on 16-bit images: scaled to the bits the
/// samples use — PNG sBIT when the samples fit in it, else the smallest depth holding the maximum — or set with
/// --threshold; the masks, the titles' level and stats.json agree.
/// </summary>
public sealed class TutorialLevelTests
{
    private const int W = 16;
    private const int H = 12;

    /// <summary>A 12-bit radiograph as detectors store it: raw values 0..4095 in a 16-bit PNG.</summary>
    private static ushort[] Twelve(int seed, int top = 4095)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, W * H).Select(_ => (ushort)rng.Next(top + 1))];
    }

    private static byte[] Png16(ushort[] pixels, int? sbit)
    {
        using var stream = new MemoryStream();
        PngEncoder.Encode(stream, pixels.AsSpan(), W, H, PngColorType.Gray);
        byte[] png = stream.ToArray();
        if (sbit is not { } bits)
        {
            return png;
        }

        // sBIT goes after IHDR (8-byte signature + 25-byte IHDR chunk): length 1, type, the bits, CRC of type+data.
        byte[] chunk = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 1);
        "sBIT"u8.CopyTo(chunk.AsSpan(4));
        chunk[8] = (byte)bits;
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(9), System.IO.Hashing.Crc32.HashToUInt32(chunk.AsSpan(4, 5)));
        return [.. png.AsSpan(0, 33), .. chunk, .. png.AsSpan(33)];
    }

    private static (double Value, int Bits, string Rule) Level(TempDir dir, string folder)
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(dir[folder + "/stats.json"]));
        JsonElement t = json.RootElement.GetProperty("threshold");
        return (t.GetProperty("value").GetDouble(), t.GetProperty("significant_bits").GetInt32(), t.GetProperty("rule").GetString()!);
    }

    private static float[] Panel(TempDir dir, string folder, string panel) => NpyFile.Read(dir[$"{folder}/{panel}.npy"]).AsSpan<float>().ToArray();

    private static void AssertMasks(TempDir dir, string folder, ushort[] pixels, double level, bool someAbove = true)
    {
        // np.where(img > level, img, 0) and np.where(img > level, 1, 0), with the level used.
        Assert.Equal(pixels.Select(v => v > level ? (float)v : 0f), Panel(dir, folder, "mask_noisy"));
        Assert.Equal(pixels.Select(v => v > level ? 1f : 0f), Panel(dir, folder, "mask_less_noisy"));
        Assert.Equal(someAbove, pixels.Any(v => v > level));
    }

    [Fact]
    public void A_12_bit_image_in_a_16_bit_png_without_sbit_scales_150_to_the_12_bits_its_maximum_needs()
    {
        using var dir = new TempDir();
        ushort[] pixels = Twelve(1);
        dir.Bytes("x12.png", Png16(pixels, sbit: null));
        CliResult r = CliRunner.Run(["tutorial", "x12.png", "-o", "out", "--npy", "--no-figure"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        (double value, int bits, string rule) = Level(dir, "out");
        Assert.Equal(150.0 * 4095 / 255, value);
        Assert.Equal(12, bits);
        Assert.Contains($"maximum {pixels.Max()} needs 12 bits", rule, StringComparison.Ordinal);
        AssertMasks(dir, "out", pixels, value);
    }

    [Fact]
    public void Sbit_states_the_bits_when_the_samples_fit_in_them()
    {
        using var dir = new TempDir();

        // A maximum of 1000 alone would say 10 bits; the file says 12 (so no sample reaches the level, 2408.8).
        ushort[] pixels = Twelve(2, top: 1000);
        dir.Bytes("x12.png", Png16(pixels, sbit: 12));
        Assert.Equal(12, PngDecoder.ReadInfo(File.ReadAllBytes(dir["x12.png"])).SignificantBits);
        CliResult r = CliRunner.Run(["tutorial", "x12.png", "-o", "out", "--npy", "--no-figure"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        (double value, int bits, string rule) = Level(dir, "out");
        Assert.Equal((12, 150.0 * 4095 / 255), (bits, value));
        Assert.Contains("sBIT 12", rule, StringComparison.Ordinal);
        AssertMasks(dir, "out", pixels, value, someAbove: false);
    }

    [Fact]
    public void Samples_above_the_sbit_range_mean_the_writer_scaled_them_to_16_bits_as_the_png_standard_says()
    {
        using var dir = new TempDir();
        ushort[] pixels = Twelve(3);
        for (int i = 0; i < pixels.Length; i++)
        {
            // v << 4 | v >> 8: PNG's recommended scaling of 12-bit samples to 16.
            pixels[i] = (ushort)((pixels[i] << 4) | (pixels[i] >> 8));
        }

        dir.Bytes("x.png", Png16(pixels, sbit: 12));
        CliResult r = CliRunner.Run(["tutorial", "x.png", "-o", "out", "--npy", "--no-figure"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        (double value, int bits, string rule) = Level(dir, "out");
        Assert.Equal((16, 150.0 * 257), (bits, value));
        Assert.Contains("sBIT 12 but samples above it", rule, StringComparison.Ordinal);
        AssertMasks(dir, "out", pixels, value);
    }

    [Fact]
    public void Threshold_sets_the_level_in_stored_units_for_the_masks_and_stats_json()
    {
        using var dir = new TempDir();
        ushort[] pixels = Twelve(4);
        dir.Bytes("x12.png", Png16(pixels, sbit: null));
        CliResult r = CliRunner.Run(["tutorial", "x12.png", "-o", "out", "--npy", "--no-figure", "--threshold", "3000.5"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        (double value, _, string rule) = Level(dir, "out");
        Assert.Equal((3000.5, "--threshold"), (value, rule));
        AssertMasks(dir, "out", pixels, 3000.5);
    }

    [Fact]
    public void An_8_bit_image_keeps_the_tutorials_150_and_exact_mode_takes_threshold_too()
    {
        using var dir = new TempDir();
        string path = dir.Npy8("x.npy", W, H, seed: 5);
        byte[] source = NpyFile.Read(path).AsSpan<byte>().ToArray();
        Assert.Equal(0, CliRunner.Run(["tutorial", "x.npy", "-o", "a", "--no-figure"], dir.Path).ExitCode);
        Assert.Equal((150.0, 8), (Level(dir, "a").Value, Level(dir, "a").Bits));

        Assert.Equal(0, CliRunner.Run(["tutorial", "x.npy", "-o", "b", "--no-figure", "--exact", "--npy", "--threshold", "99"], dir.Path).ExitCode);
        Assert.Equal(source.Select(v => v > 99 ? v : (byte)0), NpyFile.Read(dir["b/mask_noisy.npy"]).AsSpan<byte>().ToArray());
        Assert.Equal(99.0, Level(dir, "b").Value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("nan")]
    public void A_threshold_that_is_not_a_finite_number_is_a_usage_error(string value)
    {
        using var dir = new TempDir();
        dir.Npy8("x.npy", W, H);
        CliResult r = CliRunner.Run(["tutorial", "x.npy", "-o", "out", "--threshold", value], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal([$"fastxray: --threshold {value}: expected a number"], r.ErrorLines.Take(1));
        Assert.Empty(dir.Files("out"));
    }
}

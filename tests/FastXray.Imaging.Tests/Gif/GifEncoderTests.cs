using FastXray.Imaging.Gif;
using Xunit;
using Xunit.Abstractions;

namespace FastXray.Imaging.Tests.Gif;

public class GifEncoderTests(ITestOutputHelper output)
{
    public static TheoryData<int, int, string> GraySizes() => new()
    {
        { 1, 1, "noise" }, { 1, 777, "noise" }, { 777, 1, "noise" }, { 16, 16, "levels" }, { 256, 1, "levels" },
        { 64, 64, "flat" }, { 1024, 1024, "flat" }, { 257, 131, "noise" }, { 300, 200, "levels" }, { 65535, 1, "noise" },
    };

    [Theory]
    [MemberData(nameof(GraySizes))]
    public void Gray_ReadsBackIdentical(int width, int height, string kind)
    {
        int n = width * height;
        byte[][] frames = kind switch
        {
            "noise" => [GifTestImages.Noise(n, 1), GifTestImages.Noise(n, 2, 3)],
            "levels" => [GifTestImages.Levels(n), GifTestImages.Levels(n).Reverse().ToArray()],
            _ => [GifTestImages.Constant(n, 0), GifTestImages.Constant(n, 255), GifTestImages.Constant(n, 128)],
        };

        GifAnimation gif = RoundTripGray(frames, width, height, GifOptions.Default);

        Assert.Equal(width, gif.Width);
        Assert.Equal(height, gif.Height);
        Assert.Equal(frames.Length, gif.Frames.Count);
        for (int f = 0; f < frames.Length; f++)
        {
            Assert.True(gif.Frames[f].TryGetGray(out byte[]? gray));
            Assert.True(frames[f].AsSpan().SequenceEqual(gray), $"frame {f}");
        }
    }

    [Fact]
    public void Gray_FramesMayBeLongerThanNeeded()
    {
        byte[] buffer = GifTestImages.Noise(100, 4);
        GifAnimation gif = RoundTripGray([buffer], 9, 9, GifOptions.Default);
        Assert.True(gif.Frames[0].TryGetGray(out byte[]? gray));
        Assert.Equal(buffer[..81], gray);
    }

    [Fact]
    public void Rgb_WithFewColours_IsLossless()
    {
        foreach (int colors in new[] { 1, 2, 3, 17, 255, 256 })
        {
            byte[] rgb = GifTestImages.RgbFewColors(37, 23, colors, (uint)colors);
            GifAnimation gif = RoundTripRgb([rgb], 37, 23, GifOptions.Default);
            Assert.True(rgb.AsSpan().SequenceEqual(gif.Frames[0].Rgb), $"{colors} colours");
        }
    }

    [Fact]
    public void Rgb_ColormappedGray_IsLossless()
    {
        // A gray image through a 256-entry colormap has at most 256 colours: stored exactly.
        byte[] gray = GifTestImages.Noise(120 * 80, 5);
        var rgb = new byte[gray.Length * 3];
        for (int i = 0; i < gray.Length; i++)
        {
            rgb[i * 3] = gray[i];
            rgb[(i * 3) + 1] = (byte)(255 - gray[i]);
            rgb[(i * 3) + 2] = (byte)(gray[i] / 2);
        }

        Assert.Equal(rgb, RoundTripRgb([rgb, rgb], 120, 80, GifOptions.Default).Frames[1].Rgb);
    }

    [Fact]
    public void Rgb_ManyColours_QuantisationErrorIsSmall()
    {
        const int W = 160, H = 120;
        byte[] rgb = GifTestImages.RgbGradient(W, H, 3);
        int distinct = Enumerable.Range(0, W * H).Select(i => (rgb[i * 3] << 16) | (rgb[(i * 3) + 1] << 8) | rgb[(i * 3) + 2]).Distinct().Count();
        Assert.True(distinct > 5000, $"only {distinct} distinct colours");

        byte[] back = RoundTripRgb([rgb], W, H, GifOptions.Default).Frames[0].Rgb;

        (double mean, int max) = Error(rgb, back);

        // Baseline: the best fixed 6x7x6 grid palette (252 colours), each channel rounded to its nearest level.
        var grid = new byte[rgb.Length];
        for (int i = 0; i < rgb.Length; i++)
        {
            int levels = i % 3 == 1 ? 7 : 6;
            double step = 255.0 / (levels - 1);
            grid[i] = (byte)Math.Round(Math.Round(rgb[i] / step) * step);
        }

        (double gridMean, int gridMax) = Error(rgb, grid);
        output.WriteLine($"{distinct} colours -> 256: mean |error| {mean:F2}, max {max} levels per channel (fixed 6x7x6 grid: {gridMean:F2}, max {gridMax})");

        // The image is a 2-D colour surface with +-4 noise: 256 cells of about 16x16 levels leave about 4 levels of
        // mean error, so demand clearly better than the grid, and no gross outliers.
        Assert.True(mean < 0.5 * gridMean, $"mean |error| {mean:F2} vs grid {gridMean:F2}");
        Assert.True(mean < 4.5, $"mean |error| {mean:F2}");
        Assert.True(max <= 24, $"max |error| {max}");
    }

    private static (double Mean, int Max) Error(byte[] a, byte[] b)
    {
        double sum = 0;
        int max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = Math.Abs(a[i] - b[i]);
            sum += d;
            max = Math.Max(max, d);
        }

        return (sum / a.Length, max);
    }

    [Fact]
    public void Rgb_MaxColors_LimitsThePalette()
    {
        byte[] rgb = GifTestImages.RgbGradient(64, 48, 8);
        byte[] back = RoundTripRgb([rgb], 64, 48, new GifOptions { MaxColors = 16 }).Frames[0].Rgb;
        int distinct = Enumerable.Range(0, 64 * 48).Select(i => (back[i * 3] << 16) | (back[(i * 3) + 1] << 8) | back[(i * 3) + 2]).Distinct().Count();
        Assert.InRange(distinct, 8, 16);
    }

    [Fact]
    public void Quantizer_IsNearestColour()
    {
        // Every pixel must map to its nearest palette entry (the palette itself is the median cut's choice).
        byte[] rgb = GifTestImages.RgbGradient(50, 40, 21);
        var indices = new byte[50 * 40];
        var palette = new byte[768];
        int count = ColorQuantizer.Quantize(rgb, indices, palette, 64);
        Assert.Equal(64, count);
        for (int i = 0; i < indices.Length; i++)
        {
            int expected = ColorQuantizer.Nearest(palette.AsSpan(0, count * 3), rgb[i * 3], rgb[(i * 3) + 1], rgb[(i * 3) + 2]);
            Assert.Equal(expected, indices[i]);
        }
    }

    [Fact]
    public void Delays_AreTruncatedToCentiseconds()
    {
        int[] ms = [0, 9, 10, 15, 99, 1234, 655_350, 1_000_000];
        int[] stored = [0, 0, 1, 1, 9, 123, 65535, 65535];
        byte[][] frames = ms.Select(_ => new byte[] { 1 }).ToArray();
        GifAnimation gif = RoundTripGray(frames, 1, 1, new GifOptions { FrameDelaysMs = ms });
        Assert.Equal(stored, gif.Frames.Select(f => f.DelayCentiseconds));
        Assert.Equal(stored.Select(c => c * 10), gif.Frames.Select(f => f.DelayMs));

        GifAnimation uniform = RoundTripGray([[1], [2]], 1, 1, new GifOptions { DelayMs = 1000 });
        Assert.All(uniform.Frames, f => Assert.Equal(1000, f.DelayMs));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65535)]
    public void LoopCount_RoundTrips(int? loops)
    {
        Assert.Equal(loops, RoundTripGray([[7]], 1, 1, new GifOptions { LoopCount = loops }).LoopCount);
        Assert.Equal(loops, RoundTripRgb([[1, 2, 3]], 1, 1, new GifOptions { LoopCount = loops }).LoopCount);
    }

    [Fact]
    public void Layout_IsGif89aWithGlobalGrayPalette()
    {
        using var s = new MemoryStream();
        GifEncoder.EncodeGray(s, [new byte[] { 5, 6 }], 2, 1);
        byte[] b = s.ToArray();
        Assert.Equal("GIF89a"u8.ToArray(), b[..6]);
        Assert.Equal(0xF7, b[10]);
        for (int i = 0; i < 256; i++)
        {
            Assert.Equal([(byte)i, (byte)i, (byte)i], b[(13 + (i * 3))..(16 + (i * 3))]);
        }

        Assert.Equal(0x3B, b[^1]);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        using var s = new MemoryStream();
        byte[] f = new byte[12];
        Assert.Throws<ArgumentException>(() => GifEncoder.EncodeGray(s, [], 2, 2));
        Assert.Throws<ArgumentException>(() => GifEncoder.EncodeGray(s, [f], 0, 2));
        Assert.Throws<ArgumentException>(() => GifEncoder.EncodeGray(s, [f], 65536, 1));
        Assert.Throws<ArgumentException>(() => GifEncoder.EncodeGray(s, [f], 4, 4));
        Assert.Throws<ArgumentException>(() => GifEncoder.EncodeRgb(s, [f], 2, 3));
        Assert.Throws<ArgumentException>(() => GifEncoder.EncodeGray(s, [f], 2, 2, new GifOptions { DelayMs = -1 }));
        Assert.Throws<ArgumentException>(() => GifEncoder.EncodeGray(s, [f, f], 2, 2, new GifOptions { FrameDelaysMs = [10] }));
        Assert.Throws<ArgumentException>(() => GifEncoder.EncodeGray(s, [f], 2, 2, new GifOptions { LoopCount = -1 }));
        Assert.Throws<ArgumentException>(() => GifEncoder.EncodeRgb(s, [f], 2, 2, new GifOptions { MaxColors = 1 }));
        Assert.Throws<ArgumentException>(() => GifEncoder.EncodeRgb(s, [f], 2, 2, new GifOptions { MaxColors = 257 }));
        Assert.Equal(0, s.Length);
    }

    [Fact]
    public void EncodeFile_WritesAtomically()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fastxray-gif-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string gray = Path.Combine(dir, "stack.gif");
            string rgb = Path.Combine(dir, "rgb.gif");
            GifEncoder.EncodeGrayFile(gray, [GifTestImages.Levels(12), GifTestImages.Noise(12, 3)], 4, 3);
            GifEncoder.EncodeRgbFile(rgb, [GifTestImages.RgbFewColors(4, 3, 5, 1)], 4, 3);
            Assert.True(GifDecoder.DecodeFile(gray).Frames[1].TryGetGray(out byte[]? g));
            Assert.Equal(GifTestImages.Noise(12, 3), g);
            Assert.Equal(GifTestImages.RgbFewColors(4, 3, 5, 1), GifDecoder.DecodeFile(rgb).Frames[0].Rgb);

            Assert.Throws<ArgumentException>(() => GifEncoder.EncodeGrayFile(Path.Combine(dir, "bad.gif"), [new byte[3]], 4, 3));
            Assert.Equal(["rgb.gif", "stack.gif"], Directory.GetFiles(dir).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static GifAnimation RoundTripGray(byte[][] frames, int width, int height, GifOptions options)
    {
        using var s = new MemoryStream();
        GifEncoder.EncodeGray(s, frames.Select(f => (ReadOnlyMemory<byte>)f).ToArray(), width, height, options);
        return GifDecoder.Decode(s.ToArray());
    }

    private static GifAnimation RoundTripRgb(byte[][] frames, int width, int height, GifOptions options)
    {
        using var s = new MemoryStream();
        GifEncoder.EncodeRgb(s, frames.Select(f => (ReadOnlyMemory<byte>)f).ToArray(), width, height, options);
        return GifDecoder.Decode(s.ToArray());
    }
}

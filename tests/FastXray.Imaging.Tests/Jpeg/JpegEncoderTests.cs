using System.Security.Cryptography;
using FastXray.Imaging.Jpeg;
using FastXray.Tests;
using StbImageSharp;
using Xunit;

namespace FastXray.Imaging.Tests.Jpeg;

/// <summary>Our grey JPEG against libjpeg-turbo 2.1.5's own files for the same pixels and quality.</summary>
public class JpegEncoderTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in JpegReference.ImageNames())
        {
            foreach (int q in JpegReference.Qualities())
            {
                data.Add(name, q);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodeGray_IsByteIdenticalToLibjpeg(string name, int quality)
    {
        (byte[] pixels, int w, int h) = JpegReference.Input(name);
        byte[] ours = Encode(pixels, w, h, quality);
        Assert.Equal(JpegReference.Sha256(name, quality), Convert.ToHexStringLower(SHA256.HashData(ours)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodeGray_ScalarPathIsByteIdenticalToLibjpeg(string name, int quality)
    {
        (byte[] pixels, int w, int h) = JpegReference.Input(name);
        var ms = new MemoryStream();
        JpegEncoder.EncodeGray(ms, pixels, w, h, quality, vector: false);
        Assert.Equal(JpegReference.Sha256(name, quality), Convert.ToHexStringLower(SHA256.HashData(ms.ToArray())));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(90)]
    [InlineData(100)]
    public void EncodeGray_VectorAndScalarAgreeOnNoise(int quality)
    {
        // Full-range noise drives every coefficient to its extremes, beyond what the smooth fixtures reach.
        var rng = new Random(1234);
        const int w = 203, h = 77;
        byte[] pixels = new byte[w * h];
        rng.NextBytes(pixels);
        for (int i = 0; i < 64; i++)
        {
            pixels[i * 3] = (byte)(i % 2 == 0 ? 0 : 255);
        }

        var a = new MemoryStream();
        var b = new MemoryStream();
        JpegEncoder.EncodeGray(a, pixels, w, h, quality, vector: true);
        JpegEncoder.EncodeGray(b, pixels, w, h, quality, vector: false);
        Assert.Equal(b.ToArray(), a.ToArray());
    }

    [XrayTheory]
    [InlineData("00000011_000.png", 90)]
    [InlineData("00000011_001.png", 50)]
    [InlineData("00000011_001.png", 90)]
    [InlineData("00000011_004.png", 90)]
    public void EncodeGray_RadiographIsByteIdenticalToLibjpeg(string file, int quality)
    {
        var png = FastXray.Imaging.Png.PngDecoder.DecodeFile(Path.Combine(TestData.XrayDir, file));
        Assert.True(png.IsGray && !png.Is16Bit);
        byte[] ours = Encode(png.Pixels8!, png.Width, png.Height, quality);
        string expected = JpegReference.Manifest.GetProperty("xray").GetProperty(file).GetProperty(quality.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString()!;
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(ours)));
    }

    [Theory]
    [InlineData("phantom_128x96", 90)]
    [InlineData("9x17", 50)]
    [InlineData("1x1", 100)]
    public void EncodeGray_WritesOneComponentSof0(string name, int quality)
    {
        (byte[] pixels, int w, int h) = JpegReference.Input(name);
        byte[] jpeg = Encode(pixels, w, h, quality);
        int sof = IndexOfMarker(jpeg, 0xC0);
        Assert.True(sof > 0);
        Assert.Equal(8, jpeg[sof + 4]);
        Assert.Equal(h, (jpeg[sof + 5] << 8) | jpeg[sof + 6]);
        Assert.Equal(w, (jpeg[sof + 7] << 8) | jpeg[sof + 8]);
        Assert.Equal(1, jpeg[sof + 9]);
        Assert.Equal(-1, IndexOfMarker(jpeg, 0xC1));
        Assert.Equal(-1, IndexOfMarker(jpeg, 0xC2));
    }

    [Fact]
    public void EncodeGray_DecodesAsGreyCloseToTheSourceWithStbImage()
    {
        (byte[] pixels, int w, int h) = JpegReference.Input("phantom_128x96");
        byte[] jpeg = Encode(pixels, w, h, 95);
        ImageResult decoded = ImageResult.FromMemory(jpeg, ColorComponents.Default);
        Assert.Equal(ColorComponents.Grey, decoded.SourceComp);
        Assert.Equal(w, decoded.Width);
        Assert.Equal(h, decoded.Height);
        double sse = 0;
        for (int i = 0; i < pixels.Length; i++)
        {
            double d = decoded.Data[i] - pixels[i];
            sse += d * d;
        }

        double psnr = 10 * Math.Log10(255.0 * 255.0 / (sse / pixels.Length));

        // Noisy phantom (σ = 6 noise) at q95: libjpeg's own file decodes to about 40 dB; 35 catches a broken coder.
        Assert.True(psnr > 35, $"PSNR {psnr:F1} dB");
    }

    [Fact]
    public void QualityTables_MatchLibjpegForEveryQuality()
    {
        var tables = JpegReference.Manifest.GetProperty("qtables");
        Span<byte> table = stackalloc byte[64];
        for (int q = 1; q <= 100; q++)
        {
            JpegQuantization.Table(q, table);
            int[] expected = tables.GetProperty(q.ToString(System.Globalization.CultureInfo.InvariantCulture)).EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(expected, table.ToArray().Select(b => (int)b).ToArray());
        }
    }

    [Theory]
    [InlineData(0, 1, 90)]
    [InlineData(1, 0, 90)]
    [InlineData(65536, 1, 90)]
    [InlineData(1, 65536, 90)]
    [InlineData(8, 8, 0)]
    [InlineData(8, 8, 101)]
    public void EncodeGray_RejectsBadArguments(int width, int height, int quality)
    {
        byte[] pixels = new byte[64];
        Assert.Throws<ArgumentException>(() => JpegEncoder.EncodeGray(new MemoryStream(), pixels, width, height, quality));
    }

    [Fact]
    public void EncodeGray_RejectsTooFewPixels()
    {
        Assert.Throws<ArgumentException>(() => JpegEncoder.EncodeGray(new MemoryStream(), new byte[63], 8, 8));
    }

    [Fact]
    public void EncodeGray_LargestWidthIsAccepted()
    {
        byte[] pixels = new byte[65535];
        byte[] jpeg = Encode(pixels, 65535, 1, 75);
        ImageResult decoded = ImageResult.FromMemory(jpeg, ColorComponents.Grey);
        Assert.Equal(65535, decoded.Width);
        Assert.All(decoded.Data, v => Assert.Equal(0, v));
    }

    [Fact]
    public void EncodeGray_AllocationDoesNotGrowWithImageSize()
    {
        long small = Allocated(64);
        long large = Allocated(1024);

        // Small fixed cost (the pooled buffer may be rented for the first time, JSON-free); nothing per block:
        // 1024x1024 has 16384 blocks, 256 times as many as 64x64.
        Assert.True(large <= small + 64, $"64x64: {small} B, 1024x1024: {large} B");
        Assert.True(large < 1024, $"1024x1024 allocated {large} B");
    }

    [Fact]
    public void EncodeRgb_WritesThreeComponentJpegThatDecodes()
    {
        const int w = 40, h = 24;
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++)
        {
            rgb[(i * 3) + 0] = 200;
            rgb[(i * 3) + 1] = 60;
            rgb[(i * 3) + 2] = 30;
        }

        var ms = new MemoryStream();
        JpegEncoder.EncodeRgb(ms, rgb, w, h, 90);
        byte[] jpeg = ms.ToArray();
        int sof = IndexOfMarker(jpeg, 0xC0);
        Assert.Equal(3, jpeg[sof + 9]);
        ImageResult decoded = ImageResult.FromMemory(jpeg, ColorComponents.RedGreenBlue);
        Assert.InRange(decoded.Data[(10 * w * 3) + 30], 195, 205);
        Assert.InRange(decoded.Data[(10 * w * 3) + 31], 55, 65);
        Assert.InRange(decoded.Data[(10 * w * 3) + 32], 25, 35);
    }

    private static long Allocated(int size)
    {
        byte[] pixels = new byte[size * size];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 31) ^ (i >> 7));
        }

        var ms = new MemoryStream(size * size * 2);
        JpegEncoder.EncodeGray(ms, pixels, size, size, 90); // warm up: JIT, static tables, pool

        // The least of three calls: the shared ArrayPool re-allocates once after a gen-2 GC trims it, which is the
        // pool's allocation, not the encoder's (see AllocationAssert).
        long least = long.MaxValue;
        for (int run = 0; run < 3; run++)
        {
            ms.Position = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            JpegEncoder.EncodeGray(ms, pixels, size, size, 90);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }

    private static byte[] Encode(byte[] pixels, int w, int h, int quality)
    {
        var ms = new MemoryStream();
        JpegEncoder.EncodeGray(ms, pixels, w, h, quality);
        return ms.ToArray();
    }

    /// <summary>Position of the first FF xx marker before the scan data, or -1.</summary>
    private static int IndexOfMarker(byte[] jpeg, byte code)
    {
        int p = 2;
        while (p + 4 <= jpeg.Length && jpeg[p] == 0xFF)
        {
            if (jpeg[p + 1] == code)
            {
                return p;
            }

            if (jpeg[p + 1] == 0xDA)
            {
                return -1;
            }

            p += 2 + ((jpeg[p + 2] << 8) | jpeg[p + 3]);
        }

        return -1;
    }
}

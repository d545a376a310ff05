using FastXray.Imaging.Gif;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Gif;

/// <summary>The decoder on hand-built and damaged files: composition rules, limits, and only ImageFormatException.</summary>
public class GifDecoderTests
{
    [Fact]
    public void EveryTruncation_Throws()
    {
        // Even a cut at a block boundary (whole frames, no trailer) is refused rather than read as a shorter animation.
        byte[] gif = File.ReadAllBytes(Fixture("enc_gray_levels.gif"));
        for (int n = 0; n < gif.Length; n++)
        {
            byte[] cut = gif[..n];
            Assert.Throws<ImageFormatException>(() => GifDecoder.Decode(cut));
        }

        Assert.Equal(3, GifDecoder.Decode([.. gif, 1, 2, 3]).Frames.Count);
    }

    [Theory]
    [InlineData("enc_gray_levels.gif")]
    [InlineData("enc_rgb_exact.gif")]
    [InlineData("pil_subrect.gif")]
    [InlineData("pil_interlaced.gif")]
    public void RandomDamage_ThrowsOnlyImageFormatException(string file)
    {
        byte[] original = File.ReadAllBytes(Fixture(file));
        var rng = new Random(1234);
        int decoded = 0, refused = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            byte[] gif = (byte[])original.Clone();
            int edits = 1 + rng.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int at = rng.Next(gif.Length);
                gif[at] = rng.Next(3) switch
                {
                    0 => (byte)rng.Next(256),
                    1 => (byte)(gif[at] ^ (1 << rng.Next(8))),
                    _ => (byte)(rng.Next(2) * 255),
                };
            }

            try
            {
                GifAnimation a = GifDecoder.Decode(gif, new DecodeLimits { MaxPixels = 1 << 22, MaxDecompressedBytes = 1 << 26 });
                Assert.All(a.Frames, f => Assert.Equal(a.Width * a.Height * 3, f.Rgb.Length));
                decoded++;
            }
            catch (ImageFormatException e)
            {
                Assert.DoesNotContain('\n', e.Message);
                refused++;
            }
        }

        Assert.True(decoded > 0 && refused > 0, $"{decoded} decoded, {refused} refused");
    }

    [Fact]
    public void Signature_MustBeGif87aOrGif89a()
    {
        byte[] gif = Build(2, 1, [Frame(0, 0, 2, 1, [1, 2])]);
        gif[4] = (byte)'7';
        Assert.Equal(2, GifDecoder.Decode(gif).Width);
        gif[4] = (byte)'8';
        Assert.Contains("signature", Assert.Throws<ImageFormatException>(() => GifDecoder.Decode(gif)).Message, StringComparison.Ordinal);
        Assert.Throws<ImageFormatException>(() => GifDecoder.Decode("PNG"u8));
        Assert.Throws<ImageFormatException>(() => GifDecoder.Decode([]));
    }

    [Fact]
    public void Limits_AreCheckedBeforeAllocating()
    {
        byte[] huge = Build(65535, 65535, []);
        Assert.Contains("limit", Assert.Throws<ImageFormatException>(() => GifDecoder.Decode(huge)).Message, StringComparison.Ordinal);

        byte[] small = Build(16, 16, [Frame(0, 0, 16, 16, GifTestImages.Noise(256, 1))]);
        Assert.Throws<ImageFormatException>(() => GifDecoder.Decode(small, new DecodeLimits { MaxPixels = 255 }));
        Assert.Throws<ImageFormatException>(() => GifDecoder.Decode(small, new DecodeLimits { MaxDecompressedBytes = 767 }));

        // A frame descriptor far larger than the canvas is refused before its pixels are allocated.
        byte[] bigFrame = Build(4, 4, [Frame(0, 0, 60000, 60000, [1], lzwOverride: [2, 0])]);
        Assert.Throws<ImageFormatException>(() => GifDecoder.Decode(bigFrame));

        // Many frames: the total of composed canvases is bounded too.
        byte[] many = Build(64, 64, Enumerable.Repeat(Frame(0, 0, 1, 1, [3]), 100).ToArray());
        Assert.Throws<ImageFormatException>(() => GifDecoder.Decode(many, new DecodeLimits { MaxDecompressedBytes = 64 * 64 * 3 * 99 }));
        Assert.Equal(100, GifDecoder.Decode(many, new DecodeLimits { MaxDecompressedBytes = 64 * 64 * 3 * 100 }).Frames.Count);
    }

    [Fact]
    public void MalformedStructures_AreRefused()
    {
        Assert.Contains("no image", Message(Build(2, 2, [])), StringComparison.Ordinal);
        Assert.Contains("unknown block", Message(Build(2, 2, [[0x99]])), StringComparison.Ordinal);
        Assert.Contains("minimum code size", Message(Build(2, 2, [Frame(0, 0, 2, 2, [0, 0, 0, 0], lzwOverride: [9, 0])])), StringComparison.Ordinal);
        Assert.Contains("ends after", Message(Build(2, 2, [Frame(0, 0, 2, 2, [1, 2])])), StringComparison.Ordinal);

        // clear (256) then code 300, which is not defined yet.
        byte[] badCode = [8, 3, 0x00, 0x59, 0x02, 0];
        Assert.Contains("invalid LZW code", Message(Build(2, 2, [Frame(0, 0, 2, 2, [], lzwOverride: badCode)])), StringComparison.Ordinal);
    }

    [Fact]
    public void FrameOutsideCanvas_IsClipped()
    {
        byte[] gif = Build(3, 2, [Frame(1, 1, 4, 2, [10, 20, 30, 40, 50, 60, 70, 80])]);
        GifFrame f = GifDecoder.Decode(gif).Frames[0];
        Assert.True(f.TryGetGray(out byte[]? gray));
        Assert.Equal([0, 0, 0, 0, 10, 20], gray);
    }

    [Fact]
    public void Transparency_KeepsTheCanvas()
    {
        byte[] gif = Build(3, 1, [Frame(0, 0, 3, 1, [5, 6, 7]), Frame(0, 0, 3, 1, [9, 42, 42], transparent: 42)]);
        GifAnimation a = GifDecoder.Decode(gif);
        Assert.True(a.Frames[1].TryGetGray(out byte[]? gray));
        Assert.Equal([9, 6, 7], gray);
    }

    [Fact]
    public void Disposal_RestoresBackgroundOrPrevious()
    {
        // Background index 4 of the gray palette is (4, 4, 4).
        byte[] gif = Build(3, 1, [
            Frame(0, 0, 3, 1, [1, 2, 3]),
            Frame(1, 0, 1, 1, [50], disposal: 3),
            Frame(2, 0, 1, 1, [60], disposal: 2),
            Frame(0, 0, 1, 1, [70])], background: 4);
        IReadOnlyList<GifFrame> f = GifDecoder.Decode(gif).Frames;
        Assert.Equal([1, 2, 3], Gray(f[0]));
        Assert.Equal([1, 50, 3], Gray(f[1]));
        Assert.Equal([1, 2, 60], Gray(f[2]));
        Assert.Equal([70, 2, 4], Gray(f[3]));
        Assert.Equal(3, f[1].Disposal);
    }

    [Fact]
    public void DecodeFile_NamesTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "fastxray-bad-" + Guid.NewGuid().ToString("N") + ".gif");
        File.WriteAllBytes(path, "GIF89a"u8.ToArray());
        try
        {
            ImageFormatException e = Assert.Throws<ImageFormatException>(() => GifDecoder.DecodeFile(path));
            Assert.Equal(path, e.FileName);
            Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TryGetGray_IsFalseForColour()
    {
        GifAnimation a = GifDecoder.DecodeFile(Fixture("enc_rgb_exact.gif"));
        Assert.False(a.Frames[0].TryGetGray(out byte[]? gray));
        Assert.Null(gray);
    }

    private static byte[] Gray(GifFrame f) => f.TryGetGray(out byte[]? g) ? g : throw new InvalidOperationException("not gray");

    private static string Message(byte[] gif) => Assert.Throws<ImageFormatException>(() => GifDecoder.Decode(gif)).Message;

    private static string Fixture(string name) => TestData.Reference("FastXray.Imaging.Tests", "gif", name);

    /// <summary>A GIF89a with the 256-level gray global palette and the given raw blocks, then the trailer.</summary>
    private static byte[] Build(int width, int height, byte[][] blocks, int background = 0)
    {
        var b = new List<byte>();
        b.AddRange("GIF89a"u8.ToArray());
        b.AddRange([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0xF7, (byte)background, 0]);
        for (int i = 0; i < 256; i++)
        {
            b.AddRange([(byte)i, (byte)i, (byte)i]);
        }

        foreach (byte[] block in blocks)
        {
            b.AddRange(block);
        }

        b.Add(0x3B);
        return b.ToArray();
    }

    /// <summary>A graphic control extension, image descriptor and LZW data (our encoder's, unless overridden).</summary>
    private static byte[] Frame(int left, int top, int w, int h, byte[] indices, int disposal = 0, int transparent = -1, byte[]? lzwOverride = null)
    {
        var b = new List<byte> { 0x21, 0xF9, 4, (byte)((disposal << 2) | (transparent >= 0 ? 1 : 0)), 0, 0, (byte)Math.Max(transparent, 0), 0 };
        b.AddRange([0x2C, (byte)left, (byte)(left >> 8), (byte)top, (byte)(top >> 8), (byte)w, (byte)(w >> 8), (byte)h, (byte)(h >> 8), 0]);
        if (lzwOverride is not null)
        {
            b.AddRange(lzwOverride);
        }
        else
        {
            using var lzw = new LzwEncoder();
            using var s = new MemoryStream();
            lzw.Encode(indices, 8, s);
            b.AddRange(s.ToArray());
        }

        return b.ToArray();
    }
}

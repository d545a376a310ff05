using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Imaging.StbWrite;
using FastXray.Tests;
using StbImageSharp;
using Xunit;

namespace FastXray.Imaging.Tests.StbWrite;

/// <summary>
/// BMP and TGA through StbImageWriteSharp: the enc_* files in Reference/jpeg/ were written by these encoders
/// (with FASTXRAY_WRITE_FIXTURES=1) and read back by Pillow 9.4 in tools/fixtures/jpeg_encode.py, which checked
/// the exact pixels and recorded each file's SHA-256 in stb.json. Here the encoders must still write those bytes.
/// </summary>
public class StbWriteFixtureTests
{
    private const string WriteVariable = "FASTXRAY_WRITE_FIXTURES";

    public static TheoryData<string> Files() => ["enc_gray_37x21.bmp", "enc_rgb_37x21.bmp", "enc_gray_37x21.tga", "enc_rgb_37x21.tga", "enc_gray_1x1.bmp", "enc_gray_1x1.tga", "enc_gray_300x2.tga"];

    [Theory]
    [MemberData(nameof(Files))]
    public void Encoder_WritesTheBytesPillowVerified(string file)
    {
        byte[] data = Encode(file);
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            File.WriteAllBytes(TestData.Reference("FastXray.Imaging.Tests", "jpeg", file), data);
        }

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(TestData.Reference("FastXray.Imaging.Tests", "jpeg", "stb.json")));
        Assert.Equal(doc.RootElement.GetProperty(file).GetString(), Convert.ToHexStringLower(SHA256.HashData(data)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Encoder_OutputReadsBackExactly(string file)
    {
        (int w, int h, int channels, _) = Parse(file);
        ImageResult back = ImageResult.FromMemory(Encode(file), channels == 1 ? ColorComponents.Grey : ColorComponents.RedGreenBlue);
        Assert.Equal(Input(w, h, channels), back.Data);
    }

    [Fact]
    public void Tga_GreyIsStoredAsGreyscaleImageType()
    {
        byte[] tga = Encode("enc_gray_37x21.tga");
        Assert.Equal(11, tga[2]); // RLE greyscale (stb's default RLE on); 3 would be uncompressed greyscale
        Assert.Equal(8, tga[16]);  // bits per pixel
    }

    [Fact]
    public void Bmp_GreyIsExpandedTo24Bit()
    {
        byte[] bmp = Encode("enc_gray_37x21.bmp");
        Assert.Equal((byte)'B', bmp[0]);
        Assert.Equal(24, bmp[28]);
    }

    [Fact]
    public void Encoders_RejectBadSizes()
    {
        Assert.Throws<ArgumentException>(() => BmpEncoder.EncodeGray(new MemoryStream(), new byte[4], 0, 4));
        Assert.Throws<ArgumentException>(() => TgaEncoder.EncodeRgb(new MemoryStream(), new byte[11], 2, 2));
        Assert.Throws<ArgumentException>(() => TgaEncoder.EncodeGray(new MemoryStream(), new byte[65536], 65536, 1));
    }

    /// <summary>value = (x·7 + y·13 + c·50) mod 256, the formula jpeg_encode.py rebuilds.</summary>
    internal static byte[] Input(int w, int h, int channels)
    {
        byte[] p = new byte[w * h * channels];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    p[(((y * w) + x) * channels) + c] = (byte)(((x * 7) + (y * 13) + (c * 50)) % 256);
                }
            }
        }

        return p;
    }

    private static (int W, int H, int Channels, bool Bmp) Parse(string file)
    {
        // enc_<gray|rgb>_<w>x<h>.<bmp|tga>
        string[] parts = Path.GetFileNameWithoutExtension(file).Split('_');
        string[] size = parts[2].Split('x');
        return (int.Parse(size[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(size[1], System.Globalization.CultureInfo.InvariantCulture), parts[1] == "gray" ? 1 : 3, file.EndsWith(".bmp", StringComparison.Ordinal));
    }

    private static byte[] Encode(string file)
    {
        (int w, int h, int channels, bool bmp) = Parse(file);
        byte[] pixels = Input(w, h, channels);
        var ms = new MemoryStream();
        if (bmp)
        {
            if (channels == 1)
            {
                BmpEncoder.EncodeGray(ms, pixels, w, h);
            }
            else
            {
                BmpEncoder.EncodeRgb(ms, pixels, w, h);
            }
        }
        else if (channels == 1)
        {
            TgaEncoder.EncodeGray(ms, pixels, w, h);
        }
        else
        {
            TgaEncoder.EncodeRgb(ms, pixels, w, h);
        }

        return ms.ToArray();
    }
}

using FastXray.Imaging.Formats;
using FastXray.Imaging.Png;
using FastXray.Imaging.Stb;
using StbImageSharp;
using Xunit;

namespace FastXray.Imaging.Tests.Stb;

/// <summary>
/// Which grey a colour JPEG gets: YCbCr files their decoded Y plane (StbImageSharp asked for one channel); files
/// StbImageSharp treats as RGB (an Adobe APP14 with transform 0, or component ids 'R','G','B') BT.601 of its RGB,
/// never StbImageSharp's own (77R + 150G + 29B) >> 8.
/// </summary>
public sealed class StbJpegColourTests
{
    [Theory]
    [InlineData("rgb_67x45_420.jpg")]
    [InlineData("rgb_128x96_422.jpg")]
    [InlineData("rgb_67x45_444.jpg")]
    [InlineData("rgb_128x96_progressive.jpg")]
    [InlineData("rgb_67x45_restart.jpg")]
    public void YCbCrGreyIsTheYPlane(string name)
    {
        byte[] data = StbTestFiles.Bytes(name);
        JpegStructure.Read(data, out bool lumaIsGrey);
        Assert.True(lumaIsGrey);
        byte[] y = ImageResult.FromMemory(data, ColorComponents.Grey).Data;
        byte[] viaRgb = Bt601(ImageResult.FromMemory(data, ColorComponents.RedGreenBlue).Data);
        byte[] actual = StbReader.Decode(data, ImageContainer.Jpeg).Pixels8!;
        Assert.Equal(y, actual);
        Assert.NotEqual(viaRgb, actual); // the colour round trip differs, so the test tells the two paths apart
    }

    [Fact]
    public void AdobeYCbCrTransformStaysOnTheYPath()
    {
        byte[] data = WithApp14(StbTestFiles.Bytes("rgb_67x45_420.jpg"), transform: 1);
        JpegStructure.Read(data, out bool lumaIsGrey);
        Assert.True(lumaIsGrey);
        Assert.Equal(ImageResult.FromMemory(data, ColorComponents.Grey).Data, StbReader.Decode(data, ImageContainer.Jpeg).Pixels8);
    }

    [Fact]
    public void AdobeRgbTransformIsBt601OfTheColourDecode() =>
        AssertColourPath(WithApp14(StbTestFiles.Bytes("rgb_128x96_444.jpg"), transform: 0));

    [Theory]
    [InlineData("rgb_128x96_444.jpg")]
    [InlineData("rgb_67x45_progressive.jpg")]
    public void RgbComponentIdsAreBt601OfTheColourDecode(string name) =>
        AssertColourPath(WithIds(StbTestFiles.Bytes(name), "RGB"u8.ToArray()));

    private static void AssertColourPath(byte[] data)
    {
        FormatInfo info = JpegStructure.Read(data, out bool lumaIsGrey);
        Assert.False(lumaIsGrey);
        Assert.Equal("rgb", info.Colour);
        byte[] expected = Bt601(ImageResult.FromMemory(data, ColorComponents.RedGreenBlue).Data);
        byte[] stbGrey = ImageResult.FromMemory(data, ColorComponents.Grey).Data;
        byte[] actual = StbReader.Decode(data, ImageContainer.Jpeg).Pixels8!;
        Assert.Equal(expected, actual);
        Assert.NotEqual(stbGrey, actual); // StbImageSharp's own grey formula differs on these pixels
    }

    private static byte[] Bt601(byte[] rgb)
    {
        var grey = new byte[rgb.Length / 3];
        PngGrayConversion.ToGray(rgb, 3, grey);
        return grey;
    }

    /// <summary>The file with an Adobe APP14 segment (version 100, no flags, the given transform) after SOI.</summary>
    private static byte[] WithApp14(byte[] jpeg, byte transform)
    {
        byte[] app14 = [0xFF, 0xEE, 0, 14, (byte)'A', (byte)'d', (byte)'o', (byte)'b', (byte)'e', 0, 100, 0, 0, 0, 0, transform];
        return [.. jpeg.AsSpan(0, 2), .. app14, .. jpeg.AsSpan(2)];
    }

    /// <summary>The file with its three component ids replaced in the frame header and in every scan header.</summary>
    private static byte[] WithIds(byte[] jpeg, byte[] ids)
    {
        byte[] data = (byte[])jpeg.Clone();
        byte[] old = new byte[3];
        int pos = 2;
        while (data[pos + 1] != 0xD9)
        {
            byte marker = data[pos + 1];
            int length = (data[pos + 2] << 8) | data[pos + 3];
            int s = pos + 4;
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                for (int i = 0; i < 3; i++)
                {
                    old[i] = data[s + 6 + (3 * i)];
                    data[s + 6 + (3 * i)] = ids[i];
                }
            }

            pos += 2 + length;
            if (marker == 0xDA)
            {
                for (int k = 0; k < data[s]; k++)
                {
                    data[s + 1 + (2 * k)] = ids[Array.IndexOf(old, data[s + 1 + (2 * k)])];
                }

                while (data[pos] != 0xFF || data[pos + 1] == 0x00 || data[pos + 1] is >= 0xD0 and <= 0xD7)
                {
                    pos++;
                }
            }
        }

        return data;
    }
}

using System.Buffers.Binary;
using FastXray.Imaging.Bmp;
using FastXray.Imaging.Formats;
using FastXray.Imaging.Png;
using FastXray.Imaging.Stb;
using FastXray.Imaging.Tests.Stb;
using FastXray.Imaging.Tga;
using Xunit;

namespace FastXray.Imaging.Tests.Bmp;

/// <summary>
/// Our BMP/TGA decoders against StbImageSharp (through the same guard, <see cref="StbReader.DecodeWithStbImageSharp"/>)
/// on every BMP/TGA golden file and on variants built from them; the golden tests (StbGoldenTests) check both
/// against Pillow. Layouts we leave to StbImageSharp are tested here to still go there and decode right.
/// </summary>
public sealed class BmpTgaDecoderTests
{
    public static TheoryData<string> BmpTgaNames()
    {
        var data = new TheoryData<string>();
        foreach (StbCase c in StbTestFiles.Cases)
        {
            if (c.File.EndsWith(".bmp", StringComparison.Ordinal) || c.File.EndsWith(".tga", StringComparison.Ordinal))
            {
                data.Add(c.File);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BmpTgaNames))]
    public void GoldenFile_TakesOurPath_AndMatchesStbImageSharp(string name)
    {
        byte[] data = StbTestFiles.Bytes(name);
        ImageContainer container = StbTestFiles.ContainerOf(name);
        FormatInfo info = StbReader.ReadInfo(data, container);
        GrayImage? own = container == ImageContainer.Bmp ? BmpDecoder.TryDecode(data, info) : TgaDecoder.TryDecode(data, info);
        Assert.NotNull(own); // so StbGoldenTests' exact comparison with Pillow runs through our decoder
        GrayImage stb = StbReader.DecodeWithStbImageSharp(data, container);
        Assert.Equal(stb.Pixels8, own.Pixels8);
        Assert.Equal(stb.SourceColour, own.SourceColour);
        Assert.Equal(stb.Pixels8, StbReader.Decode(data, container).Pixels8);
    }

    [Fact]
    public void ColourPaletteBmp_IsBt601OfTheEntries()
    {
        byte[] data = StbTestFiles.Bytes("gray_67x45_pal8.bmp");
        var lut = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            // Stored B G R X.
            byte r = (byte)i, g = (byte)(255 - i), b = (byte)((i * 7) % 256);
            data[54 + (4 * i)] = b;
            data[55 + (4 * i)] = g;
            data[56 + (4 * i)] = r;
            lut[i] = (byte)PngGrayConversion.Luma(r, g, b);
        }

        GrayImage own = StbReader.Decode(data, ImageContainer.Bmp);
        Assert.Equal(StbReader.DecodeWithStbImageSharp(data, ImageContainer.Bmp).Pixels8, own.Pixels8);
        byte[] indices = StbReader.Decode(StbTestFiles.Bytes("gray_67x45_pal8.bmp"), ImageContainer.Bmp).Pixels8!; // identity palette
        Assert.Equal(indices.Select(v => lut[v]).ToArray(), own.Pixels8);
    }

    [Fact]
    public void ShortPaletteBmp_IndicesPastItAreBlack_AsStbImageSharpReadsThem()
    {
        // The grey golden file with only its first 128 palette entries (the count comes from the pixel offset).
        byte[] full = StbTestFiles.Bytes("gray_67x45_pal8.bmp");
        byte[] data = [.. full.AsSpan(0, 54 + 512), .. full.AsSpan(1078)];
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(2), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(10), 54 + 512);
        byte[] indices = StbReader.Decode(full, ImageContainer.Bmp).Pixels8!;
        Assert.Contains(indices, v => v >= 128);
        byte[] own = StbReader.Decode(data, ImageContainer.Bmp).Pixels8!;
        Assert.Equal(indices.Select(v => v < 128 ? v : (byte)0).ToArray(), own);
        Assert.Equal(StbReader.DecodeWithStbImageSharp(data, ImageContainer.Bmp).Pixels8, own);
    }

    [Theory]
    [InlineData("rgba_67x45_32.bmp")]
    [InlineData("rgba_128x96_32.bmp")]
    public void StandardBitFieldsBmp_TakesOurPath(string name)
    {
        byte[] plain = StbTestFiles.Bytes(name);
        Assert.Equal(40, BinaryPrimitives.ReadInt32LittleEndian(plain.AsSpan(14)));
        byte[] masks = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(masks, 0x00FF0000);
        BinaryPrimitives.WriteUInt32LittleEndian(masks.AsSpan(4), 0x0000FF00);
        BinaryPrimitives.WriteUInt32LittleEndian(masks.AsSpan(8), 0x000000FF);
        byte[] data = [.. plain.AsSpan(0, 54), .. masks, .. plain.AsSpan(54)];
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(2), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(10), 54 + 12);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(30), 3); // BI_BITFIELDS
        FormatInfo info = StbReader.ReadInfo(data, ImageContainer.Bmp);
        Assert.NotNull(BmpDecoder.TryDecode(data, info));
        byte[] expected = StbReader.Decode(plain, ImageContainer.Bmp).Pixels8!;
        Assert.Equal(expected, StbReader.Decode(data, ImageContainer.Bmp).Pixels8);
        Assert.Equal(expected, StbReader.DecodeWithStbImageSharp(data, ImageContainer.Bmp).Pixels8);

        // Swapped masks (R and B) are not the standard layout: StbImageSharp reads them, as R G B X.
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(54), 0x000000FF);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(62), 0x00FF0000);
        Assert.Null(BmpDecoder.TryDecode(data, info));
        Assert.NotEqual(expected, StbReader.Decode(data, ImageContainer.Bmp).Pixels8);
    }

    [Theory]
    [InlineData(67, 45, false)]
    [InlineData(16, 3, true)]
    public void FourBitBmp_StaysWithStbImageSharp(int width, int height, bool topDown)
    {
        // 16 grey levels i·17 in a 4-bit palette; pixel (x, y) is level (x + 3y) mod 16, two pixels a byte, high first.
        int stride = ((width * 4) + 31) / 32 * 4;
        int offset = 14 + 40 + (16 * 4);
        byte[] data = new byte[offset + (stride * height)];
        data[0] = (byte)'B';
        data[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(2), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(10), offset);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(22), topDown ? -height : height);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(28), 4);
        for (int i = 0; i < 16; i++)
        {
            data.AsSpan(54 + (4 * i), 3).Fill((byte)(i * 17));
        }

        var expected = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            int stored = topDown ? y : height - 1 - y;
            for (int x = 0; x < width; x++)
            {
                int level = (x + (3 * y)) % 16;
                expected[(y * width) + x] = (byte)(level * 17);
                data[offset + (stored * stride) + (x / 2)] |= (byte)(x % 2 == 0 ? level << 4 : level);
            }
        }

        Assert.Null(BmpDecoder.TryDecode(data, StbReader.ReadInfo(data, ImageContainer.Bmp)));
        Assert.Equal(expected, StbReader.Decode(data, ImageContainer.Bmp).Pixels8);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ColourMappedTga_StaysWithStbImageSharp(bool rightToLeft)
    {
        // The raw grey golden file re-stored as type 1 with a 256-entry B G R map whose entry i is grey i.
        byte[] raw = StbTestFiles.Bytes("gray_67x45_raw.tga");
        int start = 18 + raw[0];
        byte[] map = new byte[256 * 3];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = (byte)(i / 3);
        }

        byte[] data = [.. raw.AsSpan(0, start), .. map, .. raw.AsSpan(start)];
        data[1] = 1;
        data[2] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(5), 256);
        data[7] = 24;
        byte[] expected = StbReader.Decode(raw, ImageContainer.Tga).Pixels8!;
        if (rightToLeft)
        {
            data[17] |= 0x10;
            Mirror(expected, 67, 45);
        }

        Assert.Null(TgaDecoder.TryDecode(data, StbReader.ReadInfo(data, ImageContainer.Tga)));
        Assert.Equal(expected, StbReader.Decode(data, ImageContainer.Tga).Pixels8);
    }

    [Theory]
    [InlineData("gray_67x45_raw.tga")]
    [InlineData("rgb_128x96_raw.tga")]
    public void RightToLeftTga_IsMirroredAsPillowDoes(string name)
    {
        byte[] data = StbTestFiles.Bytes(name);
        StbCase c = StbTestFiles.Case(name);
        int bytes = data[16] / 8;
        int start = 18 + data[0];
        byte[] mirrored = (byte[])data.Clone();
        for (int y = 0; y < c.Height; y++)
        {
            for (int x = 0; x < c.Width; x++)
            {
                data.AsSpan(start + (((y * c.Width) + x) * bytes), bytes).CopyTo(mirrored.AsSpan(start + (((y * c.Width) + c.Width - 1 - x) * bytes)));
            }
        }

        mirrored[17] |= 0x10;
        byte[] expected = StbReader.Decode(data, ImageContainer.Tga).Pixels8!;
        Assert.Equal(expected, StbReader.Decode(mirrored, ImageContainer.Tga).Pixels8);
        Assert.Equal(expected, StbReader.DecodeWithStbImageSharp(mirrored, ImageContainer.Tga).Pixels8);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void RleTga_PacketsAcrossRows_MatchStbImageSharp(int bytes, bool topDown)
    {
        // Runs and literal packets of every length 1..128 that cross rows; the last packet runs past the last pixel.
        const int width = 67, height = 45;
        var packets = new List<byte>();
        int pixels = 0, length = 1;
        var random = new Random(7);
        while (pixels < width * height)
        {
            bool run = (pixels / 97) % 2 == 0;
            int count = length;
            length = (length % 128) + 1;
            packets.Add((byte)((run ? 128 : 0) | (count - 1)));
            for (int i = 0; i < (run ? 1 : count) * bytes; i++)
            {
                packets.Add((byte)random.Next(256));
            }

            pixels += count;
        }

        byte[] data = [.. new byte[18], .. packets];
        data[2] = (byte)(bytes == 1 ? 11 : 10);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(12), width);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(14), height);
        data[16] = (byte)(8 * bytes);
        data[17] = (byte)(topDown ? 0x20 : 0);
        Assert.NotNull(TgaDecoder.TryDecode(data, StbReader.ReadInfo(data, ImageContainer.Tga)));
        Assert.Equal(StbReader.DecodeWithStbImageSharp(data, ImageContainer.Tga).Pixels8, StbReader.Decode(data, ImageContainer.Tga).Pixels8);
    }

    [Theory]
    [InlineData("rgb_67x45_24.bmp")]
    [InlineData("gray_67x45_pal8.bmp")]
    [InlineData("rgb_67x45_raw.tga")]
    [InlineData("rgba_128x96_rle.tga")]
    public void TruncatedFile_IsAnErrorOnOurPath(string name)
    {
        byte[] data = StbTestFiles.Bytes(name);
        ImageContainer container = StbTestFiles.ContainerOf(name);

        // TGA: Pillow's 26-byte footer is not pixel data, so cut into the pixels themselves.
        byte[] cut = data.AsSpan(0, data.Length - (container == ImageContainer.Tga ? 27 : 1)).ToArray();
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => StbReader.Decode(cut, container));
        Assert.StartsWith("truncated", e.Message, StringComparison.Ordinal);
    }

    private static void Mirror(byte[] gray, int width, int height)
    {
        for (int y = 0; y < height; y++)
        {
            gray.AsSpan(y * width, width).Reverse();
        }
    }
}

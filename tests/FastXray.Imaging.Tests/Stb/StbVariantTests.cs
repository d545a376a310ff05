using System.Buffers.Binary;
using FastXray.Imaging.Formats;
using FastXray.Imaging.Stb;
using Xunit;

namespace FastXray.Imaging.Tests.Stb;

/// <summary>Row-order variants made from the golden files: top-down BMP (negative height) and top-left TGA.</summary>
public sealed class StbVariantTests
{
    [Theory]
    [InlineData("rgb_67x45_24.bmp")]
    [InlineData("gray_67x45_pal8.bmp")]
    [InlineData("rgba_128x96_32.bmp")]
    public void TopDownBmpDecodesToTheSameImage(string name)
    {
        byte[] data = StbTestFiles.Bytes(name);
        StbCase c = StbTestFiles.Case(name);
        int offset = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(10));
        int bpp = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(28));
        int stride = ((c.Width * bpp) + 31) / 32 * 4;
        byte[] flipped = (byte[])data.Clone();
        for (int y = 0; y < c.Height; y++)
        {
            data.AsSpan(offset + (y * stride), stride).CopyTo(flipped.AsSpan(offset + ((c.Height - 1 - y) * stride)));
        }

        BinaryPrimitives.WriteInt32LittleEndian(flipped.AsSpan(22), -c.Height);
        Assert.Equal(StbReader.Decode(data, ImageContainer.Bmp).Pixels8, StbReader.Decode(flipped, ImageContainer.Bmp).Pixels8);
        Assert.Equal(c.Height, StbReader.ReadInfo(flipped, ImageContainer.Bmp).Height);
    }

    [Theory]
    [InlineData("rgb_67x45_raw.tga")]
    [InlineData("gray_128x96_raw.tga")]
    public void TopLeftTgaDecodesToTheSameImage(string name)
    {
        byte[] data = StbTestFiles.Bytes(name);
        StbCase c = StbTestFiles.Case(name);
        int bytes = data[16] / 8;
        int start = 18 + data[0];
        int row = c.Width * bytes;
        byte[] flipped = (byte[])data.Clone();
        Assert.Equal(0, data[17] & 0x20); // Pillow writes bottom-up
        for (int y = 0; y < c.Height; y++)
        {
            data.AsSpan(start + (y * row), row).CopyTo(flipped.AsSpan(start + ((c.Height - 1 - y) * row)));
        }

        flipped[17] |= 0x20;
        Assert.Equal(StbReader.Decode(data, ImageContainer.Tga).Pixels8, StbReader.Decode(flipped, ImageContainer.Tga).Pixels8);
    }
}

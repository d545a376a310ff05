using System.Buffers.Binary;
using System.IO.Compression;
using FastXray.Imaging.Formats;
using FastXray.Imaging.Tiff;
using Xunit;

namespace FastXray.Imaging.Tests.Tiff;

/// <summary>The encoder: round trips through the reader, and the file checked tag by tag against TIFF 6.0 without the reader.</summary>
public class TiffEncoderTests
{
    public static TheoryData<int, int, TiffCompression> Sizes
    {
        get
        {
            var data = new TheoryData<int, int, TiffCompression>();
            foreach (TiffCompression c in new[] { TiffCompression.None, TiffCompression.Deflate })
            {
                foreach ((int w, int h) in new[] { (1, 1), (67, 45), (1, 300), (300, 1), (301, 257), (40000, 3) })
                {
                    data.Add(w, h, c);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Gray16_RoundTrips(int width, int height, TiffCompression compression)
    {
        ushort[] pixels = Pattern16(width, height);
        byte[] file = Encode(pixels, width, height, compression);
        GrayImage back = TiffReader.Decode(file);
        Assert.Equal(pixels, back.Pixels16!);
        Assert.Equal(new FormatInfo(ImageContainer.Tiff, width, height, 16, "uint16", "grey", $"{(compression == TiffCompression.None ? "uncompressed" : "Deflate, predictor 2")}, strips"), TiffReader.ReadInfo(file));
        CheckStructure(file, width, height, 2, compression, pixels.SelectMany(v => new[] { (byte)v, (byte)(v >> 8) }).ToArray());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Gray8_RoundTrips(int width, int height, TiffCompression compression)
    {
        byte[] pixels = Pattern16(width, height).Select(v => (byte)(v >> 5)).ToArray();
        using var stream = new MemoryStream();
        TiffEncoder.Encode(stream, pixels, width, height, compression);
        byte[] file = stream.ToArray();
        Assert.Equal(pixels, TiffReader.Decode(file).Pixels8!);
        CheckStructure(file, width, height, 1, compression, pixels);
    }

    [Fact]
    public void Deflate_IsSmallerOnSmoothData_AndStripsAreAbout64K()
    {
        ushort[] pixels = Pattern16(1024, 512);
        byte[] none = Encode(pixels, 1024, 512, TiffCompression.None);
        byte[] deflate = Encode(pixels, 1024, 512, TiffCompression.Deflate);
        Assert.True(deflate.Length < none.Length / 2, $"{deflate.Length} vs {none.Length}");
        Assert.Equal(32, TiffEncoder.RowsPerStrip(1024, 512, 2));
        Assert.Equal(1, TiffEncoder.RowsPerStrip(40000, 3, 2));
        Assert.Equal(45, TiffEncoder.RowsPerStrip(67, 45, 1));
    }

    [Fact]
    public void BadArguments_Throw()
    {
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentException>(() => TiffEncoder.Encode(stream, new ushort[5], 2, 2, TiffCompression.None));
        Assert.Throws<ArgumentException>(() => TiffEncoder.Encode(stream, new byte[0], 0, 0, TiffCompression.None));
        Assert.Throws<ArgumentException>(() => TiffEncoder.Encode(stream, new byte[4], 2, 2, (TiffCompression)7));
    }

    private static byte[] Encode(ushort[] pixels, int width, int height, TiffCompression compression)
    {
        using var stream = new MemoryStream();
        TiffEncoder.Encode(stream, pixels, width, height, compression);
        return stream.ToArray();
    }

    /// <summary>Edges, a ramp and noise covering the whole 16-bit range, so the predictor wraps both ways.</summary>
    private static ushort[] Pattern16(int width, int height)
    {
        var rng = new Random(width * 7919 + height);
        var p = new ushort[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int v = ((x * 131) + (y * 977)) % 65536;
                p[(y * width) + x] = (ushort)(((x / 8) + (y / 8)) % 5 == 0 ? rng.Next(65536) : v);
            }
        }

        p[0] = 65535;
        p[^1] = 0;
        return p;
    }

    /// <summary>Reads the file by the spec alone: header, IFD entries in ascending order with their types, strips contiguous, and the strip bytes themselves.</summary>
    private static void CheckStructure(byte[] file, int width, int height, int sampleBytes, TiffCompression compression, byte[] expectedSamples)
    {
        Assert.Equal("II*\0"u8.ToArray(), file[..4]);
        int ifd = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4));
        Assert.Equal(0, ifd % 2);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(ifd));
        var entries = new Dictionary<ushort, (ushort Type, uint Count, uint Value)>();
        int previous = -1;
        for (int i = 0; i < count; i++)
        {
            int at = ifd + 2 + (12 * i);
            ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at));
            Assert.True(tag > previous, $"tag {tag} after {previous}");
            previous = tag;
            entries[tag] = (BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at + 2)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8)));
        }

        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(ifd + 2 + (12 * count))));
        bool deflate = compression == TiffCompression.Deflate;
        Assert.Equal(((ushort)4, 1u, (uint)width), entries[256]);
        Assert.Equal(((ushort)4, 1u, (uint)height), entries[257]);
        Assert.Equal(((ushort)3, 1u, (uint)(8 * sampleBytes)), entries[258]);
        Assert.Equal(((ushort)3, 1u, deflate ? 8u : 1u), entries[259]);
        Assert.Equal(((ushort)3, 1u, 1u), entries[262]);
        Assert.Equal(((ushort)3, 1u, 1u), entries[277]);
        Assert.Equal(((ushort)3, 1u, 1u), entries[284]);
        Assert.Equal(((ushort)3, 1u, 1u), entries[296]);
        Assert.Equal(((ushort)3, 1u, 1u), entries[339]);
        Assert.Equal(5, entries[282].Type);
        Assert.Equal(5, entries[283].Type);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)entries[282].Value + 4)));
        Assert.Equal(deflate, entries.ContainsKey(317));
        if (deflate)
        {
            Assert.Equal(((ushort)3, 1u, 2u), entries[317]);
        }

        int rowsPerStrip = (int)entries[278].Value;
        int strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        Assert.Equal((uint)strips, entries[273].Count);
        Assert.Equal((uint)strips, entries[279].Count);
        int rowBytes = width * sampleBytes;
        Assert.True(rowsPerStrip == height || (long)rowsPerStrip * rowBytes <= 64 * 1024 || rowsPerStrip == 1);
        long next = 8;
        for (int s = 0; s < strips; s++)
        {
            uint offset = strips == 1 ? entries[273].Value : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)entries[273].Value + (4 * s)));
            uint length = strips == 1 ? entries[279].Value : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)entries[279].Value + (4 * s)));
            Assert.Equal(next, offset);
            next += length;
            int rows = Math.Min(rowsPerStrip, height - (s * rowsPerStrip));
            byte[] strip = file.AsSpan((int)offset, (int)length).ToArray();
            if (deflate)
            {
                strip = Inflate(strip);
                Undifference(strip, rowBytes, sampleBytes);
            }

            Assert.Equal(expectedSamples.AsSpan(s * rowsPerStrip * rowBytes, rows * rowBytes).ToArray(), strip);
        }

        Assert.True(next <= ifd);
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var source = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var result = new MemoryStream();
        source.CopyTo(result);
        return result.ToArray();
    }

    private static void Undifference(byte[] strip, int rowBytes, int sampleBytes)
    {
        for (int r = 0; r < strip.Length / rowBytes; r++)
        {
            int start = r * rowBytes;
            for (int i = start + sampleBytes; i < start + rowBytes; i += sampleBytes)
            {
                if (sampleBytes == 1)
                {
                    strip[i] += strip[i - 1];
                }
                else
                {
                    ushort v = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(strip.AsSpan(i)) + BinaryPrimitives.ReadUInt16LittleEndian(strip.AsSpan(i - 2)));
                    BinaryPrimitives.WriteUInt16LittleEndian(strip.AsSpan(i), v);
                }
            }
        }
    }
}

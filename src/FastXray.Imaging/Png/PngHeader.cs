using System.Buffers.Binary;

namespace FastXray.Imaging.Png;

/// <summary>The validated IHDR chunk (PNG spec §11.2.2) and the row geometry that follows from it.</summary>
internal readonly struct PngHeader
{
    public const int Length = 13;

    private PngHeader(int width, int height, int bitDepth, PngColorType colorType, bool interlaced)
    {
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        ColorType = colorType;
        Interlaced = interlaced;
    }

    public int Width { get; }

    public int Height { get; }

    public int BitDepth { get; }

    public PngColorType ColorType { get; }

    public bool Interlaced { get; }

    /// <summary>Samples per stored pixel (palette: 1 index).</summary>
    public int StoredChannels => ColorType switch
    {
        PngColorType.Gray or PngColorType.Palette => 1,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgb => 3,
        _ => 4,
    };

    /// <summary>Bits per stored pixel.</summary>
    public int BitsPerPixel => StoredChannels * BitDepth;

    /// <summary>The filter unit: bytes per complete pixel, rounded up to 1 (PNG spec §9.2 "bpp").</summary>
    public int FilterBytesPerPixel => Math.Max(1, BitsPerPixel / 8);

    /// <summary>Bytes of one filtered scanline of <paramref name="width"/> pixels, without the filter byte.</summary>
    public long RowBytes(long width) => ((width * BitsPerPixel) + 7) / 8;

    /// <summary>Parses and validates the 13 data bytes of IHDR.</summary>
    /// <remarks>Width and height must be 1..2^31−1; the bit depth must be allowed for the colour type; compression, filter method 0; interlace 0 or 1.</remarks>
    public static PngHeader Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length != Length)
        {
            ThrowHelper.ThrowFormat($"IHDR chunk has length {data.Length}, expected {Length}");
        }

        uint width = BinaryPrimitives.ReadUInt32BigEndian(data);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            ThrowHelper.ThrowFormat($"IHDR declares an invalid image size {width}x{height}");
        }

        int depth = data[8];
        int type = data[9];
        bool depthOk = type switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => ThrowHelper.ThrowFormat<bool>($"IHDR declares an invalid colour type {type}"),
        };
        if (!depthOk)
        {
            ThrowHelper.ThrowFormat($"IHDR declares an invalid bit depth {depth} for colour type {type}");
        }

        if (data[10] != 0)
        {
            ThrowHelper.ThrowFormat($"IHDR declares an unknown compression method {data[10]}");
        }

        if (data[11] != 0)
        {
            ThrowHelper.ThrowFormat($"IHDR declares an unknown filter method {data[11]}");
        }

        if (data[12] > 1)
        {
            ThrowHelper.ThrowFormat($"IHDR declares an unknown interlace method {data[12]}");
        }

        return new PngHeader((int)width, (int)height, depth, (PngColorType)type, data[12] == 1);
    }

    /// <summary>Writes the 13 data bytes of IHDR.</summary>
    public static void Write(Span<byte> destination, int width, int height, int bitDepth, PngColorType colorType)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)height);
        destination[8] = (byte)bitDepth;
        destination[9] = (byte)colorType;
        destination[10] = 0;
        destination[11] = 0;
        destination[12] = 0;
    }
}

using System.Buffers.Binary;
using FastXray.Imaging.Formats;

namespace FastXray.Imaging.Stb;

/// <summary>
/// Checks a BMP the way StbImageSharp will read it, before it allocates: a known header size, one plane, an
/// uncompressed or bit-field layout StbImageSharp reads, a palette it accepts, and every row (with its padding)
/// inside the file.
/// </summary>
internal static class BmpStructure
{
    private const int FileHeader = 14;

    public static FormatInfo Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < FileHeader + 4 || data[0] != (byte)'B' || data[1] != (byte)'M')
        {
            ThrowHelper.ThrowFormat(data.Length < FileHeader + 4 ? $"truncated: BMP of {data.Length} bytes" : "not a BMP: no BM signature");
        }

        long offset = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        int hsz = BinaryPrimitives.ReadInt32LittleEndian(data[14..]);
        if (hsz is not (12 or 40 or 56 or 108 or 124))
        {
            ThrowHelper.ThrowFormat($"unsupported BMP: info header of {hsz} bytes");
        }

        if (FileHeader + hsz > data.Length)
        {
            ThrowHelper.ThrowFormat($"truncated: BMP header needs {FileHeader + hsz} bytes, file has {data.Length}");
        }

        ReadOnlySpan<byte> h = data.Slice(FileHeader, hsz);
        long width, height;
        int planes, bpp, compression = 0;
        if (hsz == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(h[4..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(h[6..]);
            planes = BinaryPrimitives.ReadUInt16LittleEndian(h[8..]);
            bpp = BinaryPrimitives.ReadUInt16LittleEndian(h[10..]);
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(h[4..]);
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(h[8..])); // negative: stored top-down
            planes = BinaryPrimitives.ReadUInt16LittleEndian(h[12..]);
            bpp = BinaryPrimitives.ReadUInt16LittleEndian(h[14..]);
            compression = BinaryPrimitives.ReadInt32LittleEndian(h[16..]);
        }

        if (planes != 1)
        {
            ThrowHelper.ThrowFormat($"corrupt BMP: {planes} planes");
        }

        string? unsupported = compression switch
        {
            0 or 3 => null,
            1 => "RLE8 compression",
            2 => "RLE4 compression",
            4 => "embedded JPEG",
            5 => "embedded PNG",
            _ => $"compression {compression}",
        };
        if (unsupported != null)
        {
            ThrowHelper.ThrowFormat($"unsupported BMP: {unsupported}");
        }

        if (bpp is not (1 or 4 or 8 or 16 or 24 or 32) || (compression == 3 && bpp is not (16 or 32)))
        {
            ThrowHelper.ThrowFormat($"unsupported BMP: {bpp} bits per pixel{(compression == 3 ? " with bit fields" : "")}");
        }

        if (width <= 0 || height <= 0 || width > 1 << 24 || height > 1 << 24)
        {
            ThrowHelper.ThrowFormat($"corrupt BMP: size {width}x{height}");
        }

        // Header bytes StbImageSharp consumes before the palette or pixels (the bit-field masks follow a 40/56-byte header).
        int headerEnd = FileHeader + hsz + (compression == 3 && hsz is 40 or 56 ? 12 : 0);
        if (bpp < 16)
        {
            // StbImageSharp derives the palette size from the pixel offset (its stb_image formula, including the
            // 24 it uses for OS/2 headers) and refuses 0 or more than 256 entries.
            long psize = hsz == 12 ? (offset - FileHeader - 24) / 3 : (offset - FileHeader - hsz) >> 2;
            if (psize <= 0 || psize > 256)
            {
                ThrowHelper.ThrowFormat($"corrupt BMP: pixel data at byte {offset} leaves room for {psize} palette entries");
            }
        }
        else if (offset < headerEnd || offset - headerEnd > 1024)
        {
            ThrowHelper.ThrowFormat($"corrupt BMP: pixel data offset {offset}");
        }

        long stride = ((width * bpp) + 31) / 32 * 4;
        long needed = offset + (stride * height);
        if (needed > data.Length)
        {
            ThrowHelper.ThrowFormat($"truncated: BMP {width}x{height} at {bpp} bits needs {needed} bytes, file has {data.Length}");
        }

        uint alphaMask = AlphaMask(h, hsz, bpp, compression);
        string colour = bpp <= 8 ? "palette" : (bpp == 24 ? alphaMask is 0 or 0xFF000000 : alphaMask == 0) ? "rgb" : "rgba";
        int depth = bpp switch { <= 8 => bpp, 16 => 5, _ => 8 };
        string detail = compression == 3 ? "bit fields" : "";
        return new FormatInfo(ImageContainer.Bmp, (int)width, (int)height, depth, "uint8", colour, detail);
    }

    /// <summary>The alpha mask as StbImageSharp sets it: from a V4/V5 header, or 0xFF000000 by default for 32 bits.</summary>
    private static uint AlphaMask(ReadOnlySpan<byte> h, int hsz, int bpp, int compression)
    {
        if (hsz is 108 or 124 && compression == 3)
        {
            return BinaryPrimitives.ReadUInt32LittleEndian(h[52..]);
        }

        if (hsz == 12 || compression == 3)
        {
            return 0;
        }

        if (hsz is 108 or 124 && bpp is not (16 or 32))
        {
            return BinaryPrimitives.ReadUInt32LittleEndian(h[52..]);
        }

        return bpp == 32 ? 0xFF000000 : 0;
    }
}

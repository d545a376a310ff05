using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using FastXray.Imaging.Formats;

namespace FastXray.Imaging.Bmp;

/// <summary>
/// The common BMPs decoded straight to grey: uncompressed 8-bit palette, 24-bit, and 32-bit (BI_RGB, or
/// BI_BITFIELDS with the standard B G R masks), bottom-up or top-down. Everything else (1/4-bit, 16-bit, other
/// bit fields, the 56-byte header's masks) is left to StbImageSharp.
/// </summary>
/// <remarks>
/// Called only after <c>Stb/BmpStructure</c> has checked the header and proved every row with its padding lies
/// inside the file, and after <see cref="DecodeLimits"/>; so this reads no byte it has not proved, and a truncated
/// file never gets here. Read as StbImageSharp reads it, so the grey is identical (a test compares both on every
/// golden file): pixels at the header's offset; a palette of the entries StbImageSharp counts (from the pixel
/// offset), 3 bytes each for the 12-byte OS/2 header, else 4, stored B G R, entries past it black; alpha ignored.
/// </remarks>
internal static class BmpDecoder
{
    private const int FileHeader = 14;

    /// <summary>The grey image, or null when the layout is one StbImageSharp keeps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // loops run once per call: no tier-0 pass over a whole image
    public static GrayImage? TryDecode(ReadOnlySpan<byte> data, FormatInfo info)
    {
        int offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        int hsz = BinaryPrimitives.ReadInt32LittleEndian(data[14..]);
        ReadOnlySpan<byte> h = data[FileHeader..];
        bool topDown = hsz != 12 && BinaryPrimitives.ReadInt32LittleEndian(h[8..]) < 0;
        int bpp = BinaryPrimitives.ReadUInt16LittleEndian(h[(hsz == 12 ? 10 : 14)..]);
        int compression = hsz == 12 ? 0 : BinaryPrimitives.ReadInt32LittleEndian(h[16..]);
        bool common = bpp switch
        {
            8 or 24 => compression == 0,
            32 => compression == 0 || (compression == 3 && StandardMasks(data, hsz)),
            _ => false,
        };
        if (!common)
        {
            return null;
        }

        int width = info.Width, height = info.Height;
        int stride = ((width * bpp) + 31) / 32 * 4;
        Span<byte> table = stackalloc byte[256];
        bool identity = false;
        if (bpp == 8)
        {
            identity = PaletteTable(data, hsz, offset, table);
        }

        byte[] gray = GC.AllocateUninitializedArray<byte>(width * height);
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = data.Slice(offset + ((topDown ? y : height - 1 - y) * stride), stride);
            Span<byte> target = gray.AsSpan(y * width, width);
            if (bpp == 8)
            {
                BgrGray.Lookup(row, table, identity, target);
            }
            else
            {
                BgrGray.Row(row, bpp / 8, target);
            }
        }

        return GrayImage.Of(gray, width, height, info.Colour);
    }

    /// <summary>Fills the index → grey table; returns whether it is the identity.</summary>
    private static bool PaletteTable(ReadOnlySpan<byte> data, int hsz, int offset, Span<byte> table)
    {
        // BmpStructure proved 1 ≤ entries ≤ 256 and that they end before the pixel offset.
        int entries = hsz == 12 ? (offset - FileHeader - 24) / 3 : (offset - FileHeader - hsz) >> 2;
        int size = hsz == 12 ? 3 : 4;
        ReadOnlySpan<byte> palette = data.Slice(FileHeader + hsz, entries * size);
        table.Clear();
        for (int i = 0; i < entries; i++)
        {
            table[i] = BgrGray.Luma(palette, i * size);
        }

        return BgrGray.IsIdentity(table);
    }

    /// <summary>Bit fields R = 0x00FF0000, G = 0x0000FF00, B = 0x000000FF, where StbImageSharp reads them.</summary>
    private static bool StandardMasks(ReadOnlySpan<byte> data, int hsz)
    {
        // After a 40-byte header the three masks follow it; a V4/V5 header holds them at its byte 40. The 56-byte
        // header's are read by StbImageSharp after the header as well, but that layout is rare: leave it to stb.
        int at = hsz switch { 40 => FileHeader + 40, 108 or 124 => FileHeader + 40, _ => -1 };
        return at > 0
            && BinaryPrimitives.ReadUInt32LittleEndian(data[at..]) == 0x00FF0000
            && BinaryPrimitives.ReadUInt32LittleEndian(data[(at + 4)..]) == 0x0000FF00
            && BinaryPrimitives.ReadUInt32LittleEndian(data[(at + 8)..]) == 0x000000FF;
    }
}

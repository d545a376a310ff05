using System.Buffers.Binary;

namespace FastXray.Imaging.Bmp;

/// <summary>Writes uncompressed BMP: grey as 8-bit with a grey palette, RGB as 24-bit, the bytes Pillow writes.</summary>
/// <remarks>
/// BITMAPFILEHEADER + BITMAPINFOHEADER (40 bytes), BI_RGB, bottom-up rows padded to 4 bytes with zeros, 96 dpi
/// (3780 pixels per metre, Pillow's default). Grey: 8 bits per pixel and a 256-entry palette whose entry i is
/// B = G = R = i and, as Pillow writes it, the reserved byte also i; biClrUsed = biClrImportant = 256. RGB: 24 bits
/// per pixel stored B G R, no palette. For the same pixels the file is byte-identical to Pillow 9.4's
/// <c>Image.save(f, "BMP")</c> of mode "L" and "RGB" (tools/fixtures/jpeg_encode.py checks it).
/// </remarks>
public static class BmpEncoder
{
    // The header's 32-bit file size must hold 1078 + height · round4(3 · width); this bound keeps it well inside.
    private const int MaxSize = 16384;

    // Pillow's 96 dpi: int(96 · 39.3701 + 0.5).
    private const int PixelsPerMetre = 3780;

    private const int HeaderBytes = 14 + 40;

    private const int PaletteBytes = 256 * 4;

    /// <summary>Writes an 8-bit grey image (rows packed) as an 8-bit BMP with a 256-level grey palette.</summary>
    /// <exception cref="ArgumentException">A size outside 1..16384 or too few pixels.</exception>
    public static void EncodeGray(Stream destination, ReadOnlySpan<byte> pixels, int width, int height) =>
        Encode(destination, pixels, width, height, 1);

    /// <summary>Writes an RGB image (R G B per pixel, rows packed) as a 24-bit BMP.</summary>
    /// <exception cref="ArgumentException">A size outside 1..16384 or too few pixels.</exception>
    public static void EncodeRgb(Stream destination, ReadOnlySpan<byte> rgb, int width, int height) =>
        Encode(destination, rgb, width, height, 3);

    private static void Encode(Stream destination, ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        ArgumentNullException.ThrowIfNull(destination);
        RasterWriter.Validate(pixels, width, height, channels, MaxSize);
        int stride = ((width * channels) + 3) & ~3;
        int colours = channels == 1 ? 256 : 0;
        int offset = HeaderBytes + (colours * 4);
        Span<byte> prefix = stackalloc byte[HeaderBytes + PaletteBytes];
        prefix = prefix[..offset];
        prefix.Clear();
        prefix[0] = (byte)'B';
        prefix[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(prefix[2..], offset + (stride * height));
        BinaryPrimitives.WriteInt32LittleEndian(prefix[10..], offset);
        Span<byte> info = prefix[14..];
        BinaryPrimitives.WriteInt32LittleEndian(info, 40);
        BinaryPrimitives.WriteInt32LittleEndian(info[4..], width);
        BinaryPrimitives.WriteInt32LittleEndian(info[8..], height); // positive: bottom-up
        BinaryPrimitives.WriteInt16LittleEndian(info[12..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(info[14..], (short)(8 * channels));
        BinaryPrimitives.WriteInt32LittleEndian(info[20..], stride * height);
        BinaryPrimitives.WriteInt32LittleEndian(info[24..], PixelsPerMetre);
        BinaryPrimitives.WriteInt32LittleEndian(info[28..], PixelsPerMetre);
        BinaryPrimitives.WriteInt32LittleEndian(info[32..], colours);
        BinaryPrimitives.WriteInt32LittleEndian(info[36..], colours);
        for (int i = 0; i < colours; i++)
        {
            prefix.Slice(HeaderBytes + (4 * i), 4).Fill((byte)i);
        }

        RasterWriter.WriteBottomUp(destination, prefix, pixels, width, height, channels, stride, []);
    }
}

using System.Buffers.Binary;
using FastXray.Imaging.Bmp;

namespace FastXray.Imaging.Tga;

/// <summary>Writes uncompressed TGA: grey as image type 3, RGB as type 2, the bytes Pillow writes.</summary>
/// <remarks>
/// An 18-byte header (no ID, no colour map), 8 bits per pixel grey or 24 bits B G R, rows bottom-up (descriptor 0:
/// bottom-left origin), then the 26-byte TGA 2.0 footer (no extension or developer area, "TRUEVISION-XFILE.\0").
/// For the same pixels the file is byte-identical to Pillow 9.4's <c>Image.save(f, "TGA")</c> of mode "L" and "RGB"
/// (tools/fixtures/jpeg_encode.py checks it). Uncompressed rather than RLE: a radiograph's noise leaves few runs,
/// so RLE made the file larger, and writing raw rows is a copy.
/// </remarks>
public static class TgaEncoder
{
    // TGA stores width and height as unsigned 16-bit.
    private const int MaxSize = 65535;

    private const int HeaderBytes = 18;

    /// <summary>Writes an 8-bit grey image (rows packed) as a greyscale TGA.</summary>
    /// <exception cref="ArgumentException">A size outside 1..65535 or too few pixels.</exception>
    public static void EncodeGray(Stream destination, ReadOnlySpan<byte> pixels, int width, int height) =>
        Encode(destination, pixels, width, height, 1);

    /// <summary>Writes an RGB image (R G B per pixel, rows packed) as a true-colour TGA.</summary>
    /// <exception cref="ArgumentException">A size outside 1..65535 or too few pixels.</exception>
    public static void EncodeRgb(Stream destination, ReadOnlySpan<byte> rgb, int width, int height) =>
        Encode(destination, rgb, width, height, 3);

    private static void Encode(Stream destination, ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        ArgumentNullException.ThrowIfNull(destination);
        RasterWriter.Validate(pixels, width, height, channels, MaxSize);
        Span<byte> header = stackalloc byte[HeaderBytes];
        header.Clear();
        header[2] = (byte)(channels == 1 ? 3 : 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[12..], (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(header[14..], (ushort)height);
        header[16] = (byte)(8 * channels);
        RasterWriter.WriteBottomUp(destination, header, pixels, width, height, channels, width * channels, "\0\0\0\0\0\0\0\0TRUEVISION-XFILE.\0"u8);
    }
}

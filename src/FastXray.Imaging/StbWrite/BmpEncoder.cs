namespace FastXray.Imaging.StbWrite;

/// <summary>Writes uncompressed 24-bit BMP through StbImageWriteSharp.</summary>
/// <remarks>
/// stb_image_write writes BITMAPINFOHEADER, 24 bits per pixel, bottom-up rows padded to 4 bytes, no palette.
/// A grey image is expanded to B = G = R = sample, so readers see the exact grey values (as RGB).
/// </remarks>
public static class BmpEncoder
{
    // The header's 32-bit file size must hold 54 + height · round4(3 · width); this bound keeps it well inside.
    private const int MaxSize = 16384;

    /// <summary>Writes an 8-bit grey image (rows packed) as a 24-bit BMP with equal channels.</summary>
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
        byte[] copy = StbWriter.Validate(pixels, width, height, channels, MaxSize);
        StbWriter.Writer().WriteBmp(copy, width, height, StbWriter.Components(channels), destination);
    }
}

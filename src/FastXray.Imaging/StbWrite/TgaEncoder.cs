namespace FastXray.Imaging.StbWrite;

/// <summary>Writes run-length-encoded TGA through StbImageWriteSharp.</summary>
/// <remarks>
/// stb_image_write's defaults: RLE on, so a grey image is image type 11 (RLE greyscale, 8 bits per pixel) and
/// an RGB image type 10 (RLE true colour, stored B G R); no colour map, no ID. Rows are stored bottom-up
/// (the descriptor byte says so). Readers see the exact samples.
/// </remarks>
public static class TgaEncoder
{
    // TGA stores width and height as unsigned 16-bit.
    private const int MaxSize = 65535;

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
        byte[] copy = StbWriter.Validate(pixels, width, height, channels, MaxSize);
        StbWriter.Writer().WriteTga(copy, width, height, StbWriter.Components(channels), destination);
    }
}

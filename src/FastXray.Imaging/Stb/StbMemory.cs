using FastXray.Imaging.Formats;

namespace FastXray.Imaging.Stb;

/// <summary>What StbImageSharp returns and allocates for a header (see <see cref="StbReader.PeakBytes"/>).</summary>
internal static class StbMemory
{
    /// <summary>
    /// Channels in StbImageSharp's result, at most: JPEG 1 or 3 (a YCbCr JPEG is read as 1, its Y, but a header of
    /// 3 components counts 3 since Adobe RGB is decoded to colour); BMP/TGA as stored (palette up to 4); PSD 4; HDR 3.
    /// </summary>
    public static int Channels(FormatInfo info) => info.Container switch
    {
        ImageContainer.Jpeg => info.Colour == "grey" ? 1 : 3,
        ImageContainer.Psd => 4,
        ImageContainer.Hdr => 3,
        _ => info.Colour switch { "grey" => 1, "grey+alpha" => 2, "rgb" => 3, _ => 4 },
    };

    public static int SampleBytes(FormatInfo info) => info.Container == ImageContainer.Hdr ? 4 : 1;

    /// <summary>Bytes of the decoded image StbImageSharp produces (once native, once managed).</summary>
    public static long DecodedBytes(FormatInfo info) => (long)info.Width * info.Height * Channels(info) * SampleBytes(info);

    public static long Peak(FormatInfo info)
    {
        long w = info.Width, h = info.Height;
        long decoded = DecodedBytes(info);
        long grey = w * h * SampleBytes(info);
        long working = info.Container switch
        {
            ImageContainer.Jpeg => JpegWorking(info, w, h),
            ImageContainer.Hdr => 4 * w, // one RGBE scanline
            ImageContainer.Tga => 256 * 4 * 256, // a colour map: at most 65535 entries of 4 bytes
            _ => 0,
        };
        return (2 * decoded) + grey + working + 64 * 1024; // plus small fixed tables
    }

    private static long JpegWorking(FormatInfo info, long w, long h)
    {
        int components = info.Colour switch { "grey" => 1, "rgb" => 3, _ => 4 };
        long plane = (w + 31) * (h + 31); // a component padded to whole MCUs (sampling factors up to 4, 8x8 blocks)
        long perComponent = plane * (info.Detail == "progressive" ? 3 : 1) + w + 3 + 30;
        return components * perComponent;
    }
}

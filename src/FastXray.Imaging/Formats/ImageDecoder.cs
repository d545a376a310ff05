using FastXray.Imaging.Dicom;
using FastXray.Imaging.Jpeg.Decoding;
using FastXray.Imaging.Png;
using FastXray.Imaging.Stb;
using FastXray.Imaging.Tiff;

namespace FastXray.Imaging.Formats;

/// <summary>
/// One entry for every raster format we read (NPY arrays are not images and stay with <c>Npy/</c>): identify by
/// content, read the header, decode to grey at the stored sample type. Every problem is an
/// <see cref="ImageFormatException"/> with one line; nothing is allocated for pixels before the header has passed
/// <see cref="DecodeLimits"/>.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Decodes <paramref name="data"/> (any format but NPY) to one grey sample per pixel.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="limits">Size limits checked before allocating; <see cref="DecodeLimits.Default"/> when null.</param>
    public static GrayImage DecodeGray(ReadOnlySpan<byte> data, DecodeLimits? limits = null)
    {
        ImageContainer container = FileSignature.Identify(data);
        switch (container)
        {
            case ImageContainer.Dicom:
                // The DICOM reader keeps the file (its pixel data is located, not copied): it needs an array.
                return DicomImage.Decode(data.ToArray(), null, limits);
            case ImageContainer.Png:
            {
                PngImage png = PngDecoder.Decode(data, limits);
                string colour = PngColour(png.ColorType, png.HasAlpha);
                GrayImage gray = png.Is16Bit ? GrayImage.Of(png.ToGray16(), png.Width, png.Height, colour) : GrayImage.Of(png.ToGray8(), png.Width, png.Height, colour);
                return gray.WithSignificantBits(png.SignificantBits);
            }

            case ImageContainer.Tiff:
                return TiffReader.Decode(data, limits);
            case ImageContainer.Jpeg:
                return JpegFileDecoder.Decode(data, limits); // ours for 8-bit sequential grey/colour (libjpeg-exact), StbImageSharp for the rest
            case ImageContainer.Bmp or ImageContainer.Tga or ImageContainer.Psd or ImageContainer.Hdr:
                return StbReader.Decode(data, container, limits);
            default:
                return ThrowHelper.ThrowFormat<GrayImage>(Unreadable(container));
        }
    }

    /// <summary>Decodes a whole file held in an array; DICOM files without a copy and with <paramref name="dicom"/>'s frame and rescale choice.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="limits">Size limits checked before allocating; <see cref="DecodeLimits.Default"/> when null.</param>
    /// <param name="dicom">DICOM only: which frame, and whether to apply the Modality LUT; the first frame, rescaled, when null.</param>
    public static GrayImage DecodeGray(byte[] data, DecodeLimits? limits = null, DicomDecodeOptions? dicom = null) =>
        FileSignature.TryIdentify(data) == ImageContainer.Dicom ? DicomImage.Decode(data, dicom, limits) : DecodeGray(data.AsSpan(), limits);

    /// <summary>The header facts of a whole file held in an array; a DICOM file is parsed in place, not copied.</summary>
    public static FormatInfo ReadInfo(byte[] data) =>
        FileSignature.TryIdentify(data) == ImageContainer.Dicom ? DicomImage.ReadInfo(data) : ReadInfo(data.AsSpan());

    /// <summary>
    /// What the header says, without decoding pixels: fast, but a file that passes may still fail
    /// <see cref="DecodeGray(ReadOnlySpan{byte}, DecodeLimits?)"/> (<see cref="Verify"/> decodes in full).
    /// </summary>
    public static FormatInfo ReadInfo(ReadOnlySpan<byte> data)
    {
        ImageContainer container = FileSignature.Identify(data);
        switch (container)
        {
            case ImageContainer.Png:
            {
                PngInfo png = PngDecoder.ReadInfo(data);
                string colour = PngColour(png.ColorType, png.HasTransparency || png.ColorType is PngColorType.GrayAlpha or PngColorType.Rgba);
                return new FormatInfo(ImageContainer.Png, png.Width, png.Height, png.BitDepth, png.Is16Bit ? "uint16" : "uint8", colour, png.Interlaced ? "interlaced" : "");
            }

            case ImageContainer.Tiff:
                return TiffReader.ReadInfo(data);
            case ImageContainer.Dicom:
                return DicomImage.ReadInfo(data.ToArray());
            case ImageContainer.Jpeg or ImageContainer.Bmp or ImageContainer.Tga or ImageContainer.Psd or ImageContainer.Hdr:
                return StbReader.ReadInfo(data, container);
            default:
                return ThrowHelper.ThrowFormat<FormatInfo>(Unreadable(container));
        }
    }

    /// <summary>The header, after a full decode that checked everything the format can check (PNG: every CRC, the zlib stream and its Adler-32, the data length; others: the whole entropy-coded or compressed data and its length).</summary>
    public static FormatInfo Verify(ReadOnlySpan<byte> data, DecodeLimits? limits = null)
    {
        if (FileSignature.TryIdentify(data) == ImageContainer.Dicom)
        {
            return DicomImage.Verify(data.ToArray(), limits);
        }

        FormatInfo info = ReadInfo(data);
        _ = DecodeGray(data, limits);
        return info;
    }

    /// <summary>
    /// An upper bound of the bytes <see cref="DecodeGray(ReadOnlySpan{byte}, DecodeLimits?)"/> allocates for a file with this header, the grey result
    /// included, for memory planning (the input bytes themselves not included).
    /// </summary>
    public static long PeakBytes(FormatInfo info)
    {
        long n = (long)info.Width * info.Height;
        switch (info.Container)
        {
            case ImageContainer.Png:
            {
                // Decoded samples (channels x 1 or 2 bytes), the grey copy, inflate state.
                int sample = info.Sample == "uint16" ? 2 : 1;
                int channels = info.Colour switch { "grey" => 1, "grey+alpha" => 2, "rgb" => 3, _ => 4 };
                return (n * channels * sample) + (channels == 1 ? 0 : n * sample) + (1 << 20);
            }

            case ImageContainer.Tiff:
                return TiffReader.PeakBytes(info);
            case ImageContainer.Dicom:
                return DicomImage.PeakBytes(info, 0);
            case ImageContainer.Jpeg:
                return Math.Max(JpegFileDecoder.PeakBytes(info), StbReader.PeakBytes(info)); // the header alone does not say which decoder runs
            case ImageContainer.Bmp or ImageContainer.Tga or ImageContainer.Psd or ImageContainer.Hdr:
                return StbReader.PeakBytes(info);
            default:
                return ThrowHelper.ThrowFormat<long>(Unreadable(info.Container));
        }
    }

    /// <summary>PNG's colour type as <see cref="FormatInfo.Colour"/> says it.</summary>
    private static string PngColour(PngColorType type, bool alpha) => type switch
    {
        PngColorType.Gray or PngColorType.GrayAlpha => alpha ? "grey+alpha" : "grey",
        PngColorType.Palette => "palette",
        _ => alpha ? "rgba" : "rgb",
    };

    private static string Unreadable(ImageContainer container) => $"unsupported format: {container.ToString().ToUpperInvariant()}";
}

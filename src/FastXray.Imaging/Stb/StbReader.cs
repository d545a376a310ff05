using FastXray.Imaging.Bmp;
using FastXray.Imaging.Formats;
using FastXray.Imaging.Tga;
using StbImageSharp;

namespace FastXray.Imaging.Stb;

/// <summary>
/// JPEG, BMP, TGA, PSD and Radiance HDR input through StbImageSharp, behind one guard: our own header read and
/// structure check, then <see cref="DecodeLimits"/>, before any pixel allocation; a seek-clamping stream that
/// notices any read past the end (a truncated file is an error, never a zero-filled image); every decoder
/// exception turned into one <see cref="ImageFormatException"/> line.
/// </summary>
/// <remarks>
/// <see cref="ImageDecoder"/> sends a JPEG here only when it is not an 8-bit sequential frame of 1 or 3 components
/// (progressive, CMYK/YCCK): those go to our DCT decoder (Jpeg/Decoding/JpegFileDecoder), which equals libjpeg-turbo.
/// What StbImageSharp reads: JPEG 8-bit Huffman baseline, extended and progressive (no 12-bit, lossless,
/// arithmetic or hierarchical); BMP uncompressed 1/4/8-bit palette, 16/24/32-bit and bit fields (no RLE);
/// TGA raw and RLE, grey, palette, 15/16/24/32-bit; PSD RGB 8-bit composite, raw or PackBits; HDR
/// 32-bit_rle_rgbe with "-Y h +X w" orientation, 8 to 32767 columns.
/// The common BMP and TGA layouts (8-bit palette, 24/32-bit BMP; raw or RLE 8/24/32-bit TGA without a colour map)
/// are decoded by our own code (Bmp/BmpDecoder, Tga/TgaDecoder) to the same grey, after the same checks.
/// A right-to-left TGA (descriptor bit 4) is mirrored as Pillow does; stb_image ignores that bit.
/// Grey: a YCbCr JPEG's grey is its decoded Y channel (JFIF's Y is BT.601 luma; libjpeg's grey output, what
/// OpenCV's IMREAD_GRAYSCALE and Pillow's draft("L") give); other 8-bit colour (BMP, TGA, PSD, Adobe-RGB and
/// CMYK/YCCK JPEG) becomes BT.601 luma exactly as PNG (Y = (299R + 587G + 114B + 500) / 1000, integer);
/// HDR becomes Y = 0.299R + 0.587G + 0.114B computed in float (single precision, no rounding to a grid);
/// alpha is dropped (PSD colour is un-premultiplied by StbImageSharp first).
/// Memory: StbImageSharp decodes into native memory (CRuntime.malloc) and copies the result to a managed array
/// before freeing it; see <see cref="PeakBytes"/>.
/// </remarks>
public static class StbReader
{
    /// <summary>The header of <paramref name="data"/>, after the same structure checks <see cref="Decode"/> makes.</summary>
    /// <remarks>
    /// Decodes no pixels and allocates nothing in proportion to the image, but does look past the header where
    /// the check needs to: the JPEG marker walk scans the entropy data for markers (a vectorised search for 0xFF),
    /// TGA RLE packets and HDR scanlines are walked, PSD's row table is summed. So a truncated file fails here too.
    /// </remarks>
    /// <exception cref="ImageFormatException">Malformed, truncated or unsupported file (one line).</exception>
    /// <exception cref="ArgumentException"><paramref name="container"/> is not JPEG, BMP, TGA, PSD or HDR.</exception>
    public static FormatInfo ReadInfo(ReadOnlySpan<byte> data, ImageContainer container) => container switch
    {
        ImageContainer.Jpeg => JpegStructure.Read(data),
        ImageContainer.Bmp => BmpStructure.Read(data),
        ImageContainer.Tga => TgaStructure.Read(data),
        ImageContainer.Psd => PsdStructure.Read(data),
        ImageContainer.Hdr => HdrStructure.Read(data),
        _ => Unsupported(container),
    };

    /// <summary>Decodes <paramref name="data"/> to one grey sample per pixel: uint8, or float for HDR.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="container">The format, from <see cref="FileSignature.Identify"/>.</param>
    /// <param name="limits">Size limits checked before any pixel allocation; <see cref="DecodeLimits.Default"/> when null.</param>
    /// <exception cref="ImageFormatException">Malformed, truncated, unsupported or over-limit file (one line).</exception>
    /// <exception cref="ArgumentException"><paramref name="container"/> is not JPEG, BMP, TGA, PSD or HDR.</exception>
    public static GrayImage Decode(ReadOnlySpan<byte> data, ImageContainer container, DecodeLimits? limits = null) =>
        DecodeCore(data, container, limits, ownCommonCases: true);

    /// <summary>
    /// As <see cref="Decode"/>, but every BMP and TGA through StbImageSharp, the common layouts included: the
    /// reference our own BMP/TGA decoders are tested against.
    /// </summary>
    internal static GrayImage DecodeWithStbImageSharp(ReadOnlySpan<byte> data, ImageContainer container, DecodeLimits? limits = null) =>
        DecodeCore(data, container, limits, ownCommonCases: false);

    /// <summary>
    /// <paramref name="ownCommonCases"/>: decode the common BMP and TGA layouts ourselves (<see cref="BmpDecoder"/>, <see cref="TgaDecoder"/>): the same
    /// grey, 100 times faster than StbImageSharp, which reads every byte through Stream.ReadByte. They run after the
    /// same structure and limit checks; every other layout still goes through StbImageSharp.
    /// </summary>
    private static GrayImage DecodeCore(ReadOnlySpan<byte> data, ImageContainer container, DecodeLimits? limits, bool ownCommonCases)
    {
        bool lumaIsGrey = false;
        FormatInfo info = container == ImageContainer.Jpeg ? JpegStructure.Read(data, out lumaIsGrey) : ReadInfo(data, container);
        limits ??= DecodeLimits.Default;
        limits.CheckSize(info.Width, info.Height);
        long decoded = StbMemory.DecodedBytes(info);
        if (decoded > limits.MaxDecompressedBytes)
        {
            ThrowHelper.ThrowFormat($"image size {info.Width}x{info.Height} decodes to {decoded} bytes, over the limit {limits.MaxDecompressedBytes}");
        }

        if (decoded / StbMemory.SampleBytes(info) > Array.MaxLength)
        {
            ThrowHelper.ThrowFormat($"image size {info.Width}x{info.Height} is too large for StbImageSharp's result array");
        }

        GrayImage? own = !ownCommonCases ? null : container switch
        {
            ImageContainer.Bmp => BmpDecoder.TryDecode(data, info),
            ImageContainer.Tga => TgaDecoder.TryDecode(data, info),
            _ => null,
        };
        if (own != null)
        {
            return own;
        }

        if (container == ImageContainer.Hdr)
        {
            return DecodeFloat(data, info);
        }

        GrayImage image = Decode8(data, info, lumaIsGrey);
        if (container == ImageContainer.Tga)
        {
            TgaOrientation.MirrorIfRightToLeft(data, image.Pixels8!, info.Width, info.Height); // stb ignores bit 4; Pillow does not
        }

        return image;
    }

    /// <summary>
    /// An upper bound of the bytes <see cref="Decode"/> allocates, managed and native, for a file with this header:
    /// StbImageSharp's native working buffers and decoded RGB(A), its managed copy of the decoded image, and our grey.
    /// </summary>
    /// <remarks>
    /// Decoded = width·height·channels·sample bytes, channels as StbImageSharp returns them (JPEG 1 or 3, BMP
    /// and TGA up to 4, PSD 4, HDR 3 floats). Peak ≈ 2·decoded (native buffer + managed copy) + grey + working
    /// buffers: for JPEG each component's plane padded to whole MCUs (at most 31 more columns and rows), three
    /// times that for progressive (coefficients kept as 16-bit), plus a row buffer each; for HDR one RGBE row.
    /// The input bytes themselves are the caller's and are not counted.
    /// A YCbCr JPEG decodes to one channel and needs no grey copy, so it uses about a third of the colour figure,
    /// but the header alone cannot tell it from an Adobe-RGB one, so the bound stays the 3-channel one for both.
    /// </remarks>
    public static long PeakBytes(FormatInfo info) => StbMemory.Peak(info);

    /// <param name="data">The whole file.</param>
    /// <param name="info">Its header, checked against the decoded size.</param>
    /// <param name="lumaIsGrey">
    /// A YCbCr JPEG: ask StbImageSharp for one channel, which for YCbCr is the decoded Y plane itself
    /// (stbi__load_jpeg_image sets decode_n = 1; baseline and progressive alike), with no chroma upsampling or
    /// colour conversion. JFIF's Y is BT.601 luma, and it is what libjpeg returns for JCS_GRAYSCALE output.
    /// Every other JPEG (Adobe RGB, CMYK, YCCK) is decoded to colour and made grey by our BT.601 rule: StbImageSharp's
    /// own grey for those is (77R + 150G + 29B) >> 8 (for YCCK the inverted Y times K), not our rounding.
    /// </param>
    private static unsafe GrayImage Decode8(ReadOnlySpan<byte> data, FormatInfo info, bool lumaIsGrey)
    {
        ImageResult result;
        fixed (byte* p = data)
        {
            using var stream = new GuardedStream(p, data.Length);
            try
            {
                result = ImageResult.FromStream(stream, lumaIsGrey ? ColorComponents.Grey : ColorComponents.Default);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Failed<GrayImage>(info, e);
            }

            CheckComplete(stream, info);
        }

        CheckSize(info, result.Width, result.Height, result.Data.Length / Math.Max(1, (int)result.Comp));
        if (result.Comp == ColorComponents.Grey)
        {
            return GrayImage.Of(result.Data, info.Width, info.Height, info.Colour); // already one sample per pixel
        }

        var gray = new byte[info.Width * info.Height];
        Png.PngGrayConversion.ToGray(result.Data, (int)result.Comp, gray);
        return GrayImage.Of(gray, info.Width, info.Height, info.Colour);
    }

    private static unsafe GrayImage DecodeFloat(ReadOnlySpan<byte> data, FormatInfo info)
    {
        ImageResultFloat result;
        fixed (byte* p = data)
        {
            using var stream = new GuardedStream(p, data.Length);
            try
            {
                result = ImageResultFloat.FromStream(stream, ColorComponents.RedGreenBlue);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Failed<GrayImage>(info, e);
            }

            CheckComplete(stream, info);
        }

        CheckSize(info, result.Width, result.Height, result.Data.Length / 3);
        var gray = new float[info.Width * info.Height];
        StbGray.Luma(result.Data, gray);
        return GrayImage.Of(gray, info.Width, info.Height, info.Colour);
    }

    private static void CheckComplete(GuardedStream stream, FormatInfo info)
    {
        if (stream.WentPastEnd)
        {
            ThrowHelper.ThrowFormat($"truncated: {Name(info.Container)} data ends before its {info.Width}x{info.Height} pixels do");
        }
    }

    private static void CheckSize(FormatInfo info, int width, int height, int pixels)
    {
        if (width != info.Width || height != info.Height || pixels != info.Width * info.Height)
        {
            ThrowHelper.ThrowFormat($"corrupt {Name(info.Container)}: decoded {width}x{height}, header says {info.Width}x{info.Height}");
        }
    }

    /// <summary>
    /// One line for any decoder failure. StbImageSharp's own reason lives in a static shared by all threads
    /// (stbi__g_failure_reason), so it is not quoted: another thread's failure could overwrite it.
    /// </summary>
    private static T Failed<T>(FormatInfo info, Exception e) =>
        ThrowHelper.ThrowFormat<T>(e is InvalidOperationException
            ? $"corrupt {Name(info.Container)}: StbImageSharp rejected the {info.Width}x{info.Height} image data"
            : $"corrupt {Name(info.Container)}: StbImageSharp failed on the {info.Width}x{info.Height} image data ({e.GetType().Name})");

    private static string Name(ImageContainer container) => container.ToString().ToUpperInvariant();

    private static FormatInfo Unsupported(ImageContainer container)
    {
        ThrowHelper.ThrowArgument(nameof(container), $"StbReader reads JPEG, BMP, TGA, PSD and HDR, not {container}");
        return null!;
    }
}

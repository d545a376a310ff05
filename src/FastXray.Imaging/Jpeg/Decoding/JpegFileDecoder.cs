using System.Buffers;
using FastXray.Imaging.Dicom.JpegDct;
using FastXray.Imaging.Formats;
using FastXray.Imaging.Png;
using FastXray.Imaging.Stb;

namespace FastXray.Imaging.Jpeg.Decoding;

/// <summary>
/// JPEG files (.jpg) to grey, sample for sample as Pillow and imageio return them: 8-bit sequential Huffman frames
/// (SOF0/SOF1) of 1 or 3 components through our DCT decoder (<c>Dicom/JpegDct</c>: libjpeg's islow IDCT, and
/// libjpeg-turbo's fancy upsampling); everything else (progressive, CMYK/YCCK) through StbImageSharp as before.
/// </summary>
/// <remarks>
/// Grey is what it was with StbImageSharp: a YCbCr file's grey is its decoded Y channel (libjpeg's grey output);
/// an RGB-coded one (Adobe transform 0, or 'R','G','B' ids without JFIF) becomes BT.601 luma of its upsampled
/// samples exactly as PNG colour does (<see cref="PngGrayConversion"/>). EXIF orientation is not applied (as Pillow's
/// Image.open; imageio 2.4's imread rotates a JPEG by it). Arithmetic, lossless and hierarchical frames are refused by the
/// structure check with one line; 12-bit frames too (neither StbImageSharp nor Pillow's libjpeg reads them).
/// </remarks>
internal static class JpegFileDecoder
{
    /// <summary>Decodes a whole JPEG file to one grey sample per pixel, choosing our decoder or StbImageSharp by its frame.</summary>
    public static GrayImage Decode(ReadOnlySpan<byte> data, DecodeLimits? limits) =>
        TryDecode(data, limits) ?? StbReader.Decode(data, ImageContainer.Jpeg, limits);

    /// <summary>True when <paramref name="header"/>'s frame is one our DCT decoder reads.</summary>
    public static bool IsOurs(in JpegFileHeader header) =>
        header.FrameMarker is 0xC0 or 0xC1 && header.Precision == 8 && header.Components is 1 or 3;

    /// <summary>The grey image, or null when the frame is not one of ours (the caller then uses StbImageSharp).</summary>
    public static GrayImage? TryDecode(ReadOnlySpan<byte> data, DecodeLimits? limits)
    {
        FormatInfo info = JpegStructure.Read(data); // the same one-line refusals as before, and the whole file walked
        JpegFileHeader header = JpegFileHeader.Scan(data);
        if (!IsOurs(header))
        {
            return null;
        }

        ushort[] rented = DecodeSamples(data, info, header, limits, out int count);
        var grey = new byte[info.Width * info.Height];
        try
        {
            ReadOnlySpan<ushort> samples = rented.AsSpan(0, count);
            if (header.Components == 1 || !header.IsRgb)
            {
                // Grey frame, or YCbCr: the first channel is Y.
                for (int i = 0, j = 0; i < grey.Length; i++, j += header.Components)
                {
                    grey[i] = (byte)samples[j];
                }
            }
            else
            {
                for (int i = 0, j = 0; i < grey.Length; i++, j += 3)
                {
                    grey[i] = (byte)PngGrayConversion.Luma(samples[j], samples[j + 1], samples[j + 2]);
                }
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(rented);
        }

        return GrayImage.Of(grey, info.Width, info.Height, info.Colour);
    }

    /// <summary>
    /// The colour image as Pillow's Image.open(...).convert("RGB") gives it (R, G, B bytes per pixel; a grey frame
    /// repeated in all three): for tests, to check the upsampling and colour conversion against libjpeg-turbo.
    /// </summary>
    public static byte[] DecodeRgb(ReadOnlySpan<byte> data, DecodeLimits? limits = null)
    {
        FormatInfo info = JpegStructure.Read(data);
        JpegFileHeader header = JpegFileHeader.Scan(data);
        if (!IsOurs(header))
        {
            ThrowHelper.ThrowFormat("unsupported JPEG: not an 8-bit sequential frame of 1 or 3 components");
        }

        ushort[] rented = DecodeSamples(data, info, header, limits, out int count);
        ReadOnlySpan<ushort> samples = rented.AsSpan(0, count);
        var rgb = new byte[info.Width * info.Height * 3];
        if (header.Components == 1)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                rgb[3 * i] = rgb[(3 * i) + 1] = rgb[(3 * i) + 2] = (byte)samples[i];
            }
        }
        else if (header.IsRgb)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                rgb[i] = (byte)samples[i];
            }
        }
        else
        {
            JpegYCbCrToRgb.Convert(samples, rgb);
        }

        ArrayPool<ushort>.Shared.Return(rented);
        return rgb;
    }

    /// <summary>
    /// An upper bound of the bytes our path allocates: the decoded samples (16-bit, every component, upsampled) and the
    /// component planes of a colour frame (16-bit, padded to whole MCUs), both rented so up to twice that, and the grey result.
    /// </summary>
    public static long PeakBytes(FormatInfo info)
    {
        long n = (long)info.Width * info.Height;
        int components = info.Colour switch { "grey" => 1, "rgb" => 3, _ => 4 };
        long planes = components == 1 ? 0 : 2L * 2 * components * (info.Width + 31L) * (info.Height + 31L);
        return (2L * 2 * components * n) + planes + n + (64 * 1024);
    }

    /// <summary>
    /// Decodes into a rented array (its first <paramref name="count"/> samples): a fresh 2-byte-per-sample array
    /// would cost more in page faults than the whole entropy decode of a grey radiograph. The caller returns it.
    /// </summary>
    private static ushort[] DecodeSamples(ReadOnlySpan<byte> data, FormatInfo info, JpegFileHeader header, DecodeLimits? limits, out int count)
    {
        limits ??= DecodeLimits.Default;
        limits.CheckSize(info.Width, info.Height);
        long samples = (long)info.Width * info.Height * header.Components;
        if (2 * samples > limits.MaxDecompressedBytes)
        {
            ThrowHelper.ThrowFormat($"image size {info.Width}x{info.Height} decodes to {2 * samples} bytes, over the limit {limits.MaxDecompressedBytes}");
        }

        if (samples > Array.MaxLength)
        {
            ThrowHelper.ThrowFormat($"image size {info.Width}x{info.Height}x{header.Components} is too large for one array");
        }

        count = (int)samples;
        ushort[] rented = ArrayPool<ushort>.Shared.Rent(count);
        try
        {
            JpegDctDecoder.Decode(data, rented.AsSpan(0, count), turboUpsampling: true);
        }
        catch
        {
            ArrayPool<ushort>.Shared.Return(rented);
            throw;
        }

        return rented;
    }
}

using System.Buffers;
using FastXray.Imaging.Dicom.JpegDct;
using FastXray.Imaging.Dicom.JpegLossless;
using FastXray.Imaging.Dicom.JpegLs;
using FastXray.Imaging.Dicom.Rle;
using FastXray.Imaging.Png;

namespace FastXray.Imaging.Dicom;

/// <summary>Decodes one frame of a <see cref="DicomFile"/> to stored values.</summary>
/// <remarks>
/// Colour (Samples per Pixel 3) becomes one grey sample per pixel: RGB by BT.601 luma exactly as PNG does
/// (<c>Png/PngGrayConversion</c>, (299 R + 587 G + 114 B + 500) / 1000), YBR_FULL and YBR_FULL_422 by their Y
/// component, which is that same luma already computed by the encoder (no round trip through RGB).
/// Scratch: a rented buffer for a frame split over several fragments, one for the three colour planes, and the RLE
/// decoder's one byte plane; nothing else is allocated for native, RLE and the JPEG decoders we own. JPEG Baseline goes
/// through StbImageSharp, which allocates its own image.
/// </remarks>
public static class DicomFrameDecoder
{
    /// <summary>
    /// Decodes frame <paramref name="frame"/> (0-based) into <paramref name="destination"/>, Rows x Columns grey samples:
    /// masked to Bits Stored from High Bit and, when signed, sign-extended to 16 bits (read them as <c>short</c>).
    /// </summary>
    /// <exception cref="ImageFormatException">Frame out of range, pixel data short or corrupt, unsupported syntax or layout (one line).</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not Rows x Columns long.</exception>
    public static void Decode(DicomFile file, int frame, Span<ushort> destination, DecodeLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        limits ??= DecodeLimits.Default;
        if (!file.HasPixelData)
        {
            ThrowHelper.ThrowFormat("the file has no pixel data");
        }

        if ((uint)frame >= (uint)file.NumberOfFrames)
        {
            ThrowHelper.ThrowFormat($"frame {frame} out of range (the file has {file.NumberOfFrames})");
        }

        limits.CheckSize(file.Columns, file.Rows);
        int pixels = file.Rows * file.Columns;
        if (destination.Length != pixels)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"{destination.Length} samples for a {file.Columns}x{file.Rows} frame");
        }

        CheckLayout(file);
        DicomTransferSyntax syntax = file.TransferSyntax;
        if (syntax.Codec == DicomPixelCodec.Unsupported)
        {
            ThrowHelper.ThrowFormat($"unsupported transfer syntax: {syntax.Name} ({syntax.Uid})");
        }

        if (syntax.Codec == DicomPixelCodec.Native)
        {
            if (file.PixelDataOffset < 0)
            {
                ThrowHelper.ThrowFormat($"encapsulated pixel data in a native transfer syntax ({syntax.Name})");
            }

            DicomNativeFrame.Decode(file, frame, destination);
            return;
        }

        if (file.Fragments.Count == 0)
        {
            ThrowHelper.ThrowFormat($"native pixel data in a compressed transfer syntax ({syntax.Name})");
        }

        (int first, int count) = DicomFrameSplitter.Locate(file, frame);
        ReadOnlySpan<byte> buffer = file.Buffer.Span;
        byte[]? joined = null;
        try
        {
            ReadOnlySpan<byte> data;
            if (count == 1)
            {
                DicomFragment f = file.Fragments[first];
                data = buffer.Slice(f.Offset, f.Length);
            }
            else
            {
                long total = 0;
                for (int i = first; i < first + count; i++)
                {
                    total += file.Fragments[i].Length;
                }

                // Fragments lie inside the buffer, so their total fits in an int.
                joined = ArrayPool<byte>.Shared.Rent((int)total);
                int at = 0;
                for (int i = first; i < first + count; i++)
                {
                    DicomFragment f = file.Fragments[i];
                    buffer.Slice(f.Offset, f.Length).CopyTo(joined.AsSpan(at));
                    at += f.Length;
                }

                data = joined.AsSpan(0, at);
            }

            DecodeCompressed(file, data, destination, limits);
        }
        finally
        {
            if (joined != null)
            {
                ArrayPool<byte>.Shared.Return(joined);
            }
        }
    }

    private static void CheckLayout(DicomFile file)
    {
        string photometric = file.Photometric;
        if (file.SamplesPerPixel == 1)
        {
            if (photometric is not ("MONOCHROME1" or "MONOCHROME2"))
            {
                ThrowHelper.ThrowFormat($"unsupported photometric interpretation {photometric} with 1 sample per pixel");
            }
        }
        else if (photometric is not ("RGB" or "YBR_FULL" or "YBR_FULL_422"))
        {
            ThrowHelper.ThrowFormat($"unsupported photometric interpretation {photometric} with 3 samples per pixel");
        }
        else if (file.IsSigned)
        {
            ThrowHelper.ThrowFormat("unsupported: signed colour samples");
        }
        else if (photometric == "YBR_FULL_422" && file.TransferSyntax.Codec == DicomPixelCodec.Native)
        {
            // Native 4:2:2 stores two Y per Cb/Cr pair, a different frame size; only JPEG uses the name for full frames.
            ThrowHelper.ThrowFormat("unsupported: native YBR_FULL_422 pixel data");
        }
    }

    private static void DecodeCompressed(DicomFile file, ReadOnlySpan<byte> data, Span<ushort> destination, DecodeLimits limits)
    {
        int samples = file.SamplesPerPixel;

        // JPEG Baseline too goes through our DCT decoder, not StbImageSharp: it follows libjpeg's islow IDCT bit for
        // bit (dcmdjpeg's output; StbImageSharp's IDCT was up to 2 levels off on the fixtures) and is faster.
        if (file.TransferSyntax.Codec != DicomPixelCodec.Rle)
        {
            CodestreamInfo info = file.TransferSyntax.Codec switch
            {
                DicomPixelCodec.JpegBaseline or DicomPixelCodec.JpegExtended => JpegDctDecoder.ReadInfo(data),
                DicomPixelCodec.JpegLossless => JpegLosslessDecoder.ReadInfo(data),
                _ => JpegLsDecoder.ReadInfo(data),
            };
            CheckCodestream(file, info.Width, info.Height, info.Components, info.Precision);
        }

        ushort[]? rented = null;
        try
        {
            Span<ushort> decoded = destination;
            if (samples > 1)
            {
                rented = ArrayPool<ushort>.Shared.Rent(destination.Length * samples);
                decoded = rented.AsSpan(0, destination.Length * samples);
            }

            switch (file.TransferSyntax.Codec)
            {
                case DicomPixelCodec.Rle:
                    RleDecoder.Decode(data, file.Columns, file.Rows, samples, file.BitsAllocated, decoded);
                    break;
                case DicomPixelCodec.JpegBaseline or DicomPixelCodec.JpegExtended:
                    JpegDctDecoder.Decode(data, decoded);
                    break;
                case DicomPixelCodec.JpegLossless:
                    JpegLosslessDecoder.Decode(data, decoded);
                    break;
                default:
                    JpegLsDecoder.Decode(data, decoded);
                    break;
            }

            // Codecs return the stored bit pattern; the mask and sign extension are the same as for native data.
            if (samples == 1)
            {
                DicomSampleMapper.MapInPlace(destination, file.BitsStored, file.HighBit, file.IsSigned);
            }
            else
            {
                DicomSampleMapper.MapInPlace(decoded, file.BitsStored, file.HighBit, signed: false);
                ToGrey(decoded, file.Photometric != "RGB", destination);
            }
        }
        finally
        {
            if (rented != null)
            {
                ArrayPool<ushort>.Shared.Return(rented);
            }
        }
    }

    private static void CheckCodestream(DicomFile file, int width, int height, int components, int precision)
    {
        if (width != file.Columns || height != file.Rows)
        {
            ThrowHelper.ThrowFormat($"compressed frame is {width}x{height}, the data set says {file.Columns}x{file.Rows}");
        }

        if (components != file.SamplesPerPixel)
        {
            ThrowHelper.ThrowFormat($"compressed frame has {components} components, the data set says {file.SamplesPerPixel} samples per pixel");
        }

        if (precision > file.BitsAllocated)
        {
            ThrowHelper.ThrowFormat($"compressed frame has {precision}-bit samples, more than Bits Allocated {file.BitsAllocated}");
        }
    }

    /// <summary>Three samples per pixel, interleaved, to grey: the first (Y of YBR) or BT.601 luma of RGB.</summary>
    internal static void ToGrey(ReadOnlySpan<ushort> interleaved, bool firstComponent, Span<ushort> destination)
    {
        if (firstComponent)
        {
            for (int i = 0, j = 0; i < destination.Length; i++, j += 3)
            {
                destination[i] = interleaved[j];
            }
        }
        else
        {
            PngGrayConversion.ToGray(interleaved, 3, destination);
        }
    }
}

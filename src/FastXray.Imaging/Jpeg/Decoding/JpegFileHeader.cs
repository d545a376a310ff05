using System.Buffers.Binary;

namespace FastXray.Imaging.Jpeg.Decoding;

/// <summary>What a JPEG file says before its first scan that decides who decodes it and how its colour is read.</summary>
/// <param name="FrameMarker">The SOFn marker (0xC0 baseline, 0xC1 extended, 0xC2 progressive, ...), or 0 when none comes before the first SOS.</param>
/// <param name="Precision">Sample precision of the frame.</param>
/// <param name="Components">Components in the frame.</param>
/// <param name="IsRgb">Three components stored as R, G, B (no colour transform), by libjpeg-turbo's rule; false for YCbCr and for 1 or 4 components.</param>
internal readonly record struct JpegFileHeader(byte FrameMarker, int Precision, int Components, bool IsRgb)
{
    /// <summary>
    /// Walks the markers from SOI to the first SOS. Assumes the structure was already checked
    /// (<c>Stb/JpegStructure</c>), but stays in bounds whatever the bytes: a malformed walk just stops.
    /// </summary>
    /// <remarks>
    /// The colour space is guessed as libjpeg-turbo 2.x's jdapimin.c default_decompress_parms does for 3 components:
    /// a JFIF APP0 means YCbCr; else an Adobe APP14 means RGB for transform 0 and YCbCr otherwise; else component ids
    /// 'R','G','B' mean RGB and anything else YCbCr. JFIF is recognised as jdmarker.c does ("JFIF\0" in an APP0 of at
    /// least 14 data bytes), Adobe likewise ("Adobe" in an APP14 of at least 12, transform at byte 11). EXIF (APP1) is
    /// skipped: its orientation tag is not applied. That is what Pillow's Image.open returns; imageio 2.4's imread of a
    /// JPEG does apply it (its Pillow JPEG format defaults to exifrotate=True), so a rotated file differs from imageio.
    /// </remarks>
    public static JpegFileHeader Scan(ReadOnlySpan<byte> data)
    {
        bool jfif = false;
        int adobeTransform = -1;
        byte sof = 0;
        int precision = 0;
        int components = 0;
        ReadOnlySpan<byte> ids = default;
        int pos = 2;
        while (pos + 1 < data.Length)
        {
            if (data[pos] != 0xFF)
            {
                break;
            }

            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++; // fill bytes
            }

            if (pos >= data.Length)
            {
                break;
            }

            byte marker = data[pos++];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (marker is 0xD9 or 0xDA || pos + 2 > data.Length)
            {
                break;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length)
            {
                break;
            }

            ReadOnlySpan<byte> segment = data.Slice(pos + 2, length - 2);
            pos += length;
            if (marker == 0xE0 && segment.Length >= 14 && segment[..5].SequenceEqual("JFIF\0"u8))
            {
                jfif = true;
            }
            else if (marker == 0xEE && segment.Length >= 12 && segment[..5].SequenceEqual("Adobe"u8))
            {
                adobeTransform = segment[11];
            }
            else if (sof == 0 && marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC) && segment.Length >= 6)
            {
                sof = marker;
                precision = segment[0];
                components = segment[5];
                if (segment.Length >= 6 + (3 * components))
                {
                    ids = segment.Slice(6, 3 * components);
                }
            }
        }

        bool rgb = components == 3 && !ids.IsEmpty && !jfif && (adobeTransform >= 0
            ? adobeTransform == 0
            : ids[0] == 'R' && ids[3] == 'G' && ids[6] == 'B');
        return new JpegFileHeader(sof, precision, components, rgb);
    }
}

using System.Buffers.Binary;

namespace FastXray.Imaging.Dicom.JpegDct;

/// <summary>SOF0/SOF1 parsing (T.81 B.2.2), shared by ReadInfo and Decode.</summary>
internal static class DctFrameHeader
{
    public const int MaxComponents = 4;

    /// <summary>
    /// Parses a frame header segment (after the length) into <paramref name="components"/> and returns the frame's
    /// size; checks everything later stages index with (factors 1..4, table numbers 0..3, distinct ids).
    /// </summary>
    public static CodestreamInfo Parse(ReadOnlySpan<byte> segment, Span<DctComponent> components)
    {
        if (segment.Length < 6)
        {
            ThrowHelper.ThrowFormat("corrupt JPEG data: SOF segment too short");
        }

        int precision = segment[0];
        int height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        int count = segment[5];
        if (precision != 8 && precision != 12)
        {
            ThrowHelper.ThrowFormat($"unsupported JPEG: DCT sample precision {precision} (8 or 12 expected)");
        }

        if (height == 0)
        {
            ThrowHelper.ThrowFormat("unsupported JPEG: height 0 (defined by a DNL marker)");
        }

        if (width == 0)
        {
            ThrowHelper.ThrowFormat("corrupt JPEG data: width 0 in the frame header");
        }

        if (count is 0 or > MaxComponents)
        {
            ThrowHelper.ThrowFormat($"unsupported JPEG: {count} components (1 to {MaxComponents} supported)");
        }

        if (segment.Length < 6 + (3 * count))
        {
            ThrowHelper.ThrowFormat("corrupt JPEG data: SOF segment shorter than its component list");
        }

        int hMax = 1;
        int vMax = 1;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> c = segment.Slice(6 + (3 * i), 3);
            ref DctComponent component = ref components[i];
            component = default;
            component.Id = c[0];
            component.H = c[1] >> 4;
            component.V = c[1] & 15;
            component.QuantTable = c[2];
            if (component.H is 0 or > 4 || component.V is 0 or > 4)
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG data: sampling factors {component.H}x{component.V} (1 to 4 allowed)");
            }

            if (component.QuantTable > 3)
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG data: quantisation table {component.QuantTable} (0 to 3 allowed)");
            }

            for (int j = 0; j < i; j++)
            {
                if (components[j].Id == component.Id)
                {
                    ThrowHelper.ThrowFormat($"corrupt JPEG data: component id {component.Id} appears twice");
                }
            }

            hMax = Math.Max(hMax, component.H);
            vMax = Math.Max(vMax, component.V);
        }

        // Whole MCUs; with one component the MCU is one block whatever its factors say (T.81 A.2.2).
        int mcuWidth = count == 1 ? 8 : 8 * hMax;
        int mcuHeight = count == 1 ? 8 : 8 * vMax;
        int mcusX = (width + mcuWidth - 1) / mcuWidth;
        int mcusY = (height + mcuHeight - 1) / mcuHeight;
        for (int i = 0; i < count; i++)
        {
            ref DctComponent component = ref components[i];
            if (count == 1)
            {
                component.H = component.V = 1;
            }
            else if (hMax % component.H != 0 || vMax % component.V != 0)
            {
                // libjpeg 6b refuses the same ("fractional sampling not implemented yet").
                ThrowHelper.ThrowFormat($"unsupported JPEG: sampling factors {component.H}x{component.V} do not divide {hMax}x{vMax}");
            }

            int h = count == 1 ? 1 : hMax;
            int v = count == 1 ? 1 : vMax;
            component.Width = (int)(((long)width * component.H + h - 1) / h);
            component.Height = (int)(((long)height * component.V + v - 1) / v);
            component.BlocksWide = (component.Width + 7) / 8;
            component.BlocksHigh = (component.Height + 7) / 8;
            component.PlaneStride = mcusX * component.H * 8;
            component.PlaneRows = mcusY * component.V * 8;
        }

        return new CodestreamInfo(width, height, precision, count);
    }
}

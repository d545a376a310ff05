using System.Buffers.Binary;

namespace FastXray.Imaging.Dicom.JpegLossless;

/// <summary>What the marker parser stopped at.</summary>
internal enum LosslessStop
{
    /// <summary>The SOF3 frame header was read (ReadInfo stops here).</summary>
    Frame,

    /// <summary>An SOS header was read; the entropy-coded segment starts at the returned position.</summary>
    Scan,

    /// <summary>EOI.</summary>
    End,

    /// <summary>The data ended between segments (no EOI).</summary>
    DataEnd,
}

/// <summary>
/// The marker segments of a JPEG lossless codestream (T.81 B.2, B.3): SOI, DHT, SOF3, DRI, SOS, APPn/COM skipped,
/// everything else refused with its name.
/// </summary>
internal static class LosslessMarkers
{
    public const int Soi = 0xD8;
    public const int Eoi = 0xD9;
    public const int Sos = 0xDA;
    public const int Rst0 = 0xD0;

    /// <summary>Checks SOI and parses segments until the frame header.</summary>
    public static int ReadToFrame(ReadOnlySpan<byte> data, LosslessState state)
    {
        if (data.Length < 2 || data[0] != 0xFF || data[1] != Soi)
        {
            ThrowHelper.ThrowFormat(data.Length < 2 ? "truncated JPEG lossless data: no SOI marker" : "not a JPEG codestream: it does not start with the SOI marker FFD8");
        }

        state.Reset();
        int pos = 2;
        if (Parse(data, ref pos, state, stopAtFrame: true) != LosslessStop.Frame)
        {
            ThrowHelper.ThrowFormat("truncated JPEG lossless data: no SOF3 frame header before EOI");
        }

        return pos;
    }

    /// <summary>
    /// Parses marker segments from <paramref name="pos"/> (which must be at a marker or fill bytes before one).
    /// Returns at the frame header (when asked), after an SOS header, at EOI, or where the data ends.
    /// </summary>
    public static LosslessStop Parse(ReadOnlySpan<byte> data, ref int pos, LosslessState state, bool stopAtFrame)
    {
        while (true)
        {
            if (pos >= data.Length)
            {
                return LosslessStop.DataEnd;
            }

            if (data[pos] != 0xFF)
            {
                ThrowHelper.ThrowFormat($"JPEG marker expected at byte {pos}, found 0x{data[pos]:X2}");
            }

            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++; // fill bytes before a marker (T.81 B.1.1.2)
            }

            if (pos >= data.Length)
            {
                return LosslessStop.DataEnd;
            }

            int marker = data[pos++];
            switch (marker)
            {
                case Eoi:
                    return LosslessStop.End;
                case 0x01: // TEM: no segment
                    continue;
                case >= 0xD0 and <= 0xD7:
                    ThrowHelper.ThrowFormat($"JPEG marker RST{marker - Rst0} outside a scan");
                    break;
                case Soi:
                    ThrowHelper.ThrowFormat("second SOI marker in a JPEG codestream");
                    break;
                case 0x00:
                    ThrowHelper.ThrowFormat($"JPEG marker expected at byte {pos - 2}, found stuffed 0xFF00");
                    break;
            }

            ReadOnlySpan<byte> segment = Segment(data, ref pos, marker);
            switch (marker)
            {
                case 0xC3:
                    ReadFrame(segment, state);
                    if (stopAtFrame)
                    {
                        return LosslessStop.Frame;
                    }

                    break;
                case 0xC4:
                    ReadHuffmanTables(segment, state);
                    break;
                case 0xDD:
                    if (segment.Length != 2)
                    {
                        ThrowHelper.ThrowFormat($"JPEG DRI segment has {segment.Length} bytes, not 2");
                    }

                    state.RestartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case Sos:
                    ReadScan(segment, state);
                    return LosslessStop.Scan;
                case 0xDC:
                    ThrowHelper.ThrowFormat("JPEG DNL marker (height defined after the scan) is not supported");
                    break;
                case 0xCC:
                    ThrowHelper.ThrowFormat("not JPEG lossless with Huffman coding: arithmetic coding conditioning (DAC)");
                    break;
                case >= 0xC0 and <= 0xCF:
                    ThrowHelper.ThrowFormat($"not JPEG lossless: {FrameName(marker)} (SOF{marker - 0xC0})");
                    break;
                case 0xDB or 0xFE or (>= 0xE0 and <= 0xEF):
                    break; // DQT (unused by lossless), COM, APPn
                default:
                    ThrowHelper.ThrowFormat($"unexpected JPEG marker 0xFF{marker:X2}");
                    break;
            }
        }
    }

    private static string FrameName(int marker) => marker switch
    {
        0xC0 => "baseline DCT",
        0xC1 => "extended sequential DCT",
        0xC2 => "progressive DCT",
        0xC5 => "differential sequential DCT",
        0xC6 => "differential progressive DCT",
        0xC7 => "differential (hierarchical) lossless",
        0xC8 => "reserved JPG extension",
        0xC9 => "extended sequential DCT, arithmetic coding",
        0xCA => "progressive DCT, arithmetic coding",
        0xCB => "lossless, arithmetic coding",
        0xCD => "differential sequential DCT, arithmetic coding",
        0xCE => "differential progressive DCT, arithmetic coding",
        _ => "differential lossless, arithmetic coding",
    };

    /// <summary>The segment body after its 2-byte length; <paramref name="pos"/> moves past it.</summary>
    private static ReadOnlySpan<byte> Segment(ReadOnlySpan<byte> data, ref int pos, int marker)
    {
        if (data.Length - pos < 2)
        {
            ThrowHelper.ThrowFormat($"truncated JPEG lossless data: marker 0xFF{marker:X2} has no length");
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
        if (length < 2)
        {
            ThrowHelper.ThrowFormat($"JPEG marker 0xFF{marker:X2} has segment length {length} (less than 2)");
        }

        if (length > data.Length - pos)
        {
            ThrowHelper.ThrowFormat($"truncated JPEG lossless data: marker 0xFF{marker:X2} segment of {length} bytes runs past the end");
        }

        ReadOnlySpan<byte> segment = data.Slice(pos + 2, length - 2);
        pos += length;
        return segment;
    }

    private static void ReadFrame(ReadOnlySpan<byte> s, LosslessState state)
    {
        if (state.HasFrame)
        {
            ThrowHelper.ThrowFormat("second SOF3 frame header in a JPEG codestream");
        }

        if (s.Length < 6)
        {
            ThrowHelper.ThrowFormat($"JPEG SOF3 segment has {s.Length} bytes, fewer than 6");
        }

        int precision = s[0];
        int height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
        int count = s[5];
        if (precision is < 2 or > 16)
        {
            ThrowHelper.ThrowFormat($"JPEG lossless precision {precision} is outside 2-16 bits");
        }

        if (height == 0)
        {
            ThrowHelper.ThrowFormat("JPEG frame height 0 (defined by a DNL marker) is not supported");
        }

        if (width == 0)
        {
            ThrowHelper.ThrowFormat("JPEG frame width is 0");
        }

        if (count is < 1 or > LosslessState.MaxComponents)
        {
            ThrowHelper.ThrowFormat($"JPEG lossless frame has {count} components (1-{LosslessState.MaxComponents} supported)");
        }

        if (s.Length != 6 + 3 * count)
        {
            ThrowHelper.ThrowFormat($"JPEG SOF3 segment has {s.Length} bytes, not {6 + 3 * count} for {count} components");
        }

        for (int i = 0; i < count; i++)
        {
            int id = s[6 + 3 * i];
            int sampling = s[7 + 3 * i];
            for (int j = 0; j < i; j++)
            {
                if (state.ComponentIds[j] == id)
                {
                    ThrowHelper.ThrowFormat($"JPEG frame lists component {id} twice");
                }
            }

            // With one component an MCU is one sample whatever the factors say (T.81 A.2.2); with several, factors
            // other than 1x1 would make MCUs of several samples per component, which DICOM encoders do not write.
            if (count > 1 && sampling != 0x11)
            {
                ThrowHelper.ThrowFormat($"unsupported JPEG lossless: component {id} has sampling factors {sampling >> 4}x{sampling & 15} (only 1x1)");
            }

            state.ComponentIds[i] = id;
        }

        state.Width = width;
        state.Height = height;
        state.Precision = precision;
        state.ComponentCount = count;
        state.HasFrame = true;
    }

    private static void ReadHuffmanTables(ReadOnlySpan<byte> s, LosslessState state)
    {
        while (!s.IsEmpty)
        {
            int classAndId = s[0];
            int id = classAndId & 15;
            if (id > 3 || classAndId >> 4 > 1)
            {
                ThrowHelper.ThrowFormat($"JPEG DHT table class/id byte 0x{classAndId:X2} is invalid");
            }

            // Lossless scans use the DC class (Tc = 0); an AC table is parsed past and ignored.
            LosslessHuffmanTable table = classAndId >> 4 == 0 ? state.Tables[id] : state.IgnoredTable;
            s = s[(1 + table.Build(s[1..], id))..];
        }
    }

    private static void ReadScan(ReadOnlySpan<byte> s, LosslessState state)
    {
        if (!state.HasFrame)
        {
            ThrowHelper.ThrowFormat("JPEG SOS before the SOF3 frame header");
        }

        int count = s.IsEmpty ? 0 : s[0];
        if (count < 1 || count > state.ComponentCount || s.Length != 4 + 2 * count)
        {
            ThrowHelper.ThrowFormat($"JPEG SOS segment is malformed ({count} components in {s.Length} bytes)");
        }

        for (int i = 0; i < count; i++)
        {
            int id = s[1 + 2 * i];
            int tableId = s[2 + 2 * i] >> 4;
            int index = Array.IndexOf(state.ComponentIds, id, 0, state.ComponentCount);
            if (index < 0)
            {
                ThrowHelper.ThrowFormat($"JPEG scan names component {id}, which is not in the frame");
            }

            if (state.ComponentDone[index])
            {
                ThrowHelper.ThrowFormat($"JPEG component {id} is coded in two scans");
            }

            if (tableId > 3 || !state.Tables[tableId].Defined)
            {
                ThrowHelper.ThrowFormat($"JPEG scan uses Huffman table {tableId}, which is not defined");
            }

            state.ScanComponents[i] = index;
            state.ScanTables[i] = state.Tables[tableId];
            state.ComponentDone[index] = true;
        }

        int predictor = s[1 + 2 * count];
        int pointTransform = s[3 + 2 * count] & 15;
        if (predictor is < 1 or > 7)
        {
            ThrowHelper.ThrowFormat($"JPEG lossless predictor (selection value) {predictor} is outside 1-7");
        }

        if (s[3 + 2 * count] >> 4 != 0)
        {
            ThrowHelper.ThrowFormat("JPEG lossless scan has Ah not 0 (successive approximation is not lossless)");
        }

        if (pointTransform >= state.Precision)
        {
            ThrowHelper.ThrowFormat($"JPEG lossless point transform {pointTransform} is not below the precision {state.Precision}");
        }

        state.ScanComponentCount = count;
        state.Predictor = predictor;
        state.PointTransform = pointTransform;
    }
}

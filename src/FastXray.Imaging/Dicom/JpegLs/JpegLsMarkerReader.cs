using System.Buffers.Binary;

namespace FastXray.Imaging.Dicom.JpegLs;

/// <summary>The frame header (SOF55, T.87 C.2.2).</summary>
internal struct JpegLsFrame
{
    public int Width;
    public int Height;
    public int Precision;
    public int Components;
    public int Id0;
    public int Id1;
    public int Id2;

    /// <summary>Frame index (0-2) of component identifier <paramref name="id"/>, or -1.</summary>
    public readonly int IndexOf(int id) =>
        id == Id0 ? 0 : Components > 1 && id == Id1 ? 1 : Components > 2 && id == Id2 ? 2 : -1;
}

/// <summary>One scan header (SOS, T.87 C.2.3): its components (frame indices), NEAR and interleave mode.</summary>
internal struct JpegLsScanHeader
{
    public int Count;
    public int Index0;
    public int Index1;
    public int Index2;
    public int Near;
    public int Interleave;

    public readonly int IndexAt(int i) => i == 0 ? Index0 : i == 1 ? Index1 : Index2;
}

/// <summary>Walks the marker segments of a JPEG-LS codestream (T.87 annex C); every length is checked against the data.</summary>
internal ref struct JpegLsMarkerReader
{
    public const int Soi = 0xD8;
    public const int Eoi = 0xD9;
    public const int Sos = 0xDA;
    public const int Dnl = 0xDC;
    public const int Dri = 0xDD;
    public const int Sof55 = 0xF7;
    public const int Lse = 0xF8;
    public const int Com = 0xFE;

    private readonly ReadOnlySpan<byte> _data;

    public JpegLsMarkerReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        if (data.Length < 2 || data[0] != 0xFF || data[1] != Soi)
        {
            ThrowHelper.ThrowFormat("not a JPEG-LS codestream: no SOI marker");
        }

        Position = 2;
    }

    /// <summary>Offset of the next byte to read.</summary>
    public int Position { get; set; }

    /// <summary>The marker code at <see cref="Position"/> (after any 0xFF fill bytes), or -1 at the end of the data.</summary>
    public int NextMarker()
    {
        if (Position >= _data.Length)
        {
            return -1;
        }

        if (_data[Position] != 0xFF)
        {
            JpegLsErrors.ThrowCorrupt($"marker expected at offset {Position}, found 0x{_data[Position]:X2}");
        }

        while (Position < _data.Length && _data[Position] == 0xFF)
        {
            Position++; // T.81 B.1.1.2: any number of 0xFF fill bytes may precede a marker
        }

        if (Position >= _data.Length)
        {
            JpegLsErrors.ThrowTruncated();
        }

        return _data[Position++];
    }

    /// <summary>The payload of the segment at <see cref="Position"/> (after its 2-byte length), which is then skipped.</summary>
    public ReadOnlySpan<byte> ReadSegment()
    {
        if (Position + 2 > _data.Length)
        {
            JpegLsErrors.ThrowTruncated();
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(_data[Position..]);
        if (length < 2)
        {
            JpegLsErrors.ThrowCorrupt($"segment length {length} at offset {Position}");
        }

        if (length > _data.Length - Position)
        {
            JpegLsErrors.ThrowTruncated();
        }

        ReadOnlySpan<byte> payload = _data.Slice(Position + 2, length - 2);
        Position += length;
        return payload;
    }

    /// <summary>Reads markers up to and including SOF55, applying LSE and DRI segments met on the way.</summary>
    public JpegLsFrame ReadFrameHeader(ref JpegLsPresets presets, ref int restartInterval)
    {
        while (true)
        {
            int marker = NextMarker();
            switch (marker)
            {
                case -1 or Eoi:
                    JpegLsErrors.ThrowTruncated();
                    break;
                case Sof55:
                    return ParseFrame(ReadSegment());
                case Sos:
                    JpegLsErrors.ThrowCorrupt("SOS before the SOF55 frame header");
                    break;
                default:
                    ApplyTableOrSkip(marker, ref presets, ref restartInterval);
                    break;
            }
        }
    }

    /// <summary>Handles a segment that may appear between other segments: LSE, DRI, APPn and COM; anything else is refused.</summary>
    public void ApplyTableOrSkip(int marker, ref JpegLsPresets presets, ref int restartInterval)
    {
        switch (marker)
        {
            case Lse:
                ParsePresets(ReadSegment(), ref presets);
                break;
            case Dri:
                restartInterval = ParseRestartInterval(ReadSegment());
                break;
            case >= 0xE0 and <= 0xEF or Com:
                ReadSegment(); // APPn (e.g. HP's colour transform "mrfx") and comments carry nothing we use
                break;
            case Dnl:
                JpegLsErrors.ThrowUnsupported("DNL marker (height defined after the scan)");
                break;
            case >= 0xD0 and <= 0xD7:
                JpegLsErrors.ThrowCorrupt($"RST{marker - 0xD0} marker outside a scan");
                break;
            case 0xC3:
                ThrowHelper.ThrowFormat("not JPEG-LS: SOF3 (lossless JPEG, process 14)");
                break;
            case >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC:
                ThrowHelper.ThrowFormat($"not JPEG-LS: SOF{marker - 0xC0} (a DCT or lossless JPEG frame)");
                break;
            case Soi or Sof55:
                JpegLsErrors.ThrowCorrupt($"second {(marker == Soi ? "SOI" : "SOF55")} marker");
                break;
            default:
                JpegLsErrors.ThrowCorrupt($"unexpected marker 0xFF{marker:X2}");
                break;
        }
    }

    private static JpegLsFrame ParseFrame(ReadOnlySpan<byte> s)
    {
        if (s.Length < 6)
        {
            JpegLsErrors.ThrowCorrupt("SOF55 segment too short");
        }

        var frame = new JpegLsFrame
        {
            Precision = s[0],
            Height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]),
            Width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]),
            Components = s[5],
        };

        if (frame.Precision is < 2 or > 16)
        {
            JpegLsErrors.ThrowUnsupported($"precision {frame.Precision} (2-16 bits)");
        }

        if (frame.Height == 0)
        {
            JpegLsErrors.ThrowUnsupported("height 0 (defined by a DNL marker)");
        }

        if (frame.Width == 0)
        {
            JpegLsErrors.ThrowUnsupported("width 0 (oversize dimensions in an LSE segment)");
        }

        if (frame.Components is not (1 or 3))
        {
            JpegLsErrors.ThrowUnsupported($"{frame.Components} components (1 or 3)");
        }

        if (s.Length != 6 + (3 * frame.Components))
        {
            JpegLsErrors.ThrowCorrupt($"SOF55 length {s.Length + 2} for {frame.Components} components");
        }

        for (int i = 0; i < frame.Components; i++)
        {
            int id = s[6 + (3 * i)];
            if (s[7 + (3 * i)] != 0x11)
            {
                JpegLsErrors.ThrowUnsupported($"subsampled component (sampling factors 0x{s[7 + (3 * i)]:X2})");
            }

            if (i > 0 && (id == frame.Id0 || i == 2 && id == frame.Id1))
            {
                JpegLsErrors.ThrowCorrupt($"component id {id} repeated in SOF55");
            }

            _ = i == 0 ? frame.Id0 = id : i == 1 ? frame.Id1 = id : frame.Id2 = id;
        }

        return frame;
    }

    private static void ParsePresets(ReadOnlySpan<byte> s, ref JpegLsPresets presets)
    {
        if (s.Length < 1)
        {
            JpegLsErrors.ThrowCorrupt("empty LSE segment");
        }

        switch (s[0])
        {
            case 1:
                if (s.Length != 11)
                {
                    JpegLsErrors.ThrowCorrupt($"LSE preset parameters length {s.Length + 2} (13)");
                }

                presets.MaxVal = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
                presets.T1 = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
                presets.T2 = BinaryPrimitives.ReadUInt16BigEndian(s[5..]);
                presets.T3 = BinaryPrimitives.ReadUInt16BigEndian(s[7..]);
                presets.Reset = BinaryPrimitives.ReadUInt16BigEndian(s[9..]);
                break;
            case 2 or 3:
                JpegLsErrors.ThrowUnsupported($"mapping tables (LSE id {s[0]})");
                break;
            case 4:
                JpegLsErrors.ThrowUnsupported("oversize image dimensions (LSE id 4)");
                break;
            default:
                JpegLsErrors.ThrowCorrupt($"LSE id {s[0]}");
                break;
        }
    }

    private static int ParseRestartInterval(ReadOnlySpan<byte> s)
    {
        // T.87 C.2.5: Ri is 2, 3 or 4 bytes (a 16-bit DRI is the JPEG one); counted in lines.
        if (s.Length is < 2 or > 4)
        {
            JpegLsErrors.ThrowCorrupt($"DRI length {s.Length + 2}");
        }

        uint ri = 0;
        foreach (byte b in s)
        {
            ri = (ri << 8) | b;
        }

        return ri > int.MaxValue ? int.MaxValue : (int)ri;
    }

    /// <summary>Parses the SOS segment at <see cref="Position"/>; the scan data follows it.</summary>
    public JpegLsScanHeader ReadScanHeader(in JpegLsFrame frame)
    {
        ReadOnlySpan<byte> s = ReadSegment();
        if (s.Length < 1 || s.Length != 4 + (2 * s[0]))
        {
            JpegLsErrors.ThrowCorrupt("SOS length does not match its component count");
        }

        var scan = new JpegLsScanHeader { Count = s[0] };
        if (scan.Count < 1 || scan.Count > frame.Components)
        {
            JpegLsErrors.ThrowCorrupt($"SOS with {scan.Count} components in a {frame.Components}-component frame");
        }

        for (int i = 0; i < scan.Count; i++)
        {
            int index = frame.IndexOf(s[1 + (2 * i)]);
            if (index < 0)
            {
                JpegLsErrors.ThrowCorrupt($"SOS names component id {s[1 + (2 * i)]}, not in SOF55");
            }

            if (s[2 + (2 * i)] != 0)
            {
                JpegLsErrors.ThrowUnsupported($"mapping table {s[2 + (2 * i)]} selected in SOS");
            }

            _ = i == 0 ? scan.Index0 = index : i == 1 ? scan.Index1 = index : scan.Index2 = index;
        }

        int at = 1 + (2 * scan.Count);
        scan.Near = s[at];
        scan.Interleave = s[at + 1];
        if (scan.Interleave > 2)
        {
            JpegLsErrors.ThrowCorrupt($"interleave mode {scan.Interleave}");
        }

        if ((s[at + 2] & 0x0F) != 0)
        {
            JpegLsErrors.ThrowUnsupported($"point transform {s[at + 2] & 0x0F}");
        }

        if (scan.Count == 1)
        {
            scan.Interleave = 0; // T.87 C.2.3: one component is coded alone whatever ILV says
        }
        else if (scan.Interleave == 0 || scan.Count != frame.Components)
        {
            JpegLsErrors.ThrowUnsupported($"interleave mode {scan.Interleave} over {scan.Count} of {frame.Components} components");
        }

        if (scan.Count == 2 && scan.Index0 == scan.Index1 || scan.Count == 3 && (scan.Index0 == scan.Index1 || scan.Index1 == scan.Index2 || scan.Index0 == scan.Index2))
        {
            JpegLsErrors.ThrowCorrupt("component repeated in SOS");
        }

        return scan;
    }

    /// <summary>
    /// Offset of the first marker at or after <paramref name="from"/> (0xFF followed by a byte with its top bit set,
    /// not a stuffed 0xFF) with fill bytes skipped, so <c>data[offset]</c> is 0xFF and the code follows; or the data length.
    /// </summary>
    public static int FindMarker(ReadOnlySpan<byte> data, int from)
    {
        while (from < data.Length)
        {
            int at = data[from..].IndexOf((byte)0xFF);
            if (at < 0)
            {
                return data.Length;
            }

            from += at;
            if (from + 1 < data.Length && data[from + 1] >= 0x80)
            {
                while (from + 2 < data.Length && data[from + 1] == 0xFF)
                {
                    from++;
                }

                return from;
            }

            from++;
        }

        return data.Length;
    }
}

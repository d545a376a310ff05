using System.Buffers;
using System.Buffers.Binary;

namespace FastXray.Imaging.Dicom.JpegDct;

/// <summary>JPEG sequential DCT with Huffman coding, 8 and 12-bit (ITU-T T.81 processes 1, 2 and 4), IDCT as libjpeg's islow.</summary>
/// <remarks>
/// Decodes SOF0 and SOF1 frames of 1 to 4 components: interleaved and non-interleaved scans, restart intervals, 8 and
/// 16-bit quantisation tables. Samples come out as coded (no colour conversion), subsampled components upsampled as
/// libjpeg 6b does by default, so the output equals dcmtk's dcmdjpeg (IJG 6b, islow) sample for sample.
/// </remarks>
public static class JpegDctDecoder
{
    /// <summary>The frame header of <paramref name="data"/> (one DICOM frame's codestream).</summary>
    public static CodestreamInfo ReadInfo(ReadOnlySpan<byte> data)
    {
        Span<DctComponent> components = stackalloc DctComponent[DctFrameHeader.MaxComponents];
        int position = ExpectSoi(data);
        while (true)
        {
            byte marker = NextMarker(data, ref position);
            ReadOnlySpan<byte> segment = Segment(data, ref position, marker);
            if (marker is DctMarkers.Sof0 or DctMarkers.Sof1)
            {
                return DctFrameHeader.Parse(segment, components);
            }

            CheckBeforeFrame(marker);
        }
    }

    /// <summary>Decodes <paramref name="data"/> into exactly Width x Height x Components samples, interleaved by pixel, values as coded (0 .. 2^Precision - 1).</summary>
    public static void Decode(ReadOnlySpan<byte> data, Span<ushort> destination) => Decode(data, destination, turboUpsampling: false);

    /// <summary>As <see cref="Decode(ReadOnlySpan{byte}, Span{ushort})"/>; <paramref name="turboUpsampling"/> upsamples h1v2 (4:4:0) chroma as libjpeg-turbo does (what Pillow returns) instead of as IJG 6b (what dcmtk returns).</summary>
    internal static void Decode(ReadOnlySpan<byte> data, Span<ushort> destination, bool turboUpsampling)
    {
        DctDecoderState state = DctDecoderState.Rent();
        state.TurboUpsampling = turboUpsampling;
        try
        {
            Decode(state, data, destination);
        }
        finally
        {
            DctDecoderState.Return(state);
        }
    }

    private static void Decode(DctDecoderState state, ReadOnlySpan<byte> data, Span<ushort> destination)
    {
        int position = ExpectSoi(data);
        Span<int> scan = stackalloc int[DctFrameHeader.MaxComponents];
        while (true)
        {
            byte marker = NextMarker(data, ref position);
            if (marker == DctMarkers.Eoi)
            {
                break;
            }

            ReadOnlySpan<byte> segment = Segment(data, ref position, marker);
            switch (marker)
            {
                case DctMarkers.Sof0 or DctMarkers.Sof1:
                    StartFrame(state, segment, destination.Length);
                    break;
                case DctMarkers.Dht:
                    DefineHuffmanTables(state, segment);
                    break;
                case DctMarkers.Dqt:
                    DefineQuantisationTables(state, segment);
                    break;
                case DctMarkers.Dri:
                    if (segment.Length < 2)
                    {
                        ThrowHelper.ThrowFormat("corrupt JPEG data: DRI segment too short");
                    }

                    state.RestartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case DctMarkers.Dnl when state.HasFrame:
                    break; // the frame already has a height; libjpeg skips a DNL then too (only height 0 needs it, refused at SOF)
                case DctMarkers.Sos:
                    int count = StartScan(state, segment, scan);
                    position = DctScanDecoder.Decode(state, data, position, scan[..count], destination);
                    break;
                default:
                    if (state.HasFrame && DctMarkers.IsOtherSof(marker))
                    {
                        ThrowHelper.ThrowFormat("corrupt JPEG data: a second frame header");
                    }

                    CheckBeforeFrame(marker);
                    break;
            }
        }

        if (!state.HasFrame)
        {
            ThrowHelper.ThrowFormat("corrupt JPEG data: EOI before a frame header");
        }

        for (int i = 0; i < state.Frame.Components; i++)
        {
            if (!state.Components[i].Scanned)
            {
                ThrowHelper.ThrowFormat($"truncated JPEG data: component {state.Components[i].Id} has no scan before EOI");
            }
        }

        if (state.Frame.Components > 1)
        {
            DctUpsampler.Interleave(state, destination);
        }
    }

    private static int ExpectSoi(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            ThrowHelper.ThrowFormat("truncated JPEG data");
        }

        if (data[0] != 0xFF || data[1] != DctMarkers.Soi)
        {
            ThrowHelper.ThrowFormat("not a JPEG codestream: no SOI marker");
        }

        return 2;
    }

    /// <summary>The marker at <paramref name="position"/> (fill 0xFF bytes allowed before it); anything else there is corrupt data.</summary>
    private static byte NextMarker(ReadOnlySpan<byte> data, ref int position)
    {
        if (position >= data.Length)
        {
            ThrowHelper.ThrowFormat("truncated JPEG data");
        }

        if (data[position] != 0xFF)
        {
            ThrowHelper.ThrowFormat($"corrupt JPEG data: expected a marker at offset {position}, found 0x{data[position]:X2}");
        }

        while (position < data.Length && data[position] == 0xFF)
        {
            position++;
        }

        if (position >= data.Length)
        {
            ThrowHelper.ThrowFormat("truncated JPEG data");
        }

        byte marker = data[position++];
        if (marker == 0 || (marker is >= DctMarkers.Rst0 and <= DctMarkers.Rst0 + 7))
        {
            ThrowHelper.ThrowFormat($"corrupt JPEG data: unexpected 0xFF{marker:X2} at offset {position - 2}");
        }

        return marker;
    }

    /// <summary>The segment after a marker (without its 2-byte length), checked against the bytes present.</summary>
    private static ReadOnlySpan<byte> Segment(ReadOnlySpan<byte> data, ref int position, byte marker)
    {
        if (marker is DctMarkers.Soi or DctMarkers.Eoi)
        {
            ThrowHelper.ThrowFormat($"corrupt JPEG data: unexpected 0xFF{marker:X2} at offset {position - 2}");
        }

        if (position + 2 > data.Length)
        {
            ThrowHelper.ThrowFormat("truncated JPEG data");
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
        if (length < 2)
        {
            ThrowHelper.ThrowFormat($"corrupt JPEG data: segment length {length} at offset {position}");
        }

        if (position + length > data.Length)
        {
            ThrowHelper.ThrowFormat("truncated JPEG data");
        }

        ReadOnlySpan<byte> segment = data.Slice(position + 2, length - 2);
        position += length;
        return segment;
    }

    /// <summary>Markers allowed anywhere before the frame: tables, DRI, APPn, COM; other frame types are refused by name.</summary>
    private static void CheckBeforeFrame(byte marker)
    {
        if (DctMarkers.IsOtherSof(marker))
        {
            ThrowHelper.ThrowFormat(DctMarkers.UnsupportedSof(marker));
        }

        switch (marker)
        {
            case DctMarkers.Dac:
                ThrowHelper.ThrowFormat("unsupported JPEG: arithmetic coding conditioning (DAC)");
                break;
            case DctMarkers.Dhp or DctMarkers.Exp:
                ThrowHelper.ThrowFormat("unsupported JPEG: hierarchical mode (DHP/EXP)");
                break;
            case DctMarkers.Sos:
                ThrowHelper.ThrowFormat("corrupt JPEG data: SOS before the frame header");
                break;
            case DctMarkers.Dnl:
                ThrowHelper.ThrowFormat("unsupported JPEG: DNL marker");
                break;
            default:
                break; // APPn, COM, JPGn and the tables carry nothing ReadInfo needs
        }
    }

    private static void StartFrame(DctDecoderState state, ReadOnlySpan<byte> segment, int destinationLength)
    {
        if (state.HasFrame)
        {
            ThrowHelper.ThrowFormat("corrupt JPEG data: a second frame header");
        }

        CodestreamInfo info = DctFrameHeader.Parse(segment, state.Components);
        long samples = (long)info.Width * info.Height * info.Components;
        if (samples != destinationLength)
        {
            ThrowHelper.ThrowArgument("destination", $"destination holds {destinationLength} samples; the {info.Width}x{info.Height}x{info.Components} frame needs {samples}");
        }

        state.Frame = info;
        state.HasFrame = true;
        int mcuWidth = info.Components == 1 ? 8 : 8 * MaxH(state);
        int mcuHeight = info.Components == 1 ? 8 : 8 * MaxV(state);
        state.McusX = (info.Width + mcuWidth - 1) / mcuWidth;
        state.McusY = (info.Height + mcuHeight - 1) / mcuHeight;
        if (info.Components > 1)
        {
            // Planes cover whole MCUs: at most (W + 31) x (H + 31) per component, so bounded by the destination just checked.
            for (int i = 0; i < info.Components; i++)
            {
                ref DctComponent c = ref state.Components[i];
                state.Planes[i] = ArrayPool<ushort>.Shared.Rent(c.PlaneStride * c.PlaneRows);
            }
        }
    }

    private static int MaxH(DctDecoderState state)
    {
        int max = 1;
        for (int i = 0; i < state.Frame.Components; i++)
        {
            max = Math.Max(max, state.Components[i].H);
        }

        return max;
    }

    private static int MaxV(DctDecoderState state)
    {
        int max = 1;
        for (int i = 0; i < state.Frame.Components; i++)
        {
            max = Math.Max(max, state.Components[i].V);
        }

        return max;
    }

    private static void DefineHuffmanTables(DctDecoderState state, ReadOnlySpan<byte> segment)
    {
        while (segment.Length > 0)
        {
            int tc = segment[0] >> 4;
            int th = segment[0] & 15;
            if (tc > 1 || th > 3)
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG data: Huffman table class {tc} id {th}");
            }

            DctHuffmanTable table = tc == 0 ? state.Dc[th] : state.Ac[th];
            int used = table.Build(segment[1..], isDc: tc == 0);
            segment = segment[(1 + used)..];
        }
    }

    private static void DefineQuantisationTables(DctDecoderState state, ReadOnlySpan<byte> segment)
    {
        ReadOnlySpan<byte> zigzag = DctScanDecoder.ZigZagToNatural;
        while (segment.Length > 0)
        {
            int pq = segment[0] >> 4;
            int tq = segment[0] & 15;
            if (pq > 1 || tq > 3)
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG data: quantisation table precision {pq} id {tq}");
            }

            int size = pq == 0 ? 64 : 128;
            if (segment.Length < 1 + size)
            {
                ThrowHelper.ThrowFormat("corrupt JPEG data: DQT segment too short");
            }

            int[] table = state.Quant[tq];
            for (int k = 0; k < 64; k++)
            {
                table[zigzag[k]] = pq == 0 ? segment[1 + k] : BinaryPrimitives.ReadUInt16BigEndian(segment[(1 + (2 * k))..]);
            }

            state.QuantDefined[tq] = true;
            segment = segment[(1 + size)..];
        }
    }

    /// <summary>Parses SOS (T.81 B.2.3) into component indices; checks tables and the sequential Ss/Se/Ah/Al values.</summary>
    private static int StartScan(DctDecoderState state, ReadOnlySpan<byte> segment, Span<int> scan)
    {
        if (!state.HasFrame)
        {
            ThrowHelper.ThrowFormat("corrupt JPEG data: SOS before the frame header");
        }

        if (segment.Length < 1)
        {
            ThrowHelper.ThrowFormat("corrupt JPEG data: SOS segment too short");
        }

        int count = segment[0];
        if (count == 0 || count > state.Frame.Components || segment.Length < 1 + (2 * count) + 3)
        {
            ThrowHelper.ThrowFormat($"corrupt JPEG data: SOS with {count} components");
        }

        int blocksPerMcu = 0;
        for (int i = 0; i < count; i++)
        {
            int id = segment[1 + (2 * i)];
            int tables = segment[2 + (2 * i)];
            int index = -1;
            for (int j = 0; j < state.Frame.Components; j++)
            {
                if (state.Components[j].Id == id)
                {
                    index = j;
                }
            }

            if (index < 0)
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG data: SOS names component {id}, not in the frame");
            }

            ref DctComponent c = ref state.Components[index];
            if (c.Scanned)
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG data: component {id} in two scans of a sequential frame");
            }

            c.DcTable = tables >> 4;
            c.AcTable = tables & 15;
            if (c.DcTable > 3 || c.AcTable > 3 || !state.Dc[c.DcTable].Defined || !state.Ac[c.AcTable].Defined)
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG data: component {id} uses an undefined Huffman table");
            }

            if (!state.QuantDefined[c.QuantTable])
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG data: component {id} uses undefined quantisation table {c.QuantTable}");
            }

            state.Quant[c.QuantTable].CopyTo(state.ComponentQuant[index], 0);
            c.Scanned = true;
            scan[i] = index;
            blocksPerMcu += c.H * c.V;
        }

        if (count > 1 && blocksPerMcu > 10)
        {
            ThrowHelper.ThrowFormat($"corrupt JPEG data: {blocksPerMcu} blocks per MCU (10 allowed)");
        }

        ReadOnlySpan<byte> tail = segment.Slice(1 + (2 * count), 3);
        if (tail[0] != 0 || tail[1] != 63 || tail[2] != 0)
        {
            ThrowHelper.ThrowFormat($"corrupt JPEG data: sequential scan with Ss={tail[0]} Se={tail[1]} Ah/Al=0x{tail[2]:X2}");
        }

        return count;
    }
}

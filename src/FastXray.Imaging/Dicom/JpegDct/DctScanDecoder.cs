using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Imaging.Dicom.JpegDct;

/// <summary>Decodes one scan's entropy-coded data (T.81 F.2) and inverse-transforms each block as it is read.</summary>
internal static class DctScanDecoder
{
    /// <summary>Zig-zag index to natural index, with 16 extra entries at 63 so a corrupt run past the end stays in the block (as jdhuff.c's table does).</summary>
    private static ReadOnlySpan<byte> NaturalOrder =>
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
        63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
    ];

    /// <summary>The zig-zag order without the overflow entries, for DQT.</summary>
    public static ReadOnlySpan<byte> ZigZagToNatural => NaturalOrder[..64];

    /// <summary>
    /// Decodes the scan of components <paramref name="scan"/> (indices into the frame's components, count 1..4) starting
    /// at <paramref name="position"/>; returns the offset of the marker after the scan.
    /// </summary>
    [SkipLocalsInit]
    public static int Decode(DctDecoderState state, ReadOnlySpan<byte> data, int position, ReadOnlySpan<int> scan, Span<ushort> destination)
    {
        var reader = new DctBitReader(data, position);
        Span<short> block = stackalloc short[64];
        Span<ushort> edge = stackalloc ushort[64];
        Span<int> predictors = stackalloc int[4];
        block.Clear();
        predictors.Clear();

        bool direct = state.Frame.Components == 1;
        int pass1Bits = state.Frame.Precision == 8 ? 2 : 1;
        ushort[] rangeLimit = state.Frame.Precision == 8 ? DctInverseTransform.RangeLimit8 : DctInverseTransform.RangeLimit12;
        int restartInterval = state.RestartInterval;
        int nextRestart = 0;

        int mcusX;
        int mcusY;
        if (scan.Length == 1)
        {
            ref DctComponent only = ref state.Components[scan[0]];
            mcusX = only.BlocksWide;
            mcusY = only.BlocksHigh;
        }
        else
        {
            mcusX = state.McusX;
            mcusY = state.McusY;
        }

        long mcu = 0;
        for (int my = 0; my < mcusY; my++)
        {
            // A scan that ran out of data would otherwise decode zeros to the end of a possibly huge frame before saying so.
            if (reader.Overran)
            {
                ThrowHelper.ThrowFormat("truncated JPEG data");
            }

            for (int mx = 0; mx < mcusX; mx++, mcu++)
            {
                if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0)
                {
                    ExpectRestart(ref reader, data, nextRestart);
                    nextRestart = (nextRestart + 1) & 7;
                    predictors.Clear();
                }

                for (int s = 0; s < scan.Length; s++)
                {
                    int ci = scan[s];
                    ref DctComponent c = ref state.Components[ci];
                    DctHuffmanTable dc = state.Dc[c.DcTable];
                    DctHuffmanTable ac = state.Ac[c.AcTable];
                    int[] quant = state.ComponentQuant[ci];
                    int h = scan.Length == 1 ? 1 : c.H;
                    int v = scan.Length == 1 ? 1 : c.V;
                    for (int by = 0; by < v; by++)
                    {
                        for (int bx = 0; bx < h; bx++)
                        {
                            bool hasAc = DecodeBlock(ref reader, dc, ac, ref predictors[s], block);
                            int x = ((mx * h) + bx) * 8;
                            int y = ((my * v) + by) * 8;
                            if (direct)
                            {
                                StoreClipped(block, hasAc, quant, pass1Bits, rangeLimit, destination, state.Frame.Width, state.Frame.Height, x, y, edge);
                            }
                            else
                            {
                                Span<ushort> plane = state.Planes[ci]!;
                                Store(block, hasAc, quant, pass1Bits, rangeLimit, ref plane[(y * c.PlaneStride) + x], c.PlaneStride);
                            }
                        }
                    }
                }
            }
        }

        if (reader.Overran)
        {
            ThrowHelper.ThrowFormat("truncated JPEG data");
        }

        if (reader.UnusedRealBits >= 8 || (!reader.AtMarker && reader.Position < data.Length && data[reader.Position] != 0xFF))
        {
            ThrowHelper.ThrowFormat("corrupt JPEG data: extra entropy-coded bytes after the last MCU of a scan");
        }

        return reader.Position;
    }

    private static void ExpectRestart(ref DctBitReader reader, ReadOnlySpan<byte> data, int expected)
    {
        if (reader.Overran)
        {
            ThrowHelper.ThrowFormat("truncated JPEG data");
        }

        if (reader.UnusedRealBits >= 8)
        {
            ThrowHelper.ThrowFormat("corrupt JPEG data: extra entropy-coded bytes before a restart marker");
        }

        int at = reader.Position;
        while (at + 1 < data.Length && data[at] == 0xFF && data[at + 1] == 0xFF)
        {
            at++; // fill bytes before the marker (T.81 B.1.1.2)
        }

        if (at + 1 >= data.Length)
        {
            ThrowHelper.ThrowFormat("truncated JPEG data");
        }

        if (data[at] != 0xFF || data[at + 1] != DctMarkers.Rst0 + expected)
        {
            ThrowHelper.ThrowFormat($"corrupt JPEG data: expected restart marker RST{expected} at offset {at}");
        }

        reader.Restart(at + 2);
    }

    /// <summary>Huffman-decodes one block's coefficients into <paramref name="block"/> (natural order); true when any AC coefficient is non-zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool DecodeBlock(ref DctBitReader reader, DctHuffmanTable dc, DctHuffmanTable ac, ref int predictor, scoped Span<short> block)
    {
        // The bit buffer lives in locals for the whole block (the reader struct is address-exposed, so its fields would
        // be loaded and stored around every symbol); it is handed back to the reader only for a refill or a long code.
        ulong buffer = reader.Buffer;
        int bits = reader.Bits;
        if (bits < 32)
        {
            reader.FillSlow();
            buffer = reader.Buffer;
            bits = reader.Bits;
        }

        int s;
        int entry = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(dc.Lookahead), (nint)(buffer >> (64 - DctHuffmanTable.LookaheadBits)));
        if (entry != 0)
        {
            buffer <<= entry >> 8;
            bits -= entry >> 8;
            s = entry & 0xFF;
        }
        else
        {
            reader.Set(buffer, bits);
            s = reader.DecodeLong(dc);
            buffer = reader.Buffer;
            bits = reader.Bits;
        }

        if (s != 0)
        {
            predictor += Extend((int)(buffer >> (64 - s)), s);
            buffer <<= s;
            bits -= s;
        }

        ref short b = ref block[0];
        b = (short)predictor; // libjpeg keeps the predictor as int and stores the coefficient as a 16-bit JCOEF
        bool hasAc = false;
        ref byte natural = ref Unsafe.AsRef(in NaturalOrder[0]);
        ref int fastAc = ref MemoryMarshal.GetArrayDataReference(ac.FastAc);
        ref ushort lookahead = ref MemoryMarshal.GetArrayDataReference(ac.Lookahead);
        for (int k = 1; k < 64; k++)
        {
            if (bits < 32)
            {
                reader.Set(buffer, bits);
                reader.FillSlow();
                buffer = reader.Buffer;
                bits = reader.Bits;
            }

            nint peek = (nint)(buffer >> (64 - DctHuffmanTable.LookaheadBits));
            int fast = Unsafe.Add(ref fastAc, peek);
            if (fast != 0)
            {
                buffer <<= fast & 0xFF;
                bits -= fast & 0xFF;
                k += (fast >> 8) & 0xFF;
                Unsafe.Add(ref b, Unsafe.Add(ref natural, k)) = (short)(fast >> 16);
                hasAc = true;
                continue;
            }

            int rs;
            entry = Unsafe.Add(ref lookahead, peek);
            if (entry != 0)
            {
                buffer <<= entry >> 8;
                bits -= entry >> 8;
                rs = entry & 0xFF;
            }
            else
            {
                reader.Set(buffer, bits);
                rs = reader.DecodeLong(ac);
                buffer = reader.Buffer;
                bits = reader.Bits;
            }

            int size = rs & 15;
            int run = rs >> 4;
            if (size != 0)
            {
                k += run;
                Unsafe.Add(ref b, Unsafe.Add(ref natural, k)) = (short)Extend((int)(buffer >> (64 - size)), size);
                buffer <<= size;
                bits -= size;
                hasAc = true;
            }
            else
            {
                if (run != 15)
                {
                    break;
                }

                k += 15;
            }
        }

        reader.Set(buffer, bits);
        return hasAc;
    }

    /// <summary>T.81's EXTEND: <paramref name="value"/> of <paramref name="size"/> bits with the top bit clear is negative, value - (2^size - 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Extend(int value, int size) => value - ((((value >> (size - 1)) & 1) - 1) & ((1 << size) - 1));

    /// <summary>Transforms a full block to <paramref name="output"/> and clears the coefficients for the next block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<short> block, bool hasAc, int[] quant, int pass1Bits, ushort[] rangeLimit, ref ushort output, int stride)
    {
        if (!hasAc)
        {
            ushort value = DctInverseTransform.DcOnly(block[0], quant[0], pass1Bits, rangeLimit);
            for (int r = 0; r < 8; r++)
            {
                MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, r * stride), 8).Fill(value);
            }

            block[0] = 0;
            return;
        }

        DctInverseTransform.Transform(block, quant, pass1Bits, rangeLimit, ref output, stride);
        block.Clear();
    }

    /// <summary>Transforms a block of a one-component frame straight into the destination, cutting it at the image's right and bottom edges.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreClipped(Span<short> block, bool hasAc, int[] quant, int pass1Bits, ushort[] rangeLimit, Span<ushort> destination, int width, int height, int x, int y, Span<ushort> edge)
    {
        int columns = Math.Min(8, width - x);
        int rows = Math.Min(8, height - y);
        if (columns == 8 && rows == 8)
        {
            Store(block, hasAc, quant, pass1Bits, rangeLimit, ref destination[(y * width) + x], width);
            return;
        }

        Store(block, hasAc, quant, pass1Bits, rangeLimit, ref edge[0], 8);
        for (int r = 0; r < rows; r++)
        {
            edge.Slice(r * 8, columns).CopyTo(destination.Slice(((y + r) * width) + x, columns));
        }
    }
}

using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Imaging.Dicom.JpegLossless;

/// <summary>
/// The entropy decoder's bit position: a 64-bit buffer holding <see cref="Count"/> bits, most significant first,
/// filled from <see cref="Position"/> with the FF00 stuffing removed as bytes enter the buffer.
/// </summary>
/// <remarks>
/// At a marker (FF followed by anything but 00) or at the end of the data the refill appends zero bytes and counts
/// them in <see cref="Pad"/> rather than failing in the inner loop: a valid scan never reads into them (its last
/// byte is padded with ones), so <c>Count &lt; Pad</c> after a row means the row used bits that are not there,
/// i.e. the data was truncated or a marker interrupted the scan. Checking once per row keeps the check off the
/// per-sample path; a row decoded from zeros is bounded by the width, so this cannot hang.
/// The row loops copy the fields into locals and write them back at the end of the row, so the JIT keeps them in
/// registers; the slow refill takes and returns the whole struct by value for the same reason.
/// </remarks>
internal struct LosslessBits
{
    public ulong Buffer;
    public int Count;
    public int Position;
    public int Pad;

    /// <summary>Tops the buffer up to at least 57 bits, a byte at a time (markers, stuffing, the end of the data).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static LosslessBits RefillSlow(ReadOnlySpan<byte> data, LosslessBits s)
    {
        while (s.Count <= 56)
        {
            int b = 0;
            if (s.Position < data.Length)
            {
                b = data[s.Position];
                if (b != 0xFF)
                {
                    s.Position++;
                }
                else if (s.Position + 1 < data.Length && data[s.Position + 1] == 0)
                {
                    s.Position += 2; // stuffed FF00 is one FF data byte (T.81 F.1.2.3)
                }
                else
                {
                    b = 0; // a marker, or FF as the last byte: stay here and pad
                    s.Pad += 8;
                }
            }
            else
            {
                s.Pad += 8;
            }

            s.Buffer |= (ulong)(uint)b << (56 - s.Count);
            s.Count += 8;
        }

        return s;
    }

    /// <summary>
    /// Refills when fewer than 32 bits remain (a code of up to 16 bits plus up to 15 extra bits): 8 bytes at once
    /// when none of them is FF, which is nearly always, otherwise the byte-wise <see cref="RefillSlow"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Refill(ReadOnlySpan<byte> data, ref ulong buffer, ref int count, ref int position, ref int pad)
    {
        if (count >= 32)
        {
            return;
        }

        if (position <= data.Length - 8)
        {
            ulong word = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(data), position)));
            ulong inverted = ~word;
            if (((inverted - 0x0101010101010101UL) & ~inverted & 0x8080808080808080UL) == 0)
            {
                // No FF byte among the 8 (no zero byte in the complement): take as many whole bytes as fit.
                int bytes = (64 - count) >> 3;
                buffer |= word >> (64 - 8 * bytes) << (64 - 8 * bytes - count);
                position += bytes;
                count += 8 * bytes;
                return;
            }
        }

        LosslessBits s = RefillSlow(data, new LosslessBits { Buffer = buffer, Count = count, Position = position, Pad = pad });
        buffer = s.Buffer;
        count = s.Count;
        position = s.Position;
        pad = s.Pad;
    }

    /// <summary>
    /// Decodes one difference (T.81 H.1.2.2: Huffman-coded SSSS, then SSSS extra bits; SSSS 16 means 32768 with
    /// none) from the lookahead entry form, without a data-dependent branch. Needs at least 32 bits in the buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Difference(LosslessHuffmanTable table, ref int lookahead, ref ulong buffer, ref int count)
    {
        int e = Unsafe.Add(ref lookahead, (int)(buffer >> (64 - LosslessHuffmanTable.LookaheadBits)));
        if (e == 0)
        {
            e = table.DecodeLong(buffer); // codes over 9 bits: rare (or the data is corrupt)
        }

        int total = e & 0xFF;
        int extra = (e >> 8) & 0x1F;
        int bits = (int)(buffer >> (64 - total)) & ((1 << extra) - 1);
        buffer <<= total;
        count -= total;
        return (e >> 16) + LosslessHuffmanTable.Extend(bits, extra);
    }
}

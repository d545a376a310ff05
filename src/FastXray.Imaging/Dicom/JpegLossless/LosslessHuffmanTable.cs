using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Imaging.Dicom.JpegLossless;

/// <summary>
/// One DHT table for lossless difference categories (T.81 C, F.2.2.3 procedure), decoded through a 9-bit lookahead.
/// </summary>
/// <remarks>
/// Every entry has one form, so the hot loop takes no data-dependent branch: bits 0-7 = bits to drop in total
/// (code plus extra bits), bits 8-12 = extra bits still to be read from the top of what is dropped, bits 16-31 =
/// a signed constant added to their EXTEND value. When the code and its SSSS extra bits fit in the 9 bits, the
/// entry holds the finished difference (no extra bits left); when only the code fits, the constant is 0 and the
/// extra bits are SSSS; SSSS 16 is the constant -32768 (= 32768 modulo 2^16) with no extra bits. 0 marks a code
/// longer than 9 bits or a prefix that is no code; <see cref="DecodeLong"/> returns the same form for those.
/// Resolving the difference in the table matters for radiographs' small differences; the uniform form matters
/// for noisy 16-bit data, where "fits in 9 bits" is a coin toss per sample and a branch on it mispredicts.
/// Arrays are allocated once per thread-cached table and rebuilt in place, so decoding allocates nothing after warm-up.
/// </remarks>
internal sealed class LosslessHuffmanTable
{
    public const int LookaheadBits = 9;

    /// <summary>The 2^9 lookahead entries described in the remarks.</summary>
    public readonly int[] Lookahead = new int[1 << LookaheadBits];

    // Canonical decoding for codes of 10-16 bits (T.81 F.2.2.3): the largest code of each length (-1 when none),
    // and the offset from a code to its symbol's index in _values.
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valueOffset = new int[17];
    private readonly byte[] _values = new byte[256];

    public bool Defined { get; private set; }

    public void Clear() => Defined = false;

    /// <summary>Builds the table from a DHT entry: 16 code counts, then the symbols; returns the bytes consumed.</summary>
    public int Build(ReadOnlySpan<byte> segment, int id)
    {
        if (segment.Length < 16)
        {
            ThrowHelper.ThrowFormat("truncated JPEG lossless data: DHT segment ends inside a table's code counts");
        }

        int total = 0;
        for (int i = 0; i < 16; i++)
        {
            total += segment[i];
        }

        if (total > 256 || segment.Length < 16 + total)
        {
            ThrowHelper.ThrowFormat($"JPEG Huffman table {id} declares {total} codes but its DHT segment holds {segment.Length - 16} symbol bytes");
        }

        segment.Slice(16, total).CopyTo(_values);
        Array.Clear(Lookahead);
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++)
        {
            int n = segment[length - 1];
            _valueOffset[length] = k - code;
            for (int j = 0; j < n; j++, k++, code++)
            {
                // A code that no longer fits its length means the counts over-subscribe the code space (Kraft
                // sum > 1). T.81 C reserves the all-ones codes, but libjpeg-derived decoders accept tables using
                // one and decoding them is unambiguous, so only over-subscription is refused.
                if (code >= 1 << length)
                {
                    ThrowHelper.ThrowFormat($"JPEG Huffman table {id} is over-subscribed (more codes than {length}-bit space)");
                }

                if (length <= LookaheadBits)
                {
                    FillLookahead(code, length, _values[k]);
                }
            }

            _maxCode[length] = n == 0 ? -1 : code - 1;
            code <<= 1;
        }

        _maxCode[17] = int.MaxValue; // sentinel: DecodeLong stops at 16 bits
        Defined = true;
        return 16 + total;
    }

    private void FillLookahead(int code, int length, byte category)
    {
        int shift = LookaheadBits - length;
        int first = code << shift;
        for (int rest = 0; rest < 1 << shift; rest++)
        {
            int entry;
            if (category > 16)
            {
                entry = 0; // not a difference category: DecodeLong reports it
            }
            else if (category is 0 or 16)
            {
                entry = Entry(category == 16 ? -32768 : 0, 0, length);
            }
            else if (length + category <= LookaheadBits)
            {
                entry = Entry(Extend((rest >> (shift - category)) & ((1 << category) - 1), category), 0, length + category);
            }
            else
            {
                entry = Entry(0, category, length + category);
            }

            Lookahead[first + rest] = entry;
        }
    }

    private static int Entry(int constant, int extraBits, int totalBits) => (constant << 16) | (extraBits << 8) | totalBits;

    /// <summary>The difference for SSSS extra bits <paramref name="bits"/> (T.81 F.2.2.1 EXTEND), branch-free; 0 for category 0 (the shift count -1 wraps to 31 and the mask is 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Extend(int bits, int category) =>
        bits + (((bits >> (category - 1)) - 1) & ((-1 << category) + 1));

    /// <summary>
    /// For a lookahead entry of 0: decodes the code at the top of <paramref name="bits"/> by the canonical
    /// search (T.81 F.2.2.3) and returns its entry in the lookahead form.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int DecodeLong(ulong bits)
    {
        ref int maxCode = ref MemoryMarshal.GetArrayDataReference(_maxCode);
        for (int length = 1; length <= 16; length++)
        {
            int code = (int)(bits >> (64 - length));
            if (code <= Unsafe.Add(ref maxCode, length))
            {
                int category = _values[(code + _valueOffset[length]) & 0xFF];
                return category switch
                {
                    > 16 => ThrowHelper.ThrowFormat<int>($"invalid Huffman code: symbol {category} is not a lossless difference category (0-16)"),
                    0 => Entry(0, 0, length),
                    16 => Entry(-32768, 0, length),
                    _ => Entry(0, category, length + category),
                };
            }
        }

        return ThrowHelper.ThrowFormat<int>("invalid Huffman code");
    }
}

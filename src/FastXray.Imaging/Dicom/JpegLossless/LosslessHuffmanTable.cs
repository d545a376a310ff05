using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Imaging.Dicom.JpegLossless;

/// <summary>
/// One DHT table for lossless difference categories (T.81 C, F.2.2.3 procedure), decoded through a 9-bit lookahead.
/// </summary>
/// <remarks>
/// A lookahead entry packs what the next 9 bits of the stream decide: when the code and its SSSS extra bits both fit
/// in 9 bits, the difference itself (bits 16-31, signed), the bits to drop (bits 0-7) and <see cref="Resolved"/>;
/// when only the code fits, its length (bits 0-7), SSSS (bits 16-20) and <see cref="CodeOnly"/>; 0 when the code is
/// longer than 9 bits or the prefix is no code at all (then <see cref="DecodeLong"/> decides). Resolving the extra
/// bits in the table matters for radiographs, whose differences are mostly a few bits: one load per sample.
/// Arrays are allocated once per thread-cached table and rebuilt in place, so decoding allocates nothing after warm-up.
/// </remarks>
internal sealed class LosslessHuffmanTable
{
    public const int LookaheadBits = 9;
    public const int Resolved = 0x100;
    public const int CodeOnly = 0x200;

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
            else if (category == 0 || category == 16 || length + category <= LookaheadBits)
            {
                int diff = category switch
                {
                    0 => 0,
                    16 => 32768, // T.81 H.1.2.2: SSSS 16 has no extra bits
                    _ => Extend(rest >> (shift - category), category),
                };
                int used = category is 0 or 16 ? length : length + category;
                entry = (diff << 16) | Resolved | used;
            }
            else
            {
                entry = (category << 16) | CodeOnly | length;
            }

            Lookahead[first + rest] = entry;
        }
    }

    /// <summary>The difference for SSSS extra bits <paramref name="bits"/> (T.81 F.2.2.1 EXTEND), branch-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Extend(int bits, int category) =>
        bits + (((bits >> (category - 1)) - 1) & ((-1 << category) + 1));

    /// <summary>
    /// For a lookahead entry of 0: decodes the code at the top of <paramref name="bits"/> by the canonical
    /// 10-16-bit search and returns it in the <see cref="CodeOnly"/> form (SSSS in bits 16-20, length in bits 0-7).
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
                if (category > 16)
                {
                    ThrowHelper.ThrowFormat($"invalid Huffman code: symbol {category} is not a lossless difference category (0-16)");
                }

                return (category << 16) | CodeOnly | length;
            }
        }

        return ThrowHelper.ThrowFormat<int>("invalid Huffman code");
    }
}

namespace FastXray.Imaging.Dicom.JpegDct;

/// <summary>
/// One Huffman decoding table (T.81 Annex C / F.2.2.3): a 9-bit lookahead table resolves the common short codes in one
/// load; longer codes fall back to the canonical max-code search of libjpeg's jdhuff.c (at most 7 more comparisons).
/// </summary>
internal sealed class DctHuffmanTable
{
    /// <summary>Bits resolved by the lookahead table.</summary>
    public const int LookaheadBits = 9;

    /// <summary>Lookahead entry: code length in bits 8..11, symbol in bits 0..7; 0 when the code is longer than 9 bits.</summary>
    public readonly ushort[] Lookahead = new ushort[1 << LookaheadBits];

    /// <summary>Largest code of each length 1..16 (right-aligned), -1 where no code has that length.</summary>
    public readonly int[] MaxCode = new int[17];

    /// <summary>Value index minus first code, per length.</summary>
    public readonly int[] ValueOffset = new int[17];

    public readonly byte[] Values = new byte[256];

    /// <summary>
    /// For AC tables: the whole coefficient in one lookup when code and extra bits fit in 9 bits (most of them):
    /// value in bits 16..31 (signed), run in bits 8..15, code plus extra bit count in bits 0..7; 0 when not resolvable.
    /// </summary>
    public readonly int[] FastAc = new int[1 << LookaheadBits];

    public bool Defined;

    /// <summary>Builds the table from a DHT segment's 16 counts and the symbols after them; returns the bytes consumed.</summary>
    public int Build(ReadOnlySpan<byte> segment, bool isDc)
    {
        if (segment.Length < 16)
        {
            ThrowHelper.ThrowFormat("corrupt JPEG data: DHT segment too short");
        }

        int total = 0;
        for (int i = 0; i < 16; i++)
        {
            total += segment[i];
        }

        if (total > 256 || segment.Length < 16 + total)
        {
            ThrowHelper.ThrowFormat("corrupt JPEG data: DHT segment lists more symbols than it holds");
        }

        ReadOnlySpan<byte> values = segment.Slice(16, total);
        values.CopyTo(Values);
        if (isDc)
        {
            foreach (byte v in values)
            {
                // A DC category above 15 would ask for a difference wider than any 12-bit DCT can produce (libjpeg refuses too).
                if (v > 15)
                {
                    ThrowHelper.ThrowFormat("corrupt JPEG data: DC Huffman symbol above 15");
                }
            }
        }

        Array.Clear(Lookahead);
        uint code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++)
        {
            int count = segment[length - 1];
            ValueOffset[length] = k - (int)code;
            if (count > 0)
            {
                for (int i = 0; i < count; i++, k++, code++)
                {
                    // A code that no longer fits its length means the counts over-subscribe the code space (jdhuff.c's JERR_BAD_HUFF_TABLE).
                    if (code >= (1u << length))
                    {
                        ThrowHelper.ThrowFormat("corrupt JPEG data: Huffman table over-subscribes its code space");
                    }

                    if (length <= LookaheadBits)
                    {
                        int shift = LookaheadBits - length;
                        int first = (int)(code << shift);
                        ushort entry = (ushort)((length << 8) | Values[k]);
                        Lookahead.AsSpan(first, 1 << shift).Fill(entry);
                    }
                }

                MaxCode[length] = (int)code - 1;
            }
            else
            {
                MaxCode[length] = -1;
            }

            code <<= 1;
        }

        BuildFastAc();
        Defined = true;
        return 16 + total;
    }

    private void BuildFastAc()
    {
        for (int peek = 0; peek < FastAc.Length; peek++)
        {
            int entry = Lookahead[peek];
            FastAc[peek] = 0;
            if (entry == 0)
            {
                continue;
            }

            int length = entry >> 8;
            int symbol = entry & 0xFF;
            int run = symbol >> 4;
            int size = symbol & 15;
            if (size == 0 || length + size > LookaheadBits)
            {
                continue; // EOB/ZRL and long values take the symbol path
            }

            int bits = (peek >> (LookaheadBits - length - size)) & ((1 << size) - 1);
            int value = bits < (1 << (size - 1)) ? bits - ((1 << size) - 1) : bits;
            FastAc[peek] = (value << 16) | (run << 8) | (length + size);
        }
    }
}

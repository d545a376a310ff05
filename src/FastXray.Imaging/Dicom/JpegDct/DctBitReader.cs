using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace FastXray.Imaging.Dicom.JpegDct;

/// <summary>
/// Entropy-coded segment reader: a 64-bit MSB-first buffer refilled a byte at a time with the FF00 stuffing removed.
/// At a marker it feeds zero bits (as libjpeg does) and counts them, so a scan that needs more bits than its segment
/// holds is reported once the MCU is done instead of being checked per symbol. Running off the end of the data
/// (no marker at all) is truncation and throws at once: every complete codestream ends in EOI.
/// </summary>
internal ref struct DctBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private ulong _buffer;
    private int _bits;
    private int _zeroBits;

    public DctBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        _position = position;
    }

    /// <summary>Offset of the next byte not yet loaded; at a marker once <see cref="AtMarker"/>.</summary>
    public readonly int Position => _position;

    /// <summary>True once a marker stopped the refill.</summary>
    public readonly bool AtMarker => _zeroBits > 0;

    /// <summary>True when decoding consumed bits that were not in the segment (they were zeros fed at a marker).</summary>
    public readonly bool Overran => _zeroBits > _bits;

    /// <summary>Real (not zero-fed) bits loaded but not consumed.</summary>
    public readonly int UnusedRealBits => Math.Max(0, _bits - _zeroBits);

    /// <summary>The bit buffer (MSB first) and its valid bit count, for a hot loop that keeps them in registers and hands them back with <see cref="Set"/>.</summary>
    public readonly ulong Buffer => _buffer;

    public readonly int Bits => _bits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(ulong buffer, int bits)
    {
        _buffer = buffer;
        _bits = bits;
    }

    /// <summary>Makes at least 32 bits available, so one Huffman code (16) and its extra bits (16) need no further check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Fill()
    {
        if (_bits < 32)
        {
            FillSlow();
        }
    }

    /// <summary>Tops the buffer up to 57..64 bits: 8 bytes at once when none of them is 0xFF (nearly always), else byte by byte.</summary>
    public void FillSlow()
    {
        ReadOnlySpan<byte> data = _data;
        int position = _position;
        if (_zeroBits == 0 && position <= data.Length - 8)
        {
            ulong word = BinaryPrimitives.ReadUInt64BigEndian(data[position..]);
            ulong inverted = ~word;
            if (((inverted - 0x0101010101010101UL) & ~inverted & 0x8080808080808080UL) == 0)
            {
                int count = (63 - _bits) >> 3; // whole bytes that fit, at most 7
                _buffer |= (word & ~(ulong.MaxValue >> (count * 8))) >> _bits;
                _bits += count * 8;
                position += count;
            }
        }

        while (_bits <= 56)
        {
            if (_zeroBits > 0)
            {
                _zeroBits += 8;
                _bits += 8;
                continue;
            }

            if ((uint)position >= (uint)data.Length)
            {
                ThrowHelper.ThrowFormat("truncated JPEG data");
            }

            uint b = data[position];
            if (b == 0xFF)
            {
                if ((uint)(position + 1) >= (uint)data.Length)
                {
                    ThrowHelper.ThrowFormat("truncated JPEG data");
                }

                if (data[position + 1] != 0)
                {
                    // A marker (RSTn, EOI, or a DNL/DHT between scans): the segment ends here; pad with zeros.
                    _zeroBits = 8;
                    _bits += 8;
                    continue;
                }

                position += 2;
            }
            else
            {
                position++;
            }

            _buffer |= (ulong)b << (56 - _bits);
            _bits += 8;
        }

        _position = position;
    }

    /// <summary>The next 16 bits, MSB first, without consuming them (needs <see cref="Fill"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Peek16() => (int)(_buffer >> 48);

    /// <summary>The next 9 bits without consuming them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Peek9() => (int)(_buffer >> (64 - DctHuffmanTable.LookaheadBits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int count)
    {
        _buffer <<= count;
        _bits -= count;
    }

    /// <summary>Reads <paramref name="count"/> (1..16) bits as T.81's EXTEND: a signed value of that magnitude category.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReceiveExtend(int count)
    {
        int value = (int)(_buffer >> (64 - count));
        _buffer <<= count;
        _bits -= count;
        // Values with the top bit clear are negative: v - (2^count - 1).
        return value - ((((value >> (count - 1)) & 1) - 1) & ((1 << count) - 1));
    }

    /// <summary>Decodes one Huffman symbol (needs <see cref="Fill"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeSymbol(DctHuffmanTable table)
    {
        int entry = table.Lookahead[Peek9()];
        if (entry != 0)
        {
            Skip(entry >> 8);
            return entry & 0xFF;
        }

        return DecodeLong(table);
    }

    public int DecodeLong(DctHuffmanTable table)
    {
        int peek = Peek16();
        for (int length = DctHuffmanTable.LookaheadBits + 1; length <= 16; length++)
        {
            int code = peek >> (16 - length);
            if (code <= table.MaxCode[length])
            {
                Skip(length);
                return table.Values[(code + table.ValueOffset[length]) & 0xFF];
            }
        }

        return ThrowHelper.ThrowFormat<int>("corrupt JPEG data: invalid Huffman code");
    }

    /// <summary>Drops the buffered bits and the marker state, continuing at <paramref name="position"/> (after an RSTn).</summary>
    public void Restart(int position)
    {
        _position = position;
        _buffer = 0;
        _bits = 0;
        _zeroBits = 0;
    }
}

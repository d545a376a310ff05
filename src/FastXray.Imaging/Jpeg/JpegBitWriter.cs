using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FastXray.Imaging.Jpeg;

/// <summary>Entropy-coded segment writer: bits MSB-first through a 64-bit accumulator, 0xFF stuffed with 0x00.</summary>
/// <remarks>
/// Bytes go to a caller-owned buffer that is handed to the stream whenever fewer than <see cref="BlockReserve"/>
/// bytes remain, so one block can never overrun it and nothing is allocated per block. A put adds at most 27 bits
/// (16-bit code + 11-bit value) and the accumulator is drained to below 32 bits after each put, so 64 bits suffice.
/// </remarks>
internal ref struct JpegBitWriter
{
    /// <summary>Worst case of one block: 64 puts of 27 bits, every byte stuffed, plus the drained bits; rounded up.</summary>
    public const int BlockReserve = 512;

    private readonly Stream _stream;
    private readonly Span<byte> _buffer;
    private int _position;
    private ulong _accumulator;
    private int _bits;

    public JpegBitWriter(Stream stream, Span<byte> buffer)
    {
        Debug.Assert(buffer.Length >= 4 * BlockReserve);
        _stream = stream;
        _buffer = buffer;
    }

    /// <summary>Appends marker bytes (no stuffing). Only between entropy-coded segments.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        Debug.Assert(_bits == 0);
        if (_position + bytes.Length > _buffer.Length)
        {
            FlushToStream();
        }

        if (bytes.Length > _buffer.Length)
        {
            _stream.Write(bytes);
            return;
        }

        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    /// <summary>Makes room for one more block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureBlockRoom()
    {
        if (_position > _buffer.Length - BlockReserve)
        {
            FlushToStream();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put(uint value, int size)
    {
        _accumulator = (_accumulator << size) | value;
        _bits += size;
        if (_bits >= 32)
        {
            Drain32();
        }
    }

    /// <summary>Pads the last byte with 1 bits (as libjpeg does) and emits it; the segment ends on a byte boundary.</summary>
    public void FinishSegment()
    {
        Put(0x7F, 7);
        while (_bits >= 8)
        {
            EmitByte((byte)(_accumulator >> (_bits - 8)));
            _bits -= 8;
        }

        _bits = 0;
        _accumulator = 0;
    }

    public void FlushToStream()
    {
        _stream.Write(_buffer[.._position]);
        _position = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Drain32()
    {
        uint word = (uint)(_accumulator >> (_bits - 32));
        _bits -= 32;

        // No byte is 0xFF (the common case): store all four at once.
        if (!HasFF(word))
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], word);
            _position += 4;
            return;
        }

        EmitByte((byte)(word >> 24));
        EmitByte((byte)(word >> 16));
        EmitByte((byte)(word >> 8));
        EmitByte((byte)word);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasFF(uint word)
    {
        // A byte of ~word is zero exactly where word has 0xFF; the classic has-zero-byte test on ~word.
        uint n = ~word;
        return ((n - 0x01010101u) & ~n & 0x80808080u) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EmitByte(byte b)
    {
        _buffer[_position++] = b;
        if (b == 0xFF)
        {
            _buffer[_position++] = 0;
        }
    }
}

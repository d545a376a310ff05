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

    /// <summary>
    /// The hot loop copies the state into locals (<see cref="Begin"/>), puts through <see cref="Put(ref State, uint, int)"/>
    /// and stores it back (<see cref="End"/>): fields reached through a <c>ref</c> to this struct would be loaded and
    /// stored on every put, while locals stay in registers.
    /// </summary>
    public ref struct State
    {
        public Span<byte> Buffer;
        public int Position;
        public ulong Accumulator;
        public int Bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly State Begin() => new() { Buffer = _buffer, Position = _position, Accumulator = _accumulator, Bits = _bits };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void End(in State state)
    {
        _position = state.Position;
        _accumulator = state.Accumulator;
        _bits = state.Bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Put(ref State s, uint value, int size)
    {
        s.Accumulator = (s.Accumulator << size) | value;
        s.Bits += size;
        if (s.Bits >= 32)
        {
            s.Bits -= 32;
            uint word = (uint)(s.Accumulator >> s.Bits);
            if (!HasFF(word))
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(s.Buffer[s.Position..], word);
                s.Position += 4;
            }
            else
            {
                s.Position = EmitStuffed(s.Buffer, s.Position, word);
            }
        }
    }

    private static int EmitStuffed(Span<byte> buffer, int position, uint word)
    {
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            byte b = (byte)(word >> shift);
            buffer[position++] = b;
            if (b == 0xFF)
            {
                buffer[position++] = 0;
            }
        }

        return position;
    }

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

    /// <summary>Pads the last byte with 1 bits (as libjpeg does) and emits it; the segment ends on a byte boundary.</summary>
    public void FinishSegment()
    {
        State state = Begin();
        Put(ref state, 0x7F, 7);
        while (state.Bits >= 8)
        {
            state.Bits -= 8;
            byte b = (byte)(state.Accumulator >> state.Bits);
            state.Buffer[state.Position++] = b;
            if (b == 0xFF)
            {
                state.Buffer[state.Position++] = 0;
            }
        }

        // Bits left over are the padding's surplus 1s, which libjpeg discards too.
        state.Bits = 0;
        state.Accumulator = 0;
        End(state);
    }

    public void FlushToStream()
    {
        _stream.Write(_buffer[.._position]);
        _position = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasFF(uint word)
    {
        // A byte of ~word is zero exactly where word has 0xFF; the classic has-zero-byte test on ~word.
        uint n = ~word;
        return ((n - 0x01010101u) & ~n & 0x80808080u) != 0;
    }
}

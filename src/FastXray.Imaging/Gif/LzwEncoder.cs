using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Imaging.Gif;

/// <summary>GIF's variable-width LZW compressor, writing the image-data sub-blocks of one frame.</summary>
/// <remarks>
/// The string table is an open-addressing hash of (prefix code, next index) -> code: one <c>uint</c> per
/// slot holding <c>key &lt;&lt; 12 | code</c> with <c>key = prefix &lt;&lt; 8 | index</c> (20 bits), 0 = empty (codes
/// in the table are never 0). 8192 slots for at most 4096 codes keeps probes short. Code width starts at
/// <c>minCodeSize + 1</c> and grows once the code just added equals <c>1 &lt;&lt; width</c>; this is the point
/// where a decoder, which builds its table one code behind, widens too (and the end code after the last
/// string is written at the width the decoder will have then). When code 4095 has been assigned the
/// next miss emits a clear code and starts over (no deferred clear), which every decoder understands.
/// Codes are packed LSB first into a raw buffer that is cut into 255-byte sub-blocks in batches.
/// Buffers are rented once per instance; encoding allocates nothing.
/// </remarks>
internal sealed class LzwEncoder : IDisposable
{
    private const int MaxCodes = 4096;
    private const int HashBits = 13;
    private const int HashMask = (1 << HashBits) - 1;
    private const int BlocksPerFlush = 32;
    private const int RawCapacity = 255 * BlocksPerFlush;

    // The loop stores 4 bytes at a time and the ending adds at most 8 more: flush with 16 bytes of room left.
    private const int FlushAt = RawCapacity - 16;

    private uint[]? _table = ArrayPool<uint>.Shared.Rent(1 << HashBits);
    private byte[]? _raw = ArrayPool<byte>.Shared.Rent(RawCapacity);
    private byte[]? _blocks = ArrayPool<byte>.Shared.Rent(256 * BlocksPerFlush);

    /// <summary>Writes the LZW minimum code size byte, the sub-blocks of <paramref name="indices"/> and the block terminator.</summary>
    public void Encode(ReadOnlySpan<byte> indices, int minCodeSize, Stream stream)
    {
        ObjectDisposedException.ThrowIf(_table is null || _raw is null || _blocks is null, this);
        Debug.Assert(minCodeSize is >= 2 and <= 8);
        Debug.Assert(indices.Length > 0);
        uint[] table = _table;
        byte[] raw = _raw;
        stream.WriteByte((byte)minCodeSize);

        int clear = 1 << minCodeSize;
        int endOfInformation = clear + 1;
        int width = minCodeSize + 1;
        int next = endOfInformation + 1;
        Array.Clear(table, 0, 1 << HashBits);

        // The hot loop indexes through refs: slots are masked to the table size and the raw buffer is flushed
        // before it can overflow, which the JIT cannot prove on its own.
        ref uint slots = ref MemoryMarshal.GetArrayDataReference(table);
        ref byte output = ref MemoryMarshal.GetArrayDataReference(raw);
        ref byte input = ref MemoryMarshal.GetReference(indices);
        ulong bits = (ulong)clear;
        int bitCount = width;
        int rawLength = 0;

        int prefix = input;
        for (int i = 1; i < indices.Length; i++)
        {
            int index = Unsafe.Add(ref input, i);
            uint key = ((uint)prefix << 8) | (uint)index;
            int slot = Hash(key);
            while (true)
            {
                uint entry = Unsafe.Add(ref slots, slot);
                if (entry == 0)
                {
                    break;
                }

                if (entry >> 12 == key)
                {
                    prefix = (int)(entry & 0xFFF);
                    goto Matched;
                }

                slot = (slot + 1) & HashMask;
            }

            // Miss: the longest known string ends here.
            bits |= (ulong)(uint)prefix << bitCount;
            bitCount += width;
            if (next < MaxCodes)
            {
                Unsafe.Add(ref slots, slot) = (key << 12) | (uint)next;
                if (next == 1 << width)
                {
                    width++;
                }

                next++;
            }
            else
            {
                bits |= (ulong)(uint)clear << bitCount;
                bitCount += width;
                Array.Clear(table, 0, 1 << HashBits);
                width = minCodeSize + 1;
                next = endOfInformation + 1;
            }

            // At most 7 + 2 * 12 bits are pending here; drain whole bytes, 4 at a time when there are enough.
            if (bitCount >= 32)
            {
                uint low = (uint)bits;
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, rawLength), BitConverter.IsLittleEndian ? low : BinaryPrimitives.ReverseEndianness(low));
                rawLength += 4;
                bits >>= 32;
                bitCount -= 32;
            }

            if (rawLength >= FlushAt)
            {
                FlushBlocks(stream, ref rawLength);
            }

            prefix = index;
        Matched:;
        }

        Put(prefix, width, ref bits, ref bitCount, raw, ref rawLength);

        // A decoder reading that last code adds the entry we never add (we stop), and widens if its table
        // size then reaches 1 << width: the end code must be written at the width it will read.
        if (next == 1 << width && width < 12)
        {
            width++;
        }

        Put(endOfInformation, width, ref bits, ref bitCount, raw, ref rawLength);
        if (bitCount > 0)
        {
            raw[rawLength++] = (byte)bits;
        }

        FlushBlocks(stream, ref rawLength);
        Span<byte> tail = stackalloc byte[257];
        int n = 0;
        if (rawLength > 0)
        {
            tail[n++] = (byte)rawLength;
            raw.AsSpan(0, rawLength).CopyTo(tail[n..]);
            n += rawLength;
        }

        tail[n++] = 0;
        stream.Write(tail[..n]);
    }

    public void Dispose()
    {
        if (_table is not null)
        {
            ArrayPool<uint>.Shared.Return(_table);
            _table = null;
        }

        if (_raw is not null)
        {
            ArrayPool<byte>.Shared.Return(_raw);
            _raw = null;
        }

        if (_blocks is not null)
        {
            ArrayPool<byte>.Shared.Return(_blocks);
            _blocks = null;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint key) => (int)((key * 0x9E3779B1u) >> (32 - HashBits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(int code, int width, ref ulong bits, ref int bitCount, byte[] raw, ref int rawLength)
    {
        bits |= (ulong)(uint)code << bitCount;
        bitCount += width;
        while (bitCount >= 8)
        {
            raw[rawLength++] = (byte)bits;
            bits >>= 8;
            bitCount -= 8;
        }
    }

    /// <summary>Writes every complete 255-byte block held in the raw buffer and moves the remainder to its start.</summary>
    private void FlushBlocks(Stream stream, ref int rawLength)
    {
        byte[] raw = _raw!;
        byte[] blocks = _blocks!;
        int full = rawLength / 255;
        int o = 0;
        for (int b = 0; b < full; b++)
        {
            blocks[o++] = 255;
            Buffer.BlockCopy(raw, b * 255, blocks, o, 255);
            o += 255;
        }

        stream.Write(blocks, 0, o);
        int rest = rawLength - (full * 255);
        Buffer.BlockCopy(raw, full * 255, raw, 0, rest);
        rawLength = rest;
    }
}

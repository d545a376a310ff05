using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastXray.Imaging.Dicom.JpegLs;

/// <summary>
/// MSB-first reader of JPEG-LS scan data (T.87 A.1): after a 0xFF byte the encoder inserts one 0 bit, so the next
/// byte carries 7 data bits; 0xFF followed by a byte with its top bit set is a marker and ends the scan data.
/// </summary>
/// <remarks>
/// Bits sit left-aligned in a 64-bit cache. While no 0xFF lies within the next 8 bytes, a refill is one unaligned
/// big-endian load (the common case); otherwise bytes are taken one at a time. The byte after 0xFF is simply ORed in
/// one bit earlier: its top bit is the stuffed 0 and lands on the last 1 of the 0xFF, which is how the stuffed bit is
/// dropped without a shift. Past the end of the data the cache yields zeros and <see cref="Bits"/> goes negative:
/// the callers test for that once per line, or when a code cannot complete, and report the data as truncated.
/// </remarks>
internal unsafe struct JpegLsBitReader
{
    private byte* _next;   // next byte to load
    private byte* _end;    // end of the input
    private byte* _nextFF; // first 0xFF at or after _next (or _end): the fast refill stays below it
    private ulong _cache;
    private int _bits;

    /// <summary>Valid bits in <see cref="Cache"/>; negative once more bits were consumed than the data holds.</summary>
    public readonly int Bits => _bits;

    /// <summary>The next bits, MSB first.</summary>
    public readonly ulong Cache => _cache;

    /// <summary>The first byte not yet loaded into the cache; never past a marker.</summary>
    public readonly byte* Next => _next;

    /// <summary>Starts reading scan data at <paramref name="start"/>; <paramref name="end"/> is the end of the input.</summary>
    public void Start(byte* start, byte* end)
    {
        _next = start;
        _end = end;
        _cache = 0;
        _bits = 0;
        _nextFF = FindFF(start, end);
    }

    /// <summary>Tops the cache up to at least 57 bits unless the scan data ends first. Requires <see cref="Bits"/> &lt;= 56.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Fill()
    {
        if (_next + 8 <= _nextFF && _bits >= 0)
        {
            // The bytes past the last whole one taken are ORed in partially too; the next refill ORs the same bits
            // at the same place, so they do no harm.
            _cache |= BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(_next)) >> _bits;
            int taken = (64 - _bits) >> 3;
            _next += taken;
            _bits += taken << 3;
            return;
        }

        FillSlow();
    }

    /// <summary>Drops <paramref name="count"/> (0-63) bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int count)
    {
        _cache <<= count;
        _bits -= count;
    }

    /// <summary>One bit; throws "truncated" when the data has ended.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBit()
    {
        if (_bits <= 0)
        {
            FillOrThrow(1);
        }

        int bit = (int)(_cache >> 63);
        _cache <<= 1;
        _bits--;
        return bit;
    }

    /// <summary><paramref name="count"/> (1-32) bits as an unsigned number; throws "truncated" when the data has ended.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBits(int count)
    {
        if (_bits < count)
        {
            FillOrThrow(count);
        }

        int value = (int)(_cache >> (64 - count));
        _cache <<= count;
        _bits -= count;
        return value;
    }

    /// <summary>Refills (when there is room) and throws "truncated" unless at least <paramref name="count"/> bits are then present.</summary>
    public void FillOrThrow(int count)
    {
        if (_bits >= 0 && _bits <= 56)
        {
            Fill();
        }

        if (_bits < count)
        {
            JpegLsErrors.ThrowTruncated();
        }
    }

    /// <summary>Hands the state to a loop that keeps it in registers (<see cref="Import"/> takes it back).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Export(out ulong cache, out int bits, out byte* next, out byte* nextFF)
    {
        cache = _cache;
        bits = _bits;
        next = _next;
        nextFF = _nextFF;
    }

    /// <summary>Takes back the state a register loop advanced (see <see cref="Export"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Import(ulong cache, int bits, byte* next, byte* nextFF)
    {
        _cache = cache;
        _bits = bits;
        _next = next;
        _nextFF = nextFF;
    }

    /// <summary>The byte-at-a-time refill, for when a 0xFF (stuffing or a marker) or the end is within 8 bytes.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void FillSlow()
    {
        while (_bits <= 56)
        {
            if (_next >= _end || _bits < 0)
            {
                return;
            }

            uint value = *_next;
            if (value == 0xFF && (_next + 1 >= _end || _next[1] >= 0x80))
            {
                return; // a marker: the scan data (or restart interval) ends here
            }

            _cache |= (ulong)value << (56 - _bits);
            _next++;
            _bits += value == 0xFF ? 7 : 8;
        }

        _nextFF = FindFF(_next, _end);
    }

    private static byte* FindFF(byte* from, byte* end)
    {
        int at = new ReadOnlySpan<byte>(from, (int)(end - from)).IndexOf((byte)0xFF);
        return at < 0 ? end : from + at;
    }

    /// <summary>Leading zero bits of the cache (64 when it is all zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int LeadingZeros() => BitOperations.LeadingZeroCount(_cache);
}

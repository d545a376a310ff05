namespace FastXray.Imaging.Tiff;

/// <summary>Compression 5, LZW as TIFF 6.0 section 13 and libtiff write it: MSB-first codes, "early change".</summary>
/// <remarks>
/// <para>Codes start 9 bits wide; 256 clears the table, 257 ends the chunk, new strings are numbered from 258.
/// The width grows one code early (the TIFF quirk libtiff calls Aldus compatibility): as soon as the next
/// free code reaches 2^width − 1, at most 12 bits. A full table (4096 entries) stops growing until a clear.
/// Data that ends without an end code ends the chunk (as libtiff); the caller then sees a short row.</para>
/// <para>The table stores each code as (prefix code, last byte, first byte, length); a string is written back
/// to front by walking prefixes. A string longer than the room left in the row goes to a 4 KB pending buffer
/// and the rest is handed out by the next <see cref="Read"/>. A code above the next free one, or a non-literal
/// straight after a clear, is corrupt data. Old-style (pre-6.0, LSB-first) LZW is refused in one line.</para>
/// </remarks>
internal sealed unsafe class TiffLzwDecoder : TiffChunkCodec
{
    public const int MaxCodes = 4096;
    private const int Clear = 256;
    private const int EndOfInformation = 257;
    private const int FirstFree = 258;

    private readonly ushort[] _prefix = new ushort[MaxCodes];
    private readonly byte[] _suffix = new byte[MaxCodes];
    private readonly byte[] _first = new byte[MaxCodes];
    private readonly ushort[] _length = new ushort[MaxCodes];
    private readonly byte[] _pending = new byte[MaxCodes];

    private byte* _data;
    private int _size;
    private int _position;
    private ulong _bits;
    private int _bitCount;
    private int _width;
    private int _next;
    private int _previous;
    private bool _ended;
    private int _pendingStart;
    private int _pendingEnd;

    public TiffLzwDecoder()
    {
        for (int i = 0; i < 256; i++)
        {
            _suffix[i] = (byte)i;
            _first[i] = (byte)i;
            _length[i] = 1;
        }
    }

    public override void Start(byte* data, int length)
    {
        if (length >= 2 && data[0] == 0 && (data[1] & 1) != 0)
        {
            // libtiff's test: new-style data starts with a clear code (first byte 0x80).
            ThrowHelper.ThrowFormat("unsupported TIFF: old-style (pre-6.0, LSB-first) LZW");
        }

        _data = data;
        _size = length;
        _position = 0;
        _bits = 0;
        _bitCount = 0;
        _width = 9;
        _next = FirstFree;
        _previous = -1;
        _ended = false;
        _pendingStart = 0;
        _pendingEnd = 0;
    }

    public override int Read(Span<byte> destination)
    {
        int produced = Math.Min(destination.Length, _pendingEnd - _pendingStart);
        _pending.AsSpan(_pendingStart, produced).CopyTo(destination);
        _pendingStart += produced;

        // The hot loop works on locals (the JIT keeps them in registers, not fields) and writes them back at the end.
        ushort[] prefix = _prefix;
        byte[] suffix = _suffix;
        byte[] first = _first;
        ushort[] lengths = _length;
        byte* data = _data;
        int size = _size;
        int position = _position;
        ulong bits = _bits;
        int bitCount = _bitCount;
        int width = _width;
        int next = _next;
        int previous = _previous;
        while (produced < destination.Length && !_ended)
        {
            while (bitCount < width && position < size)
            {
                bits = (bits << 8) | data[position++];
                bitCount += 8;
            }

            if (bitCount < width)
            {
                _ended = true; // the data ends without an end code
                break;
            }

            bitCount -= width;
            int code = (int)(bits >> bitCount) & ((1 << width) - 1);
            if (code == EndOfInformation)
            {
                _ended = true;
                break;
            }

            if (code == Clear)
            {
                width = 9;
                next = FirstFree;
                previous = -1;
                continue;
            }

            if (previous < 0)
            {
                if (code > Clear)
                {
                    ThrowHelper.ThrowFormat($"corrupt TIFF LZW data: code {code} right after a clear code");
                }

                destination[produced++] = (byte)code;
                previous = code;
                continue;
            }

            if (code > next || (code == next && next == MaxCodes))
            {
                ThrowHelper.ThrowFormat($"corrupt TIFF LZW data: code {code} beyond the table's {next} entries");
            }

            if (next < MaxCodes)
            {
                prefix[next] = (ushort)previous;
                first[next] = first[previous];
                suffix[next] = code < next ? first[code] : first[previous];
                lengths[next] = (ushort)(lengths[previous] + 1);
                next++;
                if (next >= (1 << width) - 1 && width < 12)
                {
                    width++;
                }
            }

            previous = code;
            int length = lengths[code];
            int room = destination.Length - produced;
            if (length == 1)
            {
                destination[produced++] = suffix[code];
            }
            else if (length <= room)
            {
                WriteString(prefix, suffix, code, destination.Slice(produced, length));
                produced += length;
            }
            else
            {
                WriteString(prefix, suffix, code, _pending.AsSpan(0, length));
                _pending.AsSpan(0, room).CopyTo(destination[produced..]);
                produced += room;
                _pendingStart = room;
                _pendingEnd = length;
            }
        }

        _position = position;
        _bits = bits;
        _bitCount = bitCount;
        _width = width;
        _next = next;
        _previous = previous;
        return produced;
    }

    /// <summary>The string of <paramref name="code"/>, written back to front (its length is <paramref name="destination"/>'s).</summary>
    private static void WriteString(ushort[] prefix, byte[] suffix, int code, Span<byte> destination)
    {
        for (int i = destination.Length - 1; i > 0; i--)
        {
            destination[i] = suffix[code];
            code = prefix[code];
        }

        destination[0] = suffix[code];
    }
}

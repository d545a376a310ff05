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
        while (produced < destination.Length && !_ended)
        {
            int code = NextCode();
            if (code < 0 || code == EndOfInformation)
            {
                _ended = true;
                break;
            }

            if (code == Clear)
            {
                _width = 9;
                _next = FirstFree;
                _previous = -1;
                continue;
            }

            if (_previous < 0)
            {
                if (code > Clear)
                {
                    ThrowHelper.ThrowFormat($"corrupt TIFF LZW data: code {code} right after a clear code");
                }

                destination[produced++] = (byte)code;
                _previous = code;
                continue;
            }

            if (code > _next || (code == _next && _next == MaxCodes))
            {
                ThrowHelper.ThrowFormat($"corrupt TIFF LZW data: code {code} beyond the table's {_next} entries");
            }

            if (_next < MaxCodes)
            {
                _prefix[_next] = (ushort)_previous;
                _first[_next] = _first[_previous];
                _suffix[_next] = code < _next ? _first[code] : _first[_previous];
                _length[_next] = (ushort)(_length[_previous] + 1);
                _next++;
                if (_next >= (1 << _width) - 1 && _width < 12)
                {
                    _width++;
                }
            }

            _previous = code;
            int length = _length[code];
            int room = destination.Length - produced;
            if (length <= room)
            {
                WriteString(code, destination.Slice(produced, length));
                produced += length;
            }
            else
            {
                WriteString(code, _pending.AsSpan(0, length));
                _pending.AsSpan(0, room).CopyTo(destination[produced..]);
                produced += room;
                _pendingStart = room;
                _pendingEnd = length;
            }
        }

        return produced;
    }

    /// <summary>The string of <paramref name="code"/>, written back to front (its length is <paramref name="destination"/>'s).</summary>
    private void WriteString(int code, Span<byte> destination)
    {
        for (int i = destination.Length - 1; i > 0; i--)
        {
            destination[i] = _suffix[code];
            code = _prefix[code];
        }

        destination[0] = _suffix[code];
    }

    /// <summary>The next code, most significant bit first, or −1 when the data ends first.</summary>
    private int NextCode()
    {
        while (_bitCount < _width)
        {
            if (_position >= _size)
            {
                return -1;
            }

            _bits = (_bits << 8) | _data[_position++];
            _bitCount += 8;
        }

        _bitCount -= _width;
        return (int)(_bits >> _bitCount) & ((1 << _width) - 1);
    }
}

namespace FastXray.Imaging.Tiff;

/// <summary>Compression 32773, PackBits (TIFF 6.0 section 9): byte-oriented run-length coding.</summary>
/// <remarks>
/// A header byte n: 0..127 copies the next n+1 bytes, -127..-1 repeats the next byte 1-n times, -128 is a
/// no-op. The spec asks writers not to run across rows, but readers (libtiff) accept it, so a literal or a
/// run left over at the end of a row is kept for the next. Every step consumes input, so decoding ends.
/// </remarks>
internal sealed unsafe class TiffPackBitsDecoder : TiffChunkCodec
{
    private byte* _data;
    private int _length;
    private int _position;
    private int _literalLeft;
    private int _runLeft;
    private byte _runValue;

    public override void Start(byte* data, int length)
    {
        _data = data;
        _length = length;
        _position = 0;
        _literalLeft = 0;
        _runLeft = 0;
    }

    public override int Read(Span<byte> destination)
    {
        int produced = 0;
        while (produced < destination.Length)
        {
            if (_runLeft > 0)
            {
                int n = Math.Min(_runLeft, destination.Length - produced);
                destination.Slice(produced, n).Fill(_runValue);
                produced += n;
                _runLeft -= n;
                continue;
            }

            if (_literalLeft > 0)
            {
                int n = Math.Min(Math.Min(_literalLeft, destination.Length - produced), _length - _position);
                if (n == 0)
                {
                    break; // the literal runs past the chunk's data
                }

                new ReadOnlySpan<byte>(_data + _position, n).CopyTo(destination[produced..]);
                produced += n;
                _position += n;
                _literalLeft -= n;
                continue;
            }

            if (_position >= _length)
            {
                break;
            }

            int header = (sbyte)_data[_position++];
            if (header >= 0)
            {
                _literalLeft = header + 1;
            }
            else if (header != -128)
            {
                if (_position >= _length)
                {
                    break;
                }

                _runValue = _data[_position++];
                _runLeft = 1 - header;
            }
        }

        return produced;
    }
}

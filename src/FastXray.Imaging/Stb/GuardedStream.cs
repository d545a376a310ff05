namespace FastXray.Imaging.Stb;

/// <summary>
/// The read-only stream StbImageSharp decodes from: it clamps every seek to [0, Length] and records any attempt
/// to read or seek past the end.
/// </summary>
/// <remarks>
/// Why clamp: StbImageSharp seeks forward by segment lengths read from the file (stbi__skip); over a
/// <see cref="MemoryStream"/> a position beyond the end makes its JPEG marker search read 0 forever (a hang
/// measured with a 10-byte JPEG). Why record: stbi__get8 returns 0 at the end of the stream, so a truncated file
/// decodes "successfully" into zero-filled pixels; the flag lets the caller call that what it is. Reads a pinned
/// buffer through a pointer so the caller's span is not copied; valid only inside the caller's <c>fixed</c> block.
/// </remarks>
internal sealed unsafe class GuardedStream : Stream
{
    private readonly byte* _data;
    private readonly long _length;
    private long _position;

    public GuardedStream(byte* data, int length)
    {
        _data = data;
        _length = length;
    }

    /// <summary>True once anything asked for a byte at or beyond the end, or a seek beyond it.</summary>
    public bool WentPastEnd { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = Clamp(value);
    }

    public override int ReadByte()
    {
        if (_position >= _length)
        {
            WentPastEnd = true;
            return -1;
        }

        return _data[_position++];
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        long available = _length - _position;
        if (buffer.Length > available)
        {
            WentPastEnd = true;
        }

        int n = (int)Math.Min(buffer.Length, available);
        new ReadOnlySpan<byte>(_data + _position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _length + offset,
        };
        _position = Clamp(target);
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private long Clamp(long target)
    {
        if (target > _length)
        {
            WentPastEnd = true;
            return _length;
        }

        return Math.Max(0, target);
    }
}

using System.Runtime.CompilerServices;

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
    // Cursor and end as pointers: ReadByte, called once per byte by stbi__get8, is one compare, one load and one
    // store, with the rare past-end case out of line.
    private readonly byte* _start;
    private readonly byte* _end;
    private byte* _current;

    public GuardedStream(byte* data, int length)
    {
        _start = data;
        _end = data + length;
        _current = data;
    }

    /// <summary>True once anything asked for a byte at or beyond the end, or a seek beyond it.</summary>
    public bool WentPastEnd { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _end - _start;

    public override long Position
    {
        get => _current - _start;
        set => _current = _start + Clamp(value);
    }

    public override int ReadByte()
    {
        byte* p = _current;
        if (p < _end)
        {
            _current = p + 1;
            return *p;
        }

        return PastEnd();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(new Span<byte>(buffer, offset, count));

    public override int Read(Span<byte> buffer)
    {
        long available = _end - _current;
        int n = buffer.Length;
        if (n > available)
        {
            WentPastEnd = true;
            n = (int)available;
        }

        new ReadOnlySpan<byte>(_current, n).CopyTo(buffer);
        _current += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => Length + offset,
        };
        _current = _start + Clamp(target);
        return Position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int PastEnd()
    {
        WentPastEnd = true;
        return -1;
    }

    private long Clamp(long target)
    {
        if (target > Length)
        {
            WentPastEnd = true;
            return Length;
        }

        return Math.Max(0, target);
    }
}

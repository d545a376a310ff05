using System.Buffers;

namespace FastXray.Imaging.Png;

/// <summary>
/// A write-only, growable in-memory stream over <see cref="ArrayPool{T}.Shared"/> arrays: the compressed data of
/// one image after another reuses the same already-mapped memory instead of a fresh array each time (fresh memory
/// costs a page fault per 4 KiB). <see cref="Dispose(bool)"/> returns the array.
/// </summary>
internal sealed class PooledBufferStream : WriteOnlyStream
{
    private byte[]? _buffer;
    private int _length;

    public PooledBufferStream(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
    }

    /// <summary>The bytes written so far (valid until the stream is disposed).</summary>
    public ReadOnlySpan<byte> Written => Buffer.AsSpan(0, _length);

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledBufferStream));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        byte[] current = Buffer;
        if (buffer.Length > current.Length - _length)
        {
            // Grow geometrically; the old array goes back to the pool.
            byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max((long)current.Length * 2, (long)_length + buffer.Length)));
            current.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(current);
            _buffer = current = larger;
        }

        buffer.CopyTo(current.AsSpan(_length));
        _length += buffer.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        base.Dispose(disposing);
    }
}

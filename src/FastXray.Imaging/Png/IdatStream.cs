using System.Buffers.Binary;
using System.Diagnostics;

namespace FastXray.Imaging.Png;

/// <summary>The payloads of consecutive IDAT chunks as one read-only stream: the zlib stream the inflater reads.</summary>
/// <remarks>
/// Reads a pinned in-memory file whose chunks <see cref="PngLayout.Scan"/> has already validated (lengths in
/// bounds, CRCs correct), so walking from one IDAT to the next needs no checks beyond the chunk type.
/// The caller keeps the memory pinned for the stream's lifetime.
/// </remarks>
internal sealed unsafe class IdatStream : Stream
{
    private readonly byte* _file;
    private readonly int _fileLength;
    private int _position;
    private int _chunkEnd;

    public IdatStream(byte* file, int fileLength, int firstIdatOffset)
    {
        _file = file;
        _fileLength = fileLength;
        _position = firstIdatOffset + 8;
        _chunkEnd = _position + (int)BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(file + firstIdatOffset, 4));
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        while (_position == _chunkEnd)
        {
            // Step over the CRC to the next chunk header; anything but IDAT ends the stream.
            int next = _chunkEnd + 4;
            if (next + 8 > _fileLength || BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(_file + next + 4, 4)) != PngChunkReader.IDAT)
            {
                return 0;
            }

            _position = next + 8;
            _chunkEnd = _position + (int)BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(_file + next, 4));
            Debug.Assert(_chunkEnd <= _fileLength);
        }

        int n = Math.Min(buffer.Length, _chunkEnd - _position);
        new ReadOnlySpan<byte>(_file + _position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

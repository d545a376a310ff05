using System.Buffers;
using System.Buffers.Binary;

namespace FastXray.Imaging.Png;

/// <summary>A write-only stream that cuts the compressed data the deflater writes into IDAT chunks on the output.</summary>
/// <remarks>Chunks carry <see cref="ChunkSize"/> bytes (the last one fewer); each gets its length, type and CRC-32.</remarks>
internal sealed class IdatWriter : WriteOnlyStream
{
    public const int ChunkSize = 1 << 16;

    private readonly Stream _output;
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(8 + ChunkSize + 4);
    private int _count;

    public IdatWriter(Stream output)
    {
        _output = output;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        while (!buffer.IsEmpty)
        {
            int n = Math.Min(buffer.Length, ChunkSize - _count);
            buffer[..n].CopyTo(_buffer.AsSpan(8 + _count));
            _count += n;
            buffer = buffer[n..];
            if (_count == ChunkSize)
            {
                EmitChunk();
            }
        }
    }

    /// <summary>Writes the last, partial chunk. Call after the deflater is disposed.</summary>
    public void Finish()
    {
        if (_count > 0)
        {
            EmitChunk();
        }
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

    private void EmitChunk()
    {
        Span<byte> chunk = _buffer.AsSpan(0, 8 + _count + 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)_count);
        BinaryPrimitives.WriteUInt32BigEndian(chunk[4..], PngChunkReader.IDAT);
        BinaryPrimitives.WriteUInt32BigEndian(chunk[(8 + _count)..], Crc32.Compute(chunk[4..(8 + _count)]));
        _output.Write(chunk);
        _count = 0;
    }
}

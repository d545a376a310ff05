namespace FastXray.Imaging.Tiff;

/// <summary>Compression 1: the chunk's bytes are the rows.</summary>
internal sealed unsafe class TiffRawDecoder : TiffChunkCodec
{
    private byte* _data;
    private int _length;
    private int _position;

    public override void Start(byte* data, int length)
    {
        _data = data;
        _length = length;
        _position = 0;
    }

    public override int Read(Span<byte> destination)
    {
        int n = Math.Min(destination.Length, _length - _position);
        new ReadOnlySpan<byte>(_data + _position, n).CopyTo(destination);
        _position += n;
        return n;
    }
}

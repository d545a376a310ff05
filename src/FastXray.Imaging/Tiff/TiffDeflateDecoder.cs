using System.IO.Compression;

namespace FastXray.Imaging.Tiff;

/// <summary>Compression 8 and 32946, Deflate: each chunk is one zlib stream, inflated by the BCL's <see cref="ZLibStream"/>.</summary>
/// <remarks>A new inflater per chunk (zlib state cannot be reset through the BCL); zlib errors become <see cref="ImageFormatException"/>.</remarks>
internal sealed unsafe class TiffDeflateDecoder : TiffChunkCodec
{
    private UnmanagedMemoryStream? _source;
    private ZLibStream? _inflater;

    public override void Start(byte* data, int length)
    {
        Close();
        _source = new UnmanagedMemoryStream(data, length);
        _inflater = new ZLibStream(_source, CompressionMode.Decompress);
    }

    public override int Read(Span<byte> destination)
    {
        try
        {
            return _inflater!.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // As PngDecoder: a zlib header with FDICT (Z_NEED_DICT) surfaces as ZLibException, an IOException; the
            // strip is memory, so nothing else raises one here. Found by afl (tools/fuzz).
            throw new ImageFormatException("TIFF Deflate data is corrupt", innerException: e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        Close();
        base.Dispose(disposing);
    }

    private void Close()
    {
        _inflater?.Dispose();
        _source?.Dispose();
        _inflater = null;
        _source = null;
    }
}

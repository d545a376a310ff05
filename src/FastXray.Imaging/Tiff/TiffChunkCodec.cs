namespace FastXray.Imaging.Tiff;

/// <summary>Decompresses one strip or tile, a row at a time, from pinned file memory.</summary>
/// <remarks>
/// Rows are pulled one by one so the only scratch is one row, whatever the strip or tile size; a codec keeps
/// whatever state straddles a row boundary (an LZW string, a PackBits run, zlib's window). One instance
/// serves every chunk of an image: <see cref="Start"/> resets it. The caller keeps the file pinned between
/// <see cref="Start"/> and the last <see cref="Read"/>.
/// </remarks>
internal abstract unsafe class TiffChunkCodec : IDisposable
{
    /// <summary>Begins a chunk of <paramref name="length"/> compressed bytes at <paramref name="data"/>.</summary>
    public abstract void Start(byte* data, int length);

    /// <summary>Fills <paramref name="destination"/> and returns its length, or fewer when the chunk's data ends first.</summary>
    public abstract int Read(Span<byte> destination);

    public static TiffChunkCodec Create(TiffCompressionCode compression) => compression switch
    {
        TiffCompressionCode.Lzw => new TiffLzwDecoder(),
        TiffCompressionCode.PackBits => new TiffPackBitsDecoder(),
        TiffCompressionCode.Deflate => new TiffDeflateDecoder(),
        _ => new TiffRawDecoder(),
    };

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

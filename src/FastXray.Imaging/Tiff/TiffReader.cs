using System.Buffers;
using FastXray.Imaging.Formats;

namespace FastXray.Imaging.Tiff;

/// <summary>Reads baseline TIFF (page 0) to grey samples at their stored depth: 8-bit stays 8-bit, 16-bit stays 16-bit.</summary>
/// <remarks>
/// <para>Classic TIFF, either byte order; grey (MinIsBlack, MinIsWhite inverted), grey with extra samples
/// (dropped) and RGB/RGBA (BT.601 luma, alpha dropped) at 8 or 16 bits, plus 1-bit bilevel (0/255);
/// uncompressed, LZW, Deflate (8 and 32946) or PackBits, predictor 1 or 2, in strips or tiles. Everything
/// else (BigTIFF, JPEG-in-TIFF, CCITT, float or signed samples, palette, CMYK, separate planes of colour)
/// is an <see cref="ImageFormatException"/> naming it in one line.</para>
/// <para>Before any pixel memory: the IFD is checked against the file (<see cref="TiffDirectory"/>), the size
/// against <see cref="DecodeLimits"/> and the decompressed-size limit, and every strip's or tile's offset and
/// byte count against the file length and against what those bytes can at most decompress to (so a forged
/// 60000-row header on a small file fails before allocating). Chunks are then decompressed one row at a time
/// into one pooled row buffer and written into the output; a chunk that yields fewer bytes than the image
/// needs is "truncated" (never a zero-filled image).</para>
/// </remarks>
public static class TiffReader
{
    /// <summary>Bytes kept by the codecs whatever the image: the LZW table and pending string, or zlib's stream objects and buffers.</summary>
    private const long CodecStateBytes = 64 * 1024;

    /// <summary>Managed objects a <see cref="System.IO.Compression.ZLibStream"/> and its source stream cost per chunk, with room to spare.</summary>
    private const long DeflateBytesPerChunk = 1024;

    /// <summary>Reads the header and IFD 0 without decoding pixels; throws for anything the decoder would refuse from the tags alone.</summary>
    public static FormatInfo ReadInfo(ReadOnlySpan<byte> data)
    {
        TiffDirectory d = TiffDirectory.Parse(data);
        return new FormatInfo(ImageContainer.Tiff, d.Width, d.Height, d.BitsPerSample, d.BitsPerSample == 16 ? "uint16" : "uint8", d.Colour, d.Detail);
    }

    /// <summary>An upper bound on what <see cref="Decode"/> allocates for an image with this header.</summary>
    /// <remarks>
    /// The output array (width·height samples of 1 or 2 bytes) plus one row of strip or tile — at most
    /// max(width rounded up to 16, 1024) pixels of up to <see cref="TiffDirectory.MaxSamplesPerPixel"/>
    /// samples, doubled because the pool rounds up to a power of two — plus the codec state, plus for
    /// Deflate the short-lived inflater objects of every chunk (counted although they are garbage long
    /// before the end, so this bounds the total allocated, not only the live peak). The file itself is the caller's.
    /// </remarks>
    public static long PeakBytes(FormatInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        long sampleBytes = info.BitDepth == 16 ? 2 : 1;
        long output = (long)info.Width * info.Height * sampleBytes;
        long rowPixels = Math.Max((info.Width + 15L) & ~15L, TiffDirectory.MinTileWidthCap);
        long row = rowPixels * TiffDirectory.MaxSamplesPerPixel * sampleBytes;
        long bound = output + (2 * row) + CodecStateBytes;
        if (info.Detail.StartsWith("Deflate", StringComparison.Ordinal))
        {
            // A fresh BCL inflater per strip or tile (about 340 bytes of objects each, measured): strips are at
            // least a row, tiles at least 16x16, so there are at most max(height, tiles of 16x16) of them.
            long chunks = Math.Max(info.Height, ((info.Width + 15L) / 16) * ((info.Height + 15L) / 16));
            bound += chunks * DeflateBytesPerChunk;
        }

        return bound;
    }

    /// <summary>Decodes page 0 of a TIFF file held in memory.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="limits">Size limits checked before allocating; <see cref="DecodeLimits.Default"/> when null.</param>
    public static GrayImage Decode(ReadOnlySpan<byte> data, DecodeLimits? limits = null)
    {
        limits ??= DecodeLimits.Default;
        TiffDirectory d = TiffDirectory.Parse(data);
        limits.CheckSize(d.Width, d.Height);
        // In double: with limits raised to the extreme the product of forged tile counts can pass 2^63.
        double decompressed = (double)d.ChunkCount * d.ChunkLength * d.ChunkRowBytes;
        if (decompressed > limits.MaxDecompressedBytes || d.ChunkRowBytes > Array.MaxLength)
        {
            ThrowHelper.ThrowFormat($"TIFF image data of {decompressed:0} bytes exceeds the decompressed-size limit {limits.MaxDecompressedBytes}");
        }

        int rowBytes = (int)d.ChunkRowBytes;

        CheckChunks(data, d, rowBytes);
        bool wide = d.BitsPerSample == 16;
        long pixels = (long)d.Width * d.Height;
        if (pixels * (wide ? 2 : 1) > limits.MaxDecompressedBytes || pixels > Array.MaxLength)
        {
            ThrowHelper.ThrowFormat($"decoded image of {pixels} samples exceeds the decompressed-size limit {limits.MaxDecompressedBytes}");
        }

        // Every sample is written before the image is returned (or the array is dropped on error), so skip zeroing.
        byte[]? out8 = wide ? null : GC.AllocateUninitializedArray<byte>((int)pixels);
        ushort[]? out16 = wide ? GC.AllocateUninitializedArray<ushort>((int)pixels) : null;
        byte[] row = ArrayPool<byte>.Shared.Rent(rowBytes);
        try
        {
            using TiffChunkCodec codec = TiffChunkCodec.Create(d.Compression);
            DecodeChunks(data, d, codec, row.AsSpan(0, rowBytes), out8, out16);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(row);
        }

        return out8 is not null ? GrayImage.Of(out8, d.Width, d.Height, d.Colour) : GrayImage.Of(out16!, d.Width, d.Height, d.Colour);
    }

    /// <summary>Every chunk's bytes lie inside the file and can hold (or decompress to) the rows of it that lie inside the image.</summary>
    private static void CheckChunks(ReadOnlySpan<byte> data, TiffDirectory d, int rowBytes)
    {
        // The most a compressed byte can expand to: PackBits 2 → 128 bytes; LZW one 9-bit code → a 4096-byte
        // string; Deflate 1032 (a 258-byte match in 2 bits). Uncompressed needs every byte.
        long ratio = d.Compression switch
        {
            TiffCompressionCode.PackBits => 64,
            TiffCompressionCode.Lzw => (4096 * 8 / 9) + 1,
            TiffCompressionCode.Deflate => 1032,
            _ => 1,
        };
        string kind = d.Tiled ? "tile" : "strip";
        for (int c = 0; c < d.ChunkCount; c++)
        {
            long offset = d.Offsets.Get(data, d.BigEndian, c);
            long count = d.ByteCounts.Get(data, d.BigEndian, c);
            if (offset + count > data.Length)
            {
                ThrowHelper.ThrowFormat($"TIFF {kind} {c} ({count} bytes at offset {offset}) runs past the end of the {data.Length}-byte file (truncated)");
            }

            int rows = Math.Min(d.ChunkLength, d.Height - (c / d.ChunksAcross * d.ChunkLength));
            long needed = (long)rows * rowBytes;
            if (count * ratio < needed)
            {
                ThrowHelper.ThrowFormat($"TIFF {kind} {c} has {count} bytes, too few for the {needed} bytes of its rows (truncated)");
            }
        }
    }

    private static unsafe void DecodeChunks(ReadOnlySpan<byte> data, TiffDirectory d, TiffChunkCodec codec, Span<byte> row, byte[]? out8, ushort[]? out16)
    {
        string kind = d.Tiled ? "tile" : "strip";
        fixed (byte* file = data)
        {
            for (int c = 0; c < d.ChunkCount; c++)
            {
                int x0 = c % d.ChunksAcross * d.ChunkWidth;
                int y0 = c / d.ChunksAcross * d.ChunkLength;
                int columns = Math.Min(d.ChunkWidth, d.Width - x0);
                int rows = Math.Min(d.ChunkLength, d.Height - y0);
                codec.Start(file + d.Offsets.Get(data, d.BigEndian, c), (int)d.ByteCounts.Get(data, d.BigEndian, c));
                for (int r = 0; r < rows; r++)
                {
                    int got = codec.Read(row);
                    if (got < row.Length)
                    {
                        ThrowHelper.ThrowFormat($"TIFF {kind} {c} decompresses to fewer bytes than its rows need (truncated at row {r} of {rows})");
                    }

                    int at = ((y0 + r) * d.Width) + x0;
                    if (out8 is not null)
                    {
                        TiffRowConverter.Convert8(d, row, columns, out8.AsSpan(at, columns));
                    }
                    else
                    {
                        TiffRowConverter.Convert16(d, row, columns, out16.AsSpan(at, columns));
                    }
                }
            }
        }
    }
}

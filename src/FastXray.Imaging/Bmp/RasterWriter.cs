using System.Buffers;

namespace FastXray.Imaging.Bmp;

/// <summary>Argument checks and the bottom-up row writer shared by the BMP and TGA encoders.</summary>
/// <remarks>
/// Both formats store uncompressed rows bottom-up, BMP padded to 4 bytes, colour as B G R. Rows are copied
/// (grey) or swizzled (RGB to BGR) into one pooled chunk of whole rows, written to the stream about 64 KiB at
/// a time: no per-byte or per-row stream calls, no copy of the whole image, nothing allocated per row.
/// </remarks>
internal static class RasterWriter
{
    private const int ChunkBytes = 64 * 1024;

    public static void Validate(ReadOnlySpan<byte> pixels, int width, int height, int channels, int maxSize)
    {
        if (width < 1 || width > maxSize || height < 1 || height > maxSize)
        {
            ThrowHelper.ThrowArgument(width < 1 || width > maxSize ? nameof(width) : nameof(height), $"Size {width}x{height} is outside 1..{maxSize}.");
        }

        long needed = (long)width * height * channels;
        if (pixels.Length < needed)
        {
            ThrowHelper.ThrowArgument(nameof(pixels), $"{pixels.Length} bytes is fewer than {width}x{height}x{channels}.");
        }
    }

    /// <summary>
    /// Writes <paramref name="prefix"/>, then the rows last to first, each <paramref name="stride"/> bytes
    /// (zero padding after the pixels), then <paramref name="suffix"/>. <paramref name="channels"/> 1: grey bytes as
    /// they are; 3: R G B in, B G R out.
    /// </summary>
    public static void WriteBottomUp(Stream destination, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> pixels, int width, int height, int channels, int stride, ReadOnlySpan<byte> suffix)
    {
        int rowBytes = width * channels;
        int rowsPerChunk = Math.Max(1, ChunkBytes / stride);
        int chunkSize = Math.Max(prefix.Length, rowsPerChunk * stride);
        byte[] rented = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            Span<byte> chunk = rented.AsSpan(0, chunkSize);
            destination.Write(prefix);

            // Padding bytes are never written by the row copies, so clearing once keeps them zero.
            chunk.Clear();
            int filled = 0;
            for (int y = height - 1; y >= 0; y--)
            {
                ReadOnlySpan<byte> source = pixels.Slice(y * rowBytes, rowBytes);
                Span<byte> target = chunk.Slice(filled * stride, rowBytes);
                if (channels == 1)
                {
                    source.CopyTo(target);
                }
                else
                {
                    RgbToBgr(source, target);
                }

                if (++filled == rowsPerChunk)
                {
                    destination.Write(chunk[..(filled * stride)]);
                    filled = 0;
                }
            }

            destination.Write(chunk[..(filled * stride)]);
            destination.Write(suffix);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void RgbToBgr(ReadOnlySpan<byte> rgb, Span<byte> bgr)
    {
        for (int i = 0; i + 2 < rgb.Length; i += 3)
        {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Win32.SafeHandles;

namespace FastXray.Imaging.Png;

/// <summary>Decodes PNG files of every colour type, bit depth and interlace method (PNG spec, 3rd ed.), on the BCL's zlib.</summary>
/// <remarks>
/// <para>Pipeline: one pass over the chunks checks structure and every CRC (<see cref="PngLayout"/>); the
/// size is checked against <see cref="DecodeLimits"/> and against what the IDAT bytes can possibly inflate
/// to (deflate's maximum ratio is 1032:1), all before any pixel memory is allocated; then scanlines are
/// inflated one at a time straight from the IDAT chunks and reconstructed (<see cref="PngUnfilter"/>) — into
/// the output itself for 8-bit images without conversion — and expanded (<see cref="PngRowExpander"/>).</para>
/// <para>Every malformed input raises <see cref="ImageFormatException"/> with a one-line message: bad
/// signature, chunk lengths, CRCs, chunk order, header values, zlib errors, an Adler-32 mismatch, image data
/// that inflates to fewer or more bytes than the image needs, unknown filter types, palette indices past
/// PLTE. There is no partial result.</para>
/// </remarks>
public static class PngDecoder
{
    /// <summary>The largest ratio of inflated to deflated bytes: a 258-byte match coded in 2 bits.</summary>
    private const int MaxDeflateRatio = 1032;

    /// <summary>Reads the header (IHDR, and whether tRNS is present) without decoding pixels.</summary>
    /// <remarks>Checks the signature, the chunks before the first IDAT and their CRCs; the image data is not read, so a file that passes may still fail <see cref="Decode"/>.</remarks>
    public static PngInfo ReadInfo(ReadOnlySpan<byte> data) => PngLayout.Scan(data, headersOnly: true).ToInfo();

    /// <summary>Reads the header of a file, reading only the chunks before the image data.</summary>
    public static PngInfo ReadInfoFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12);
            return ReadInfo(ReadHeaderChunks(stream));
        }
        catch (ImageFormatException e)
        {
            throw e.WithFile(path);
        }
    }

    /// <summary>Decodes a PNG file held in memory.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="limits">Size limits checked before allocating; <see cref="DecodeLimits.Default"/> when null.</param>
    public static PngImage Decode(ReadOnlySpan<byte> data, DecodeLimits? limits = null)
    {
        limits ??= DecodeLimits.Default;
        PngLayout layout = PngLayout.Scan(data, headersOnly: false);
        PngHeader header = layout.Header;
        limits.CheckSize(header.Width, header.Height);
        long inflated = Adam7.InflatedBytes(header);
        if (inflated > limits.MaxDecompressedBytes)
        {
            ThrowHelper.ThrowFormat($"image data of {inflated} bytes exceeds the decompressed-size limit {limits.MaxDecompressedBytes}");
        }

        if (layout.IdatBytes < 8 || layout.IdatBytes * MaxDeflateRatio < inflated)
        {
            ThrowHelper.ThrowFormat($"IDAT holds {layout.IdatBytes} bytes, too few to inflate to the {inflated} bytes a {header.Width}x{header.Height} image needs");
        }

        var expander = new PngRowExpander(layout);
        long samples = (long)header.Width * header.Height * expander.Channels;
        long bytes = samples * (expander.Is16Bit ? 2 : 1);
        if (bytes > limits.MaxDecompressedBytes || samples > Array.MaxLength)
        {
            ThrowHelper.ThrowFormat($"decoded image of {bytes} bytes exceeds the decompressed-size limit {limits.MaxDecompressedBytes}");
        }

        // Every sample is written before the image is returned (or the arrays are dropped on error), so skip zeroing.
        byte[]? pixels8 = expander.Is16Bit ? null : GC.AllocateUninitializedArray<byte>((int)samples);
        ushort[]? pixels16 = expander.Is16Bit ? GC.AllocateUninitializedArray<ushort>((int)samples) : null;
        unsafe
        {
            fixed (byte* file = data)
            {
                using var idat = new IdatStream(file, data.Length, layout.FirstIdatOffset);
                using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
                try
                {
                    var rows = new PngRowDecoder(layout, expander, inflater, inflated);
                    rows.Run(pixels8, pixels16);
                }
                catch (Exception e) when (e is InvalidDataException or IOException)
                {
                    // zlib's own errors come as InvalidDataException, except a few (a preset dictionary asked for by
                    // FDICT, which PNG forbids: Z_NEED_DICT) that .NET raises as ZLibException, an IOException. The
                    // input is memory, so an IOException here can only come from zlib. Found by afl (tools/fuzz).
                    throw new ImageFormatException("IDAT zlib stream is corrupt", innerException: e);
                }
            }
        }

        return new PngImage(header.Width, header.Height, header.ColorType, header.BitDepth, expander.Channels, pixels8, pixels16)
        {
            SignificantBits = layout.SignificantBits,
        };
    }

    /// <summary>Decodes a PNG file; format errors name the file.</summary>
    /// <remarks>The file is read whole with one positional read into a pooled buffer. I/O errors (missing file, permissions) stay <see cref="IOException"/>s.</remarks>
    public static PngImage DecodeFile(string path, DecodeLimits? limits = null)
    {
        byte[]? buffer = null;
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            long length = RandomAccess.GetLength(handle);
            if (length > Array.MaxLength)
            {
                ThrowHelper.ThrowFormat($"file of {length} bytes is too large to decode");
            }

            buffer = ArrayPool<byte>.Shared.Rent((int)length);
            int read = 0;
            while (read < length)
            {
                int n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return Decode(buffer.AsSpan(0, read), limits);
        }
        catch (ImageFormatException e)
        {
            throw e.WithFile(path);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>The signature and every chunk before the first IDAT, plus that IDAT's 8-byte header.</summary>
    private static byte[] ReadHeaderChunks(FileStream stream)
    {
        long fileLength = stream.Length;
        var prefix = new MemoryStream();
        Span<byte> head = stackalloc byte[8];
        int got = stream.ReadAtLeast(head, PngSignature.Length, throwOnEndOfStream: false);
        prefix.Write(head[..got]);
        while (got == 8)
        {
            got = stream.ReadAtLeast(head, 8, throwOnEndOfStream: false);
            prefix.Write(head[..got]);
            if (got < 8 || BinaryPrimitives.ReadUInt32BigEndian(head[4..]) == PngChunkReader.IDAT)
            {
                break;
            }

            // Data + CRC; a length past the end of the file is left for the parser to report as truncation.
            long rest = Math.Min(BinaryPrimitives.ReadUInt32BigEndian(head) + 4L, fileLength - stream.Position);
            var body = new byte[rest];
            int n = stream.ReadAtLeast(body, body.Length, throwOnEndOfStream: false);
            prefix.Write(body, 0, n);
            if (n < rest)
            {
                break;
            }
        }

        return prefix.ToArray();
    }
}

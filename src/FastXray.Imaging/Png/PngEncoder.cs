using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace FastXray.Imaging.Png;

/// <summary>Writes non-interlaced PNG files: gray, gray+alpha, RGB and RGBA at 8 or 16 bits per sample.</summary>
/// <remarks>
/// <para>File layout: signature, IHDR, IDAT chunks of 64 KiB, IEND; no ancillary chunks. Each scanline is
/// filtered (adaptively by default, see <see cref="PngFilter"/>) and deflated by the BCL's zlib at
/// <see cref="PngEncodeOptions.CompressionLevel"/>. 16-bit samples are written big-endian as PNG requires.</para>
/// <para>Pixels are interleaved, row-major, dense: <c>width · height · channels</c> samples with channels 1 (gray),
/// 2 (gray+alpha), 3 (RGB) or 4 (RGBA). Palette output is not supported.</para>
/// </remarks>
public static class PngEncoder
{
    /// <summary>Leading zero bytes before each row buffer: the "left of the first pixel" neighbours (bpp ≤ 8).</summary>
    private const int Pad = 8;

    /// <summary>Encodes 8-bit samples.</summary>
    /// <param name="output">Receives the file.</param>
    /// <param name="pixels">width · height · channels samples.</param>
    /// <param name="width">Pixels per row, ≥ 1.</param>
    /// <param name="height">Rows, ≥ 1.</param>
    /// <param name="colorType">Gray, GrayAlpha, Rgb or Rgba.</param>
    /// <param name="options">Level and filter strategy; <see cref="PngEncodeOptions.Default"/> when null.</param>
    public static void Encode(Stream output, ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType, PngEncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        int channels = Validate(pixels.Length, width, height, colorType, 1, options);
        EncodeCore(output, pixels, default, width, height, channels, colorType, options ?? PngEncodeOptions.Default);
    }

    /// <summary>Encodes 16-bit samples (native order in memory, written big-endian).</summary>
    /// <param name="output">Receives the file.</param>
    /// <param name="pixels">width · height · channels samples.</param>
    /// <param name="width">Pixels per row, ≥ 1.</param>
    /// <param name="height">Rows, ≥ 1.</param>
    /// <param name="colorType">Gray, GrayAlpha, Rgb or Rgba.</param>
    /// <param name="options">Level and filter strategy; <see cref="PngEncodeOptions.Default"/> when null.</param>
    public static void Encode(Stream output, ReadOnlySpan<ushort> pixels, int width, int height, PngColorType colorType, PngEncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        int channels = Validate(pixels.Length, width, height, colorType, 2, options);
        EncodeCore(output, default, pixels, width, height, channels, colorType, options ?? PngEncodeOptions.Default);
    }

    /// <summary>Encodes 8-bit samples to a file, atomically (see <see cref="AtomicFile"/>).</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="pixels">width · height · channels samples.</param>
    /// <param name="width">Pixels per row, ≥ 1.</param>
    /// <param name="height">Rows, ≥ 1.</param>
    /// <param name="colorType">Gray, GrayAlpha, Rgb or Rgba.</param>
    /// <param name="options">Level and filter strategy; <see cref="PngEncodeOptions.Default"/> when null.</param>
    public static void EncodeFile(string path, ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType, PngEncodeOptions? options = null)
    {
        var buffer = new MemoryStream();
        Encode(buffer, pixels, width, height, colorType, options);
        AtomicFile.Write(path, s => s.Write(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>Encodes 16-bit samples to a file, atomically (see <see cref="AtomicFile"/>).</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="pixels">width · height · channels samples.</param>
    /// <param name="width">Pixels per row, ≥ 1.</param>
    /// <param name="height">Rows, ≥ 1.</param>
    /// <param name="colorType">Gray, GrayAlpha, Rgb or Rgba.</param>
    /// <param name="options">Level and filter strategy; <see cref="PngEncodeOptions.Default"/> when null.</param>
    public static void EncodeFile(string path, ReadOnlySpan<ushort> pixels, int width, int height, PngColorType colorType, PngEncodeOptions? options = null)
    {
        var buffer = new MemoryStream();
        Encode(buffer, pixels, width, height, colorType, options);
        AtomicFile.Write(path, s => s.Write(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static int Validate(int length, int width, int height, PngColorType colorType, int bytesPerSample, PngEncodeOptions? options)
    {
        int channels = colorType switch
        {
            PngColorType.Gray => 1,
            PngColorType.GrayAlpha => 2,
            PngColorType.Rgb => 3,
            PngColorType.Rgba => 4,
            _ => 0,
        };
        if (channels == 0)
        {
            ThrowHelper.ThrowArgument(nameof(colorType), $"the encoder writes Gray, GrayAlpha, Rgb or Rgba, not {colorType}");
        }

        if (width <= 0 || height <= 0)
        {
            ThrowHelper.ThrowArgument(nameof(width), $"image size {width}x{height} must be at least 1x1");
        }

        if ((long)width * channels * bytesPerSample > int.MaxValue - 64)
        {
            ThrowHelper.ThrowArgument(nameof(width), $"a row of {width} pixels is too long");
        }

        if ((long)width * height * channels != length)
        {
            ThrowHelper.ThrowArgument("pixels", $"{width}x{height} with {channels} channel(s) needs {(long)width * height * channels} samples, got {length}");
        }

        if (options is not null && options.CompressionLevel is < 0 or > 9)
        {
            ThrowHelper.ThrowArgument(nameof(options), $"compression level {options.CompressionLevel} is outside 0..9");
        }

        return channels;
    }

    private static void EncodeCore(Stream output, ReadOnlySpan<byte> pixels8, ReadOnlySpan<ushort> pixels16, int width, int height, int channels, PngColorType colorType, PngEncodeOptions options)
    {
        bool is16 = pixels8.IsEmpty;
        int bpp = channels * (is16 ? 2 : 1);
        int rowBytes = width * bpp;
        Span<byte> head = stackalloc byte[PngSignature.Length + 12 + PngHeader.Length];
        PngSignature.Bytes.CopyTo(head);
        WriteChunkHeader(head[8..], PngHeader.Length, PngChunkReader.IHDR);
        PngHeader.Write(head[16..], width, height, is16 ? 16 : 8, colorType);
        BinaryPrimitives.WriteUInt32BigEndian(head[29..], Crc32.Compute(head[12..29]));
        output.Write(head);

        byte[] current = ArrayPool<byte>.Shared.Rent(Pad + rowBytes);
        byte[] previous = ArrayPool<byte>.Shared.Rent(Pad + rowBytes);
        byte[] scanline = ArrayPool<byte>.Shared.Rent(1 + rowBytes);
        try
        {
            current.AsSpan(0, Pad + rowBytes).Clear();
            previous.AsSpan(0, Pad + rowBytes).Clear();
            using (var idat = new IdatWriter(output))
            {
                var zlib = new ZLibCompressionOptions { CompressionLevel = options.CompressionLevel };
                using (var deflater = new ZLibStream(idat, zlib, leaveOpen: true))
                {
                    for (int y = 0; y < height; y++)
                    {
                        // Row y with bpp zero bytes before it (the padded convention of PngFilter).
                        Span<byte> row = current.AsSpan(Pad - bpp, bpp + rowBytes);
                        ReadOnlySpan<byte> above = previous.AsSpan(Pad - bpp, bpp + rowBytes);
                        if (is16)
                        {
                            WriteBigEndian(pixels16.Slice(y * width * channels, width * channels), row[bpp..]);
                        }
                        else
                        {
                            pixels8.Slice(y * rowBytes, rowBytes).CopyTo(row[bpp..]);
                        }

                        PngFilterType filter = options.FilterStrategy == PngFilterStrategy.Adaptive
                            ? PngFilter.Choose(row, above, bpp)
                            : (PngFilterType)(options.FilterStrategy - PngFilterStrategy.None);
                        scanline[0] = (byte)filter;
                        PngFilter.Apply(filter, row, above, bpp, scanline.AsSpan(1, rowBytes));
                        deflater.Write(scanline, 0, 1 + rowBytes);
                        (current, previous) = (previous, current);
                    }
                }

                idat.Finish();
            }

            Span<byte> end = stackalloc byte[12];
            WriteChunkHeader(end, 0, PngChunkReader.IEND);
            BinaryPrimitives.WriteUInt32BigEndian(end[8..], Crc32.Compute(end[4..8]));
            output.Write(end);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(previous);
            ArrayPool<byte>.Shared.Return(scanline);
        }
    }

    private static void WriteChunkHeader(Span<byte> destination, int length, uint type)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], type);
    }

    private static void WriteBigEndian(ReadOnlySpan<ushort> source, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(source, MemoryMarshal.Cast<byte, ushort>(destination));
        }
        else
        {
            MemoryMarshal.AsBytes(source).CopyTo(destination);
        }
    }
}

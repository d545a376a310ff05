using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using FastXray.Threading;

namespace FastXray.Imaging.Png;

/// <summary>Writes non-interlaced PNG files: gray, gray+alpha, RGB and RGBA at 8 or 16 bits per sample, and 8-bit palette images.</summary>
/// <remarks>
/// <para>File layout: signature, IHDR, IDAT chunks of 64 KiB, IEND; no ancillary chunks. Each scanline is
/// filtered (adaptively by default, see <see cref="PngFilter"/>) and deflated by the BCL's zlib at
/// <see cref="PngEncodeOptions.CompressionLevel"/> with <see cref="PngEncodeOptions.Strategy"/>. 16-bit samples are written big-endian as PNG requires.</para>
/// <para>Pixels are interleaved, row-major, dense: <c>width · height · channels</c> samples with channels 1 (gray),
/// 2 (gray+alpha), 3 (RGB) or 4 (RGBA). Palette images (<see cref="EncodeIndexed"/>) take one index byte per pixel and a
/// PLTE of RGB triples; a colormapped panel written this way decodes to the same RGB pixels as its RGB file from a third
/// of the data. <see cref="PngCompressedImage"/> deflates once for several files that differ only in their palette.</para>
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
        RefusePalette(colorType);
        EncodeCore(output, pixels, default, width, height, channels, colorType, options ?? PngEncodeOptions.Default, default);
    }

    /// <summary>Encodes an 8-bit palette image (colour type 3).</summary>
    /// <param name="output">Receives the file.</param>
    /// <param name="indices">width · height palette indices, each below the number of palette entries.</param>
    /// <param name="width">Pixels per row, ≥ 1.</param>
    /// <param name="height">Rows, ≥ 1.</param>
    /// <param name="palette">The PLTE: 1 to 256 RGB triples.</param>
    /// <param name="options">Level and filter strategy; <see cref="PngEncodeOptions.Default"/> when null.</param>
    public static void EncodeIndexed(Stream output, ReadOnlySpan<byte> indices, int width, int height, ReadOnlySpan<byte> palette, PngEncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        Validate(indices.Length, width, height, PngColorType.Palette, 1, options);
        ValidatePalette(palette, indices);
        EncodeCore(output, indices, default, width, height, 1, PngColorType.Palette, options ?? PngEncodeOptions.Default, palette);
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
        RefusePalette(colorType);
        EncodeCore(output, default, pixels, width, height, channels, colorType, options ?? PngEncodeOptions.Default, default);
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

    /// <summary>Checks the image arguments; returns the samples per pixel.</summary>
    internal static int Validate(int length, int width, int height, PngColorType colorType, int bytesPerSample, PngEncodeOptions? options)
    {
        int channels = colorType switch
        {
            PngColorType.Gray => 1,
            PngColorType.Palette when bytesPerSample == 1 => 1,
            PngColorType.GrayAlpha => 2,
            PngColorType.Rgb => 3,
            PngColorType.Rgba => 4,
            _ => 0,
        };
        if (channels == 0)
        {
            ThrowHelper.ThrowArgument(nameof(colorType), $"the encoder writes Gray, GrayAlpha, Rgb, Rgba or 8-bit Palette, not {colorType} at {8 * bytesPerSample} bits");
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

    /// <summary>Checks a PLTE (1 to 256 RGB triples) against the indices it must cover (PNG spec §11.2.3).</summary>
    internal static void ValidatePalette(ReadOnlySpan<byte> palette, ReadOnlySpan<byte> indices)
    {
        if (palette.Length is 0 or > 3 * 256 || palette.Length % 3 != 0)
        {
            ThrowHelper.ThrowArgument(nameof(palette), $"a palette is 1 to 256 RGB triples, not {palette.Length} bytes");
        }

        int entries = palette.Length / 3;
        if (entries < 256 && indices.IndexOfAnyInRange((byte)entries, byte.MaxValue) >= 0)
        {
            ThrowHelper.ThrowArgument(nameof(indices), $"an index is outside the palette's {entries} entries");
        }
    }

    private static void RefusePalette(PngColorType colorType)
    {
        if (colorType == PngColorType.Palette)
        {
            ThrowHelper.ThrowArgument(nameof(colorType), "a palette image needs its palette: use EncodeIndexed");
        }
    }

    private static void EncodeCore(Stream output, ReadOnlySpan<byte> pixels8, ReadOnlySpan<ushort> pixels16, int width, int height, int channels, PngColorType colorType, PngEncodeOptions options, ReadOnlySpan<byte> palette)
    {
        WriteHead(output, width, height, pixels8.IsEmpty ? 16 : 8, colorType, palette);
        using (var idat = new IdatWriter(output))
        {
            DeflateRows(idat, pixels8, pixels16, width, height, channels, options);
            idat.Finish();
        }

        WriteEnd(output);
    }

    /// <summary>Signature, IHDR and, for a palette image, PLTE.</summary>
    internal static void WriteHead(Stream output, int width, int height, int bitDepth, PngColorType colorType, ReadOnlySpan<byte> palette)
    {
        Span<byte> head = stackalloc byte[PngSignature.Length + 12 + PngHeader.Length];
        PngSignature.Bytes.CopyTo(head);
        WriteChunkHeader(head[8..], PngHeader.Length, PngChunkReader.IHDR);
        PngHeader.Write(head[16..], width, height, bitDepth, colorType);
        BinaryPrimitives.WriteUInt32BigEndian(head[29..], Crc32.Compute(head[12..29]));
        output.Write(head);
        if (colorType == PngColorType.Palette)
        {
            Span<byte> plte = stackalloc byte[8 + (3 * 256) + 4];
            plte = plte[..(8 + palette.Length + 4)];
            WriteChunkHeader(plte, palette.Length, PngChunkReader.PLTE);
            palette.CopyTo(plte[8..]);
            BinaryPrimitives.WriteUInt32BigEndian(plte[(8 + palette.Length)..], Crc32.Compute(plte[4..(8 + palette.Length)]));
            output.Write(plte);
        }
    }

    /// <summary>The IEND chunk.</summary>
    internal static void WriteEnd(Stream output)
    {
        Span<byte> end = stackalloc byte[12];
        WriteChunkHeader(end, 0, PngChunkReader.IEND);
        BinaryPrimitives.WriteUInt32BigEndian(end[8..], Crc32.Compute(end[4..8]));
        output.Write(end);
    }

    /// <summary>Filters every row and writes the zlib stream of the IDAT data to <paramref name="sink"/>.</summary>
    internal static void DeflateRows(Stream sink, ReadOnlySpan<byte> pixels8, ReadOnlySpan<ushort> pixels16, int width, int height, int channels, PngEncodeOptions options)
    {
        bool is16 = pixels8.IsEmpty;
        int bpp = channels * (is16 ? 2 : 1);
        int rowBytes = width * bpp;
        byte[] current = ArrayPool<byte>.Shared.Rent(Pad + rowBytes);
        byte[] previous = ArrayPool<byte>.Shared.Rent(Pad + rowBytes);
        byte[] scanline = ArrayPool<byte>.Shared.Rent(1 + rowBytes);
        try
        {
            current.AsSpan(0, Pad + rowBytes).Clear();
            previous.AsSpan(0, Pad + rowBytes).Clear();
            var zlib = new ZLibCompressionOptions { CompressionLevel = options.CompressionLevel, CompressionStrategy = options.Strategy };
            using (var deflater = new ZLibStream(sink, zlib, leaveOpen: true))
            {
                for (int y = 0; y < height; y++)
                {
                    // Deflating a wide row takes tens of microseconds: a cancellation check every 16 rows is free.
                    if ((y & 15) == 0)
                    {
                        KernelCancellation.ThrowIfRequested();
                    }

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

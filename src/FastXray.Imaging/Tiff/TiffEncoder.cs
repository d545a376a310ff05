using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using FastXray.Imaging.Png;

namespace FastXray.Imaging.Tiff;

/// <summary>Writes grey 8- or 16-bit images as baseline little-endian TIFF, uncompressed or Deflate with predictor 2.</summary>
/// <remarks>
/// <para>Layout: the 8-byte header, the strips, then IFD 0 (word-aligned) followed by the values that do not
/// fit in their entries (strip offsets and byte counts, X/YResolution). Tags, in ascending order as TIFF 6.0
/// requires: ImageWidth, ImageLength, BitsPerSample, Compression, PhotometricInterpretation (MinIsBlack),
/// StripOffsets, SamplesPerPixel (1), RowsPerStrip, StripByteCounts, XResolution and YResolution (1/1),
/// PlanarConfiguration (1), ResolutionUnit (none), Predictor (2, Deflate only), SampleFormat (unsigned).</para>
/// <para>Strips hold about 64 KB of samples (at least one row), as libtiff chooses. Deflate strips are
/// separate zlib streams of the row-differenced samples at zlib level 6 (<see cref="CompressionLevel.Optimal"/>,
/// libtiff's default); they are compressed into a pooled buffer first because the IFD records their sizes.
/// Classic TIFF offsets are 32-bit, so a file above 4 GiB is refused.</para>
/// </remarks>
public static class TiffEncoder
{
    private const int StripTarget = 64 * 1024;

    /// <summary>Writes 8-bit grey samples (row-major, width·height of them).</summary>
    public static void Encode(Stream destination, ReadOnlySpan<byte> gray8, int width, int height, TiffCompression compression) =>
        Write(destination, gray8, width, height, 1, compression);

    /// <summary>Writes 16-bit grey samples (row-major, width·height of them).</summary>
    public static void Encode(Stream destination, ReadOnlySpan<ushort> gray16, int width, int height, TiffCompression compression) =>
        Write(destination, MemoryMarshal.AsBytes(gray16), width, height, 2, compression);

    /// <summary>Rows per strip: about 64 KB of samples, at least one row, at most the image.</summary>
    internal static int RowsPerStrip(int width, int height, int sampleBytes) =>
        (int)Math.Clamp(StripTarget / ((long)width * sampleBytes), 1, height);

    /// <summary>The shared body of both overloads: <c>samples</c> are host-order samples as bytes.</summary>
    private static void Write(Stream destination, ReadOnlySpan<byte> samples, int width, int height, int sampleBytes, TiffCompression compression)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (width <= 0 || height <= 0 || samples.Length != (long)width * height * sampleBytes)
        {
            ThrowHelper.ThrowArgument(nameof(samples), $"{samples.Length / sampleBytes} samples for a {width}x{height} image");
        }

        if (compression is not (TiffCompression.None or TiffCompression.Deflate))
        {
            ThrowHelper.ThrowArgument(nameof(compression), $"unknown TIFF compression {compression}");
        }

        int rowBytes = width * sampleBytes;
        int rowsPerStrip = RowsPerStrip(width, height, sampleBytes);
        int strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        long[] counts = new long[strips];
        for (int s = 0; s < strips; s++)
        {
            counts[s] = (long)Math.Min(rowsPerStrip, height - (s * rowsPerStrip)) * rowBytes;
        }

        if (compression == TiffCompression.None)
        {
            WriteFile(destination, width, height, sampleBytes, compression, rowsPerStrip, counts, samples, raw: true);
            return;
        }

        using var compressed = new PooledBufferStream(samples.Length / 2);
        byte[] scratch = ArrayPool<byte>.Shared.Rent(rowBytes);
        try
        {
            for (int s = 0; s < strips; s++)
            {
                long before = compressed.Length;
                using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
                {
                    int rows = Math.Min(rowsPerStrip, height - (s * rowsPerStrip));
                    for (int r = 0; r < rows; r++)
                    {
                        ReadOnlySpan<byte> source = samples.Slice(((s * rowsPerStrip) + r) * rowBytes, rowBytes);
                        Span<byte> row = scratch.AsSpan(0, rowBytes);
                        DifferenceRow(source, row, sampleBytes);
                        zlib.Write(row);
                    }
                }

                counts[s] = compressed.Length - before;
            }

            WriteFile(destination, width, height, sampleBytes, compression, rowsPerStrip, counts, compressed.Written, raw: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Predictor 2 on one row, written little-endian.</summary>
    private static void DifferenceRow(ReadOnlySpan<byte> source, Span<byte> row, int sampleBytes)
    {
        if (sampleBytes == 1)
        {
            TiffPredictor.Difference(source, row);
            return;
        }

        Span<ushort> wide = MemoryMarshal.Cast<byte, ushort>(row);
        TiffPredictor.Difference(MemoryMarshal.Cast<byte, ushort>(source), wide);
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(wide, wide);
        }
    }

    private static void WriteRaw(Stream stream, ReadOnlySpan<byte> samples, int sampleBytes)
    {
        if (sampleBytes == 1 || BitConverter.IsLittleEndian)
        {
            stream.Write(samples);
            return;
        }

        byte[] swapped = ArrayPool<byte>.Shared.Rent(samples.Length);
        try
        {
            BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(samples), MemoryMarshal.Cast<byte, ushort>(swapped.AsSpan(0, samples.Length)));
            stream.Write(swapped, 0, samples.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(swapped);
        }
    }

    /// <summary>Header, strip data, IFD. Uncompressed data (<c>raw</c>) is host-order samples, swapped to little-endian if need be; otherwise finished strips.</summary>
    private static void WriteFile(Stream destination, int width, int height, int sampleBytes, TiffCompression compression, int rowsPerStrip, long[] counts, ReadOnlySpan<byte> data, bool raw)
    {
        byte[] head = Header(width, height, sampleBytes, compression, rowsPerStrip, counts, data.Length, out byte[] ifd);
        destination.Write(head);
        if (raw)
        {
            WriteRaw(destination, data, sampleBytes);
        }
        else
        {
            destination.Write(data);
        }

        destination.Write(ifd);
    }

    /// <summary>The 8-byte header and, in <paramref name="ifd"/>, the padding, IFD 0 and its out-of-line values.</summary>
    private static byte[] Header(int width, int height, int sampleBytes, TiffCompression compression, int rowsPerStrip, long[] counts, long dataBytes, out byte[] ifd)
    {
        bool deflate = compression == TiffCompression.Deflate;
        int strips = counts.Length;
        int entries = deflate ? 15 : 14;
        int pad = (int)(dataBytes & 1);
        long ifdOffset = 8 + dataBytes + pad;
        long valuesOffset = ifdOffset + 2 + (12 * entries) + 4;
        // Out-of-line values: offsets and counts when more than one strip, then the two rationals.
        long offsetsAt = valuesOffset;
        long countsAt = offsetsAt + (strips > 1 ? 4L * strips : 0);
        long xResAt = countsAt + (strips > 1 ? 4L * strips : 0);
        long yResAt = xResAt + 8;
        long end = yResAt + 8;
        if (end > uint.MaxValue)
        {
            ThrowHelper.ThrowArgument(nameof(dataBytes), $"a {width}x{height} TIFF of {end} bytes exceeds classic TIFF's 4 GiB");
        }

        byte[] head = new byte[8];
        "II"u8.CopyTo(head);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(4), (uint)ifdOffset);

        ifd = new byte[pad + (int)(end - ifdOffset)];
        Span<byte> dir = ifd.AsSpan(pad);
        int at = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(dir, (ushort)entries);
        at += 2;

        void Entry(Span<byte> dir, ushort tag, ushort type, uint count, uint value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(dir[at..], tag);
            BinaryPrimitives.WriteUInt16LittleEndian(dir[(at + 2)..], type);
            BinaryPrimitives.WriteUInt32LittleEndian(dir[(at + 4)..], count);
            // SHORT values sit left-justified in the value field; little-endian, so writing the number as a
            // LONG puts it there.
            BinaryPrimitives.WriteUInt32LittleEndian(dir[(at + 8)..], value);
            at += 12;
        }

        Entry(dir, TiffTag.ImageWidth, TiffTag.TypeLong, 1, (uint)width);
        Entry(dir, TiffTag.ImageLength, TiffTag.TypeLong, 1, (uint)height);
        Entry(dir, TiffTag.BitsPerSample, TiffTag.TypeShort, 1, (uint)(8 * sampleBytes));
        Entry(dir, TiffTag.Compression, TiffTag.TypeShort, 1, deflate ? 8u : 1u);
        Entry(dir, TiffTag.Photometric, TiffTag.TypeShort, 1, 1);
        Entry(dir, TiffTag.StripOffsets, TiffTag.TypeLong, (uint)strips, strips > 1 ? (uint)offsetsAt : 8u);
        Entry(dir, TiffTag.SamplesPerPixel, TiffTag.TypeShort, 1, 1);
        Entry(dir, TiffTag.RowsPerStrip, TiffTag.TypeLong, 1, (uint)rowsPerStrip);
        Entry(dir, TiffTag.StripByteCounts, TiffTag.TypeLong, (uint)strips, strips > 1 ? (uint)countsAt : (uint)counts[0]);
        Entry(dir, TiffTag.XResolution, TiffTag.TypeRational, 1, (uint)xResAt);
        Entry(dir, TiffTag.YResolution, TiffTag.TypeRational, 1, (uint)yResAt);
        Entry(dir, TiffTag.PlanarConfiguration, TiffTag.TypeShort, 1, 1);
        Entry(dir, TiffTag.ResolutionUnit, TiffTag.TypeShort, 1, 1);
        if (deflate)
        {
            Entry(dir, TiffTag.Predictor, TiffTag.TypeShort, 1, 2);
        }

        Entry(dir, TiffTag.SampleFormat, TiffTag.TypeShort, 1, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(dir[at..], 0); // no next IFD
        at += 4;

        if (strips > 1)
        {
            long offset = 8;
            for (int s = 0; s < strips; s++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(dir[at..], (uint)offset);
                BinaryPrimitives.WriteUInt32LittleEndian(dir[(at + (4 * strips))..], (uint)counts[s]);
                offset += counts[s];
                at += 4;
            }

            at += 4 * strips;
        }

        for (int r = 0; r < 2; r++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(dir[at..], 1);
            BinaryPrimitives.WriteUInt32LittleEndian(dir[(at + 4)..], 1);
            at += 8;
        }

        return head;
    }
}

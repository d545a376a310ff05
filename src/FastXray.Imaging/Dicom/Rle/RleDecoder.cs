using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Imaging.Dicom.Rle;

/// <summary>DICOM RLE Lossless (PS3.5 Annex G).</summary>
/// <remarks>
/// A frame is a 64-byte header (segment count, then 15 little-endian segment offsets) and one PackBits-style segment per
/// byte plane: for each sample, most significant byte first (8-bit grey: 1 segment; 16-bit grey: 2; 8-bit RGB: 3).
/// Each segment must decode to exactly width x height bytes. A segment is decoded into one rented byte plane, then
/// merged into the 16-bit destination; the rented plane (width x height bytes) is the only scratch.
/// </remarks>
public static class RleDecoder
{
    private const int HeaderLength = 64;

    /// <summary>Decodes one frame (its fragments concatenated) into width x height x samples values, interleaved by pixel.</summary>
    /// <exception cref="ImageFormatException">Bad header, truncated or overrunning segment (one line).</exception>
    /// <exception cref="ArgumentException">Destination length is not width x height x samples, or bits is not 8 or 16.</exception>
    public static void Decode(ReadOnlySpan<byte> frame, int width, int height, int samplesPerPixel, int bitsAllocated, Span<ushort> destination)
    {
        long pixels = (long)width * height;
        if (width <= 0 || height <= 0 || samplesPerPixel is < 1 or > 4 || bitsAllocated is not (8 or 16) || destination.Length != pixels * samplesPerPixel)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"{destination.Length} samples for {width}x{height}x{samplesPerPixel} at {bitsAllocated} bits");
        }

        int bytesPerSample = bitsAllocated / 8;
        int segments = samplesPerPixel * bytesPerSample;
        if (frame.Length < HeaderLength)
        {
            ThrowHelper.ThrowFormat($"truncated RLE header: {frame.Length} bytes");
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (count != segments)
        {
            ThrowHelper.ThrowFormat($"RLE frame has {count} segments, {samplesPerPixel} samples of {bitsAllocated} bits need {segments}");
        }

        Span<int> offsets = stackalloc int[16];
        for (int i = 0; i < segments; i++)
        {
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(frame[(4 + (4 * i))..]);
            if (offset < HeaderLength || offset >= (uint)frame.Length || (i > 0 && offset <= (uint)offsets[i - 1]))
            {
                ThrowHelper.ThrowFormat($"RLE segment {i} offset {offset} is outside the frame ({frame.Length} bytes) or out of order");
            }

            offsets[i] = (int)offset;
        }

        offsets[segments] = frame.Length;
        int planeLength = (int)pixels;
        byte[] rented = ArrayPool<byte>.Shared.Rent(planeLength);
        try
        {
            Span<byte> plane = rented.AsSpan(0, planeLength);
            for (int s = 0; s < segments; s++)
            {
                DecodeSegment(frame[offsets[s]..offsets[s + 1]], plane, s);
                int sample = s / bytesPerSample;
                bool high = bytesPerSample == 2 && s % 2 == 0;
                bool last = bytesPerSample == 1 || !high;
                Merge(plane, destination, sample, samplesPerPixel, high, last && bytesPerSample == 2);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>PackBits (PS3.5 G.3.1): n in 0..127 copies n+1 literal bytes, -1..-127 repeats the next byte 1-n times, -128 is a no-op.</summary>
    internal static void DecodeSegment(ReadOnlySpan<byte> source, Span<byte> destination, int segment)
    {
        int o = 0;
        int i = 0;
        int n = destination.Length;
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        while (o < n)
        {
            if (i >= source.Length)
            {
                ThrowHelper.ThrowFormat($"truncated RLE segment {segment}: {o} of {n} bytes decoded");
            }

            int c = (sbyte)Unsafe.Add(ref src, i++);
            if (c >= 0)
            {
                int run = c + 1;
                if (run > source.Length - i)
                {
                    ThrowHelper.ThrowFormat($"truncated RLE segment {segment}: literal run of {run} with {source.Length - i} bytes left");
                }

                if (run > n - o)
                {
                    ThrowHelper.ThrowFormat($"RLE segment {segment} overruns its {n} bytes");
                }

                // Both ranges were checked just above: copy without the two slices' own checks.
                Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, o), ref Unsafe.Add(ref src, i), (uint)run);
                i += run;
                o += run;
            }
            else if (c != -128)
            {
                int run = 1 - c;
                if (i >= source.Length)
                {
                    ThrowHelper.ThrowFormat($"truncated RLE segment {segment}: repeat without its byte");
                }

                if (run > n - o)
                {
                    ThrowHelper.ThrowFormat($"RLE segment {segment} overruns its {n} bytes");
                }

                Unsafe.InitBlockUnaligned(ref Unsafe.Add(ref dst, o), Unsafe.Add(ref src, i++), (uint)run);
                o += run;
            }
        }

        // Bytes left in the segment once the plane is full are ignored: encoders pad segments to even length. A run
        // crossing the end of the plane is the overrun refused above.
    }

    /// <summary>
    /// Grey: the plane becomes the high byte (<paramref name="high"/>), is OR-ed in as the low byte
    /// (<paramref name="lowOfPair"/>), or is the whole 8-bit sample. 16 bytes widen to two vectors of 8 words at a time;
    /// the tail is scalar (the OR case is not idempotent, so no overlapping last vector).
    /// </summary>
    private static void MergeGrey(ReadOnlySpan<byte> plane, Span<ushort> destination, bool high, bool lowOfPair)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref byte src = ref MemoryMarshal.GetReference(plane);
            ref ushort dst = ref MemoryMarshal.GetReference(destination);
            for (; i <= plane.Length - 16; i += 16)
            {
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref src, (nuint)i));
                if (high)
                {
                    lo = Vector128.ShiftLeft(lo, 8);
                    hi = Vector128.ShiftLeft(hi, 8);
                }
                else if (lowOfPair)
                {
                    lo |= Vector128.LoadUnsafe(ref dst, (nuint)i);
                    hi |= Vector128.LoadUnsafe(ref dst, (nuint)(i + 8));
                }

                lo.StoreUnsafe(ref dst, (nuint)i);
                hi.StoreUnsafe(ref dst, (nuint)(i + 8));
            }
        }

        for (; i < plane.Length; i++)
        {
            destination[i] = high ? (ushort)(plane[i] << 8) : lowOfPair ? (ushort)(destination[i] | plane[i]) : plane[i];
        }
    }

    /// <summary>Puts one byte plane into its place: the high or low byte of one sample of each pixel.</summary>
    private static void Merge(ReadOnlySpan<byte> plane, Span<ushort> destination, int sample, int samples, bool high, bool lowOfPair)
    {
        if (samples == 1)
        {
            MergeGrey(plane, destination[..plane.Length], high, lowOfPair);
            return;
        }

        Span<ushort> d = destination[sample..];
        for (int i = 0, j = 0; i < plane.Length; i++, j += samples)
        {
            d[j] = high ? (ushort)(plane[i] << 8) : lowOfPair ? (ushort)(d[j] | plane[i]) : plane[i];
        }
    }
}

using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastXray.Imaging.Jpeg;

/// <summary>The scan of a one-component image: 8x8 blocks left to right, top to bottom; DCT, quantise, Huffman-code each.</summary>
/// <remarks>
/// Blocks that stick out past the right or bottom edge are filled by repeating the last column and the last row,
/// which is what libjpeg's <c>expand_right_edge</c> and bottom-edge row copying produce. In a one-component
/// (non-interleaved) scan every block is its own MCU, so there are no dummy blocks. No allocation: small
/// workspaces on the stack for the whole scan. With AVX2 the DCT and quantisation run eight lanes wide
/// (<see cref="JpegForwardDctAvx2"/>); otherwise scalar. Both give the same coefficients.
/// </remarks>
[SkipLocalsInit]
internal static class JpegBlockCoder
{
    /// <summary>libjpeg-turbo's divisors for one table: |x| → ((|x| + Correction) · Reciprocal) >> Shift.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Divisors
    {
        public Block64<uint> Reciprocal;
        public Block64<uint> Correction;
        public Block64<int> Shift;
        public Block64<int> Scale;
    }

    /// <summary>64 inline values.</summary>
    [InlineArray(64)]
    public struct Block64<T>
    {
        private T _element0;
    }

    private static ReadOnlySpan<int> EdgeRowOffsets => [0, 8, 16, 24, 32, 40, 48, 56];

    /// <summary>Codes every block; <paramref name="vector"/> false takes the scalar DCT and quantiser (tests reach both).</summary>
    public static void EncodeScan(ref JpegBitWriter writer, scoped ReadOnlySpan<byte> pixels, int width, int height, ref Divisors divisors, bool vector)
    {
        vector &= JpegForwardDctAvx2.IsSupported;
        Span<int> coefficients = stackalloc int[64];
        Span<int> zigZagged = stackalloc int[64];
        Span<byte> edge = stackalloc byte[64];
        Span<int> rowStart = stackalloc int[8];
        int blocksX = (width + 7) >> 3;
        int blocksY = (height + 7) >> 3;
        int lastDc = 0;
        ref byte origin = ref MemoryMarshal.GetReference(pixels);
        for (int by = 0; by < blocksY; by++)
        {
            // Rows past the bottom repeat the last row.
            for (int i = 0; i < 8; i++)
            {
                rowStart[i] = Math.Min((by * 8) + i, height - 1) * width;
            }

            for (int bx = 0; bx < blocksX; bx++)
            {
                int x0 = bx * 8;
                ref byte source = ref Unsafe.Add(ref origin, x0);
                ReadOnlySpan<int> rows = rowStart;
                if (x0 + 8 > width)
                {
                    // Columns past the right edge repeat the last column.
                    for (int i = 0; i < 8; i++)
                    {
                        for (int j = 0; j < 8; j++)
                        {
                            edge[(i * 8) + j] = pixels[rowStart[i] + Math.Min(x0 + j, width - 1)];
                        }
                    }

                    source = ref MemoryMarshal.GetReference(edge);
                    rows = EdgeRowOffsets;
                }

                if (vector)
                {
                    TransformQuantizeAvx2(ref source, rows, ref divisors, coefficients);
                }
                else
                {
                    TransformQuantizeScalar(ref source, rows, ref divisors, coefficients);
                }

                writer.EnsureBlockRoom();
                lastDc = EncodeBlock(ref writer, coefficients, zigZagged, lastDc);
            }
        }
    }

    private static void TransformQuantizeScalar(ref byte source, ReadOnlySpan<int> rows, ref Divisors divisors, Span<int> block)
    {
        for (int i = 0; i < 8; i++)
        {
            ref byte row = ref Unsafe.Add(ref source, rows[i]);
            for (int j = 0; j < 8; j++)
            {
                block[(i * 8) + j] = Unsafe.Add(ref row, j) - 128;
            }
        }

        JpegForwardDct.Transform(block);
        for (int i = 0; i < 64; i++)
        {
            int x = block[i];
            uint magnitude = (uint)Math.Abs(x);
            int q = (int)(((magnitude + divisors.Correction[i]) * divisors.Reciprocal[i]) >> divisors.Shift[i]);
            block[i] = x < 0 ? -q : q;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransformQuantizeAvx2(ref byte source, ReadOnlySpan<int> rows, ref Divisors divisors, Span<int> block)
    {
        Vector256<int> r0 = LoadRow(ref source, rows[0]), r1 = LoadRow(ref source, rows[1]);
        Vector256<int> r2 = LoadRow(ref source, rows[2]), r3 = LoadRow(ref source, rows[3]);
        Vector256<int> r4 = LoadRow(ref source, rows[4]), r5 = LoadRow(ref source, rows[5]);
        Vector256<int> r6 = LoadRow(ref source, rows[6]), r7 = LoadRow(ref source, rows[7]);
        JpegForwardDctAvx2.Transform(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);

        ref int output = ref MemoryMarshal.GetReference(block);
        ref uint recip = ref divisors.Reciprocal[0];
        ref uint corr = ref divisors.Correction[0];
        ref int scale = ref divisors.Scale[0];
        Quantize(r0, 0, ref recip, ref corr, ref scale, ref output);
        Quantize(r1, 8, ref recip, ref corr, ref scale, ref output);
        Quantize(r2, 16, ref recip, ref corr, ref scale, ref output);
        Quantize(r3, 24, ref recip, ref corr, ref scale, ref output);
        Quantize(r4, 32, ref recip, ref corr, ref scale, ref output);
        Quantize(r5, 40, ref recip, ref corr, ref scale, ref output);
        Quantize(r6, 48, ref recip, ref corr, ref scale, ref output);
        Quantize(r7, 56, ref recip, ref corr, ref scale, ref output);
    }

    /// <summary>Eight samples widened to int and centred (−128).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> LoadRow(ref byte source, int offset)
    {
        Vector128<byte> bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, offset))).AsByte();
        return Avx2.ConvertToVector256Int32(bytes) - Vector256.Create(128);
    }

    /// <summary>One row: ((|x| + c) · recip >> 16) · scale >> 16 = (|x| + c) · recip >> r in 32-bit lanes, sign restored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Quantize(Vector256<int> x, int at, ref uint recip, ref uint corr, ref int scale, ref int output)
    {
        Vector256<uint> magnitude = Vector256.Abs(x).AsUInt32();
        Vector256<uint> product = (magnitude + Vector256.LoadUnsafe(ref corr, (nuint)at)) * Vector256.LoadUnsafe(ref recip, (nuint)at);
        Vector256<uint> q = Vector256.ShiftRightLogical(Vector256.ShiftRightLogical(product, 16) * Vector256.LoadUnsafe(ref scale, (nuint)at).AsUInt32(), 16);
        Avx2.Sign(q.AsInt32(), x).StoreUnsafe(ref output, (nuint)at);
    }

    /// <summary>Huffman-codes one quantised block (natural order) and returns its DC value for the next block's difference.</summary>
    /// <remarks>The AC coefficients are visited through a 64-bit mask of the non-zero ones (zig-zag order), so runs of zeros cost nothing.</remarks>
    private static int EncodeBlock(ref JpegBitWriter writer, scoped ReadOnlySpan<int> block, scoped Span<int> zigZagged, int lastDc)
    {
        Debug.Assert(block.Length == 64 && zigZagged.Length == 64);
        ref byte order = ref MemoryMarshal.GetReference(JpegHeader.ZigZag);
        ref int from = ref MemoryMarshal.GetReference(block);
        ref int to = ref MemoryMarshal.GetReference(zigZagged);
        for (nint k = 0; k < 64; k++)
        {
            // Both spans are exactly 64 long and every zig-zag index is below 64: no bounds checks needed.
            Unsafe.Add(ref to, k) = Unsafe.Add(ref from, Unsafe.Add(ref order, k));
        }

        ulong nonZero = NonZeroMask(zigZagged);

        JpegBitWriter.State state = writer.Begin();
        ref uint dcCodes = ref MemoryMarshal.GetArrayDataReference(JpegHuffmanTable.DcLuminance.Packed);
        ref uint acCodes = ref MemoryMarshal.GetArrayDataReference(JpegHuffmanTable.AcLuminance.Packed);

        int value = zigZagged[0] - lastDc;
        int size = Category(value);
        Debug.Assert(size <= 11);
        uint entry = Unsafe.Add(ref dcCodes, size);
        JpegBitWriter.Put(ref state, ((entry >> 8) << size) | Bits(value, size), (int)(entry & 0xFF) + size);

        nonZero &= ~1UL;
        int previous = 0;
        while (nonZero != 0)
        {
            int k = BitOperations.TrailingZeroCount(nonZero);
            nonZero &= nonZero - 1;
            int run = k - previous - 1;
            previous = k;
            while (run > 15)
            {
                entry = Unsafe.Add(ref acCodes, 0xF0);
                JpegBitWriter.Put(ref state, entry >> 8, (int)(entry & 0xFF));
                run -= 16;
            }

            value = Unsafe.Add(ref to, k);
            size = Category(value);
            Debug.Assert(size <= 10);
            entry = Unsafe.Add(ref acCodes, (run << 4) + size);
            JpegBitWriter.Put(ref state, ((entry >> 8) << size) | Bits(value, size), (int)(entry & 0xFF) + size);
        }

        if (previous != 63)
        {
            entry = acCodes;
            JpegBitWriter.Put(ref state, entry >> 8, (int)(entry & 0xFF));
        }

        writer.End(state);
        return zigZagged[0];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong NonZeroMask(ReadOnlySpan<int> values)
    {
        ulong mask = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref int v = ref MemoryMarshal.GetReference(values);
            for (int c = 0; c < 8; c++)
            {
                uint zero = Vector256.Equals(Vector256.LoadUnsafe(ref v, (nuint)(c * 8)), Vector256<int>.Zero).ExtractMostSignificantBits();
                mask |= (ulong)(~zero & 0xFF) << (c * 8);
            }

            return mask;
        }

        for (int k = 0; k < 64; k++)
        {
            mask |= (values[k] != 0 ? 1UL : 0UL) << k;
        }

        return mask;
    }

    /// <summary>Number of bits of |value| (the JPEG magnitude category), 0 for 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Category(int value) => 32 - BitOperations.LeadingZeroCount((uint)Math.Abs(value));

    /// <summary>The value's low <paramref name="size"/> bits, negative values as value − 1 (one's complement), per T.81 F.1.2.1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Bits(int value, int size)
    {
        Debug.Assert(size <= 16);
        int v = value < 0 ? value - 1 : value;
        return (uint)v & ((1u << size) - 1);
    }
}

using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Imaging.Jpeg;

/// <summary>The scan of a one-component image: 8x8 blocks left to right, top to bottom; DCT, quantise, Huffman-code each.</summary>
/// <remarks>
/// Blocks that stick out past the right or bottom edge are filled by repeating the last column and the last row,
/// which is what libjpeg's <c>expand_right_edge</c> and bottom-edge row copying produce. In a one-component
/// (non-interleaved) scan every block is its own MCU, so there are no dummy blocks. No allocation: one 64-int
/// workspace on the stack for the whole scan.
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
    }

    /// <summary>64 inline values.</summary>
    [InlineArray(64)]
    public struct Block64<T>
    {
        private T _element0;
    }

    public static void EncodeScan(ref JpegBitWriter writer, scoped ReadOnlySpan<byte> pixels, int width, int height, ref Divisors divisors)
    {
        Span<int> block = stackalloc int[64];
        Span<int> rowStart = stackalloc int[8];
        int blocksX = (width + 7) >> 3;
        int blocksY = (height + 7) >> 3;
        int lastDc = 0;
        for (int by = 0; by < blocksY; by++)
        {
            for (int i = 0; i < 8; i++)
            {
                rowStart[i] = Math.Min((by * 8) + i, height - 1) * width;
            }

            for (int bx = 0; bx < blocksX; bx++)
            {
                int x0 = bx * 8;
                if (x0 + 8 <= width)
                {
                    LoadInterior(pixels, rowStart, x0, block);
                }
                else
                {
                    LoadRightEdge(pixels, rowStart, x0, width, block);
                }

                JpegForwardDct.Transform(block);
                Quantize(block, ref divisors);
                writer.EnsureBlockRoom();
                lastDc = EncodeBlock(ref writer, block, lastDc);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadInterior(ReadOnlySpan<byte> pixels, ReadOnlySpan<int> rowStart, int x0, Span<int> block)
    {
        for (int i = 0; i < 8; i++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(rowStart[i] + x0, 8);
            Span<int> b = block.Slice(i * 8, 8);
            for (int j = 0; j < 8; j++)
            {
                b[j] = row[j] - 128;
            }
        }
    }

    private static void LoadRightEdge(ReadOnlySpan<byte> pixels, ReadOnlySpan<int> rowStart, int x0, int width, Span<int> block)
    {
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                block[(i * 8) + j] = pixels[rowStart[i] + Math.Min(x0 + j, width - 1)] - 128;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Quantize(Span<int> block, ref Divisors divisors)
    {
        for (int i = 0; i < 64; i++)
        {
            int x = block[i];
            uint magnitude = (uint)Math.Abs(x);
            int q = (int)(((magnitude + divisors.Correction[i]) * divisors.Reciprocal[i]) >> divisors.Shift[i]);
            block[i] = x < 0 ? -q : q;
        }
    }

    /// <summary>Huffman-codes one quantised block (natural order) and returns its DC value for the next block's difference.</summary>
    private static int EncodeBlock(ref JpegBitWriter writer, scoped ReadOnlySpan<int> block, int lastDc)
    {
        JpegHuffmanTable dc = JpegHuffmanTable.DcLuminance;
        JpegHuffmanTable ac = JpegHuffmanTable.AcLuminance;
        uint[] acCodes = ac.Codes;
        byte[] acSizes = ac.Sizes;

        int value = block[0] - lastDc;
        int size = Category(value);
        writer.Put((dc.Codes[size] << size) | Bits(value, size), dc.Sizes[size] + size);

        ReadOnlySpan<byte> zigZag = JpegHeader.ZigZag;
        int run = 0;
        for (int k = 1; k < 64; k++)
        {
            value = block[zigZag[k]];
            if (value == 0)
            {
                run++;
                continue;
            }

            while (run > 15)
            {
                writer.Put(acCodes[0xF0], acSizes[0xF0]);
                run -= 16;
            }

            size = Category(value);
            int symbol = (run << 4) + size;
            writer.Put((acCodes[symbol] << size) | Bits(value, size), acSizes[symbol] + size);
            run = 0;
        }

        if (run > 0)
        {
            writer.Put(acCodes[0x00], acSizes[0x00]);
        }

        return block[0];
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

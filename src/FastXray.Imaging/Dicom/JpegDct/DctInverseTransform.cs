using System.Runtime.CompilerServices;
using static FastXray.Imaging.Jpeg.JpegIslowConstants;

namespace FastXray.Imaging.Dicom.JpegDct;

/// <summary>
/// Dequantisation and inverse DCT, bit-exact with IJG libjpeg 6b's jidctint.c ("islow", the default dcmtk's dcmdjpeg
/// uses): CONST_BITS 13, PASS1_BITS 2 at 8-bit precision and 1 at 12-bit, int32 arithmetic that wraps as the C does on
/// corrupt data, and the output through libjpeg's range-limit table indexed by the value masked to 4 x 2^P
/// (so in-range and mildly out-of-range values clamp to 0..2^P-1, and wildly corrupt ones wrap the way libjpeg's do).
/// </summary>
internal static class DctInverseTransform
{

    /// <summary>libjpeg's post-IDCT range_limit table for 8-bit samples, 4 x 256 entries.</summary>
    public static readonly ushort[] RangeLimit8 = BuildRangeLimit(8);

    /// <summary>The same for 12-bit samples, 4 x 4096 entries.</summary>
    public static readonly ushort[] RangeLimit12 = BuildRangeLimit(12);

    /// <summary>
    /// jdmaster.c's prepare_range_limit_table seen from IDCT_range_limit (sample_range_limit + CENTERJSAMPLE), indexed by the
    /// descaled IDCT output masked with 4 x 2^P - 1: [0, C) -> x + C, [C, 2M) -> max, [2M, 4M - C) -> 0, [4M - C, 4M) -> x - (4M - C),
    /// with M = 2^P and C = M / 2; i.e. clamp(x + C, 0, M - 1) for |x| below 2M.
    /// </summary>
    private static ushort[] BuildRangeLimit(int precision)
    {
        int m = 1 << precision;
        int c = m / 2;
        var table = new ushort[4 * m];
        for (int x = 0; x < table.Length; x++)
        {
            table[x] = (ushort)(x < c ? x + c : x < 2 * m ? m - 1 : x < 4 * m - c ? 0 : x - (4 * m - c));
        }

        return table;
    }

    /// <summary>The sample value of a block whose AC coefficients are all zero (both passes' zero shortcuts, exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort DcOnly(int dc, int quant, int pass1Bits, ushort[] rangeLimit)
    {
        int w = (dc * quant) << pass1Bits;
        int shift = pass1Bits + 3;
        return rangeLimit[((w + (1 << (shift - 1))) >> shift) & (rangeLimit.Length - 1)];
    }

    /// <summary>islow IDCT of <paramref name="block"/> (natural order, not yet dequantised) into 8 rows of 8 samples at <paramref name="output"/>, <paramref name="stride"/> apart.</summary>
    [SkipLocalsInit]
    public static void Transform(ReadOnlySpan<short> block, ReadOnlySpan<int> quant, int pass1Bits, ushort[] rangeLimit, ref ushort output, int stride)
    {
        Span<int> ws = stackalloc int[64];
        ref short inp = ref Unsafe.AsRef(in block[0]);
        ref int q = ref Unsafe.AsRef(in quant[0]);
        ref int w = ref ws[0];

        // Pass 1: columns from the input into the work array, scaled up by 2^PASS1_BITS.
        if (DctInverseTransformColumns.IsAccelerated)
        {
            DctInverseTransformColumns.Pass1(ref inp, ref q, pass1Bits, ref w);
        }
        else
        {
            Pass1Scalar(ref inp, ref q, pass1Bits, ref w);
        }

        Pass2(ref w, pass1Bits, rangeLimit, ref output, stride);
    }

    /// <summary>The reference column pass, as jidctint.c writes it.</summary>
    internal static void Pass1Scalar(ref short inp, ref int q, int pass1Bits, ref int w)
    {
        int shift1 = ConstBits - pass1Bits;
        int round1 = 1 << (shift1 - 1);
        for (int col = 0; col < 8; col++)
        {
            ref short ci = ref Unsafe.Add(ref inp, col);
            ref ushort cu = ref Unsafe.As<short, ushort>(ref ci);
            ref int cq = ref Unsafe.Add(ref q, col);
            ref int cw = ref Unsafe.Add(ref w, col);
            if ((Unsafe.Add(ref cu, 8) | Unsafe.Add(ref cu, 16) | Unsafe.Add(ref cu, 24) | Unsafe.Add(ref cu, 32) |
                 Unsafe.Add(ref cu, 40) | Unsafe.Add(ref cu, 48) | Unsafe.Add(ref cu, 56)) == 0)
            {
                int dcval = (ci * cq) << pass1Bits;
                for (int r = 0; r < 64; r += 8)
                {
                    Unsafe.Add(ref cw, r) = dcval;
                }

                continue;
            }

            int z2 = Unsafe.Add(ref ci, 16) * Unsafe.Add(ref cq, 16);
            int z3 = Unsafe.Add(ref ci, 48) * Unsafe.Add(ref cq, 48);
            int z1 = (z2 + z3) * Fix0541196100;
            int tmp2 = z1 + (z3 * -Fix1847759065);
            int tmp3 = z1 + (z2 * Fix0765366865);

            z2 = ci * cq;
            z3 = Unsafe.Add(ref ci, 32) * Unsafe.Add(ref cq, 32);
            int tmp0 = (z2 + z3) << ConstBits;
            int tmp1 = (z2 - z3) << ConstBits;

            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = Unsafe.Add(ref ci, 56) * Unsafe.Add(ref cq, 56);
            tmp1 = Unsafe.Add(ref ci, 40) * Unsafe.Add(ref cq, 40);
            tmp2 = Unsafe.Add(ref ci, 24) * Unsafe.Add(ref cq, 24);
            tmp3 = Unsafe.Add(ref ci, 8) * Unsafe.Add(ref cq, 8);
            Odd(ref tmp0, ref tmp1, ref tmp2, ref tmp3);

            Unsafe.Add(ref cw, 0) = (tmp10 + tmp3 + round1) >> shift1;
            Unsafe.Add(ref cw, 56) = (tmp10 - tmp3 + round1) >> shift1;
            Unsafe.Add(ref cw, 8) = (tmp11 + tmp2 + round1) >> shift1;
            Unsafe.Add(ref cw, 48) = (tmp11 - tmp2 + round1) >> shift1;
            Unsafe.Add(ref cw, 16) = (tmp12 + tmp1 + round1) >> shift1;
            Unsafe.Add(ref cw, 40) = (tmp12 - tmp1 + round1) >> shift1;
            Unsafe.Add(ref cw, 24) = (tmp13 + tmp0 + round1) >> shift1;
            Unsafe.Add(ref cw, 32) = (tmp13 - tmp0 + round1) >> shift1;
        }

    }

    /// <summary>Rows from the work array to the output, descaled by 2^(CONST_BITS + PASS1_BITS + 3) and range-limited.</summary>
    private static void Pass2(ref int w, int pass1Bits, ushort[] rangeLimit, ref ushort output, int stride)
    {
        int shift2 = ConstBits + pass1Bits + 3;
        int round2 = 1 << (shift2 - 1);
        int shiftDc = pass1Bits + 3;
        int roundDc = 1 << (shiftDc - 1);
        int mask = rangeLimit.Length - 1;
        ref ushort range = ref rangeLimit[0];
        for (int row = 0; row < 8; row++)
        {
            ref int rw = ref Unsafe.Add(ref w, row * 8);
            ref ushort o = ref Unsafe.Add(ref output, row * stride);
            if ((Unsafe.Add(ref rw, 1) | Unsafe.Add(ref rw, 2) | Unsafe.Add(ref rw, 3) | Unsafe.Add(ref rw, 4) |
                 Unsafe.Add(ref rw, 5) | Unsafe.Add(ref rw, 6) | Unsafe.Add(ref rw, 7)) == 0)
            {
                ushort v = Unsafe.Add(ref range, ((rw + roundDc) >> shiftDc) & mask);
                for (int c = 0; c < 8; c++)
                {
                    Unsafe.Add(ref o, c) = v;
                }

                continue;
            }

            int z2 = Unsafe.Add(ref rw, 2);
            int z3 = Unsafe.Add(ref rw, 6);
            int z1 = (z2 + z3) * Fix0541196100;
            int tmp2 = z1 + (z3 * -Fix1847759065);
            int tmp3 = z1 + (z2 * Fix0765366865);

            int tmp0 = (rw + Unsafe.Add(ref rw, 4)) << ConstBits;
            int tmp1 = (rw - Unsafe.Add(ref rw, 4)) << ConstBits;

            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = Unsafe.Add(ref rw, 7);
            tmp1 = Unsafe.Add(ref rw, 5);
            tmp2 = Unsafe.Add(ref rw, 3);
            tmp3 = Unsafe.Add(ref rw, 1);
            Odd(ref tmp0, ref tmp1, ref tmp2, ref tmp3);

            Unsafe.Add(ref o, 0) = Unsafe.Add(ref range, ((tmp10 + tmp3 + round2) >> shift2) & mask);
            Unsafe.Add(ref o, 7) = Unsafe.Add(ref range, ((tmp10 - tmp3 + round2) >> shift2) & mask);
            Unsafe.Add(ref o, 1) = Unsafe.Add(ref range, ((tmp11 + tmp2 + round2) >> shift2) & mask);
            Unsafe.Add(ref o, 6) = Unsafe.Add(ref range, ((tmp11 - tmp2 + round2) >> shift2) & mask);
            Unsafe.Add(ref o, 2) = Unsafe.Add(ref range, ((tmp12 + tmp1 + round2) >> shift2) & mask);
            Unsafe.Add(ref o, 5) = Unsafe.Add(ref range, ((tmp12 - tmp1 + round2) >> shift2) & mask);
            Unsafe.Add(ref o, 3) = Unsafe.Add(ref range, ((tmp13 + tmp0 + round2) >> shift2) & mask);
            Unsafe.Add(ref o, 4) = Unsafe.Add(ref range, ((tmp13 - tmp0 + round2) >> shift2) & mask);
        }
    }

    /// <summary>The odd part shared by both passes (jidctint.c's tmp0..tmp3 from inputs 7, 5, 3, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Odd(ref int tmp0, ref int tmp1, ref int tmp2, ref int tmp3)
    {
        int z1 = tmp0 + tmp3;
        int z2 = tmp1 + tmp2;
        int z3 = tmp0 + tmp2;
        int z4 = tmp1 + tmp3;
        int z5 = (z3 + z4) * Fix1175875602;

        tmp0 *= Fix0298631336;
        tmp1 *= Fix2053119869;
        tmp2 *= Fix3072711026;
        tmp3 *= Fix1501321110;
        z1 *= -Fix0899976223;
        z2 *= -Fix2562915447;
        z3 *= -Fix1961570560;
        z4 *= -Fix0390180644;

        z3 += z5;
        z4 += z5;

        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;
    }
}

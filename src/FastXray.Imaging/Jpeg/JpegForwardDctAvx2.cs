using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastXray.Imaging.Jpeg;

/// <summary>The same islow DCT as <see cref="JpegForwardDct"/>, eight rows or columns at once in 32-bit lanes.</summary>
/// <remarks>
/// Lane layout: each Vector256 holds one row of the block (8 ints). Pass 1 needs the taps of a row in separate
/// vectors, so the rows are transposed first; the butterfly then runs lane-wise over all eight rows and yields
/// one vector per output column. Transposing again gives rows of the intermediate, and pass 2 runs lane-wise over
/// the columns, producing the final rows directly, with no third transpose. Integer arithmetic identical to the
/// scalar version (32-bit multiply-low, arithmetic shifts), so results are bit-equal; tests compare both.
/// </remarks>
internal static class JpegForwardDctAvx2
{
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>Transforms eight centred rows in place (rows in, rows of coefficients out).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transform(ref Vector256<int> r0, ref Vector256<int> r1, ref Vector256<int> r2, ref Vector256<int> r3,
        ref Vector256<int> r4, ref Vector256<int> r5, ref Vector256<int> r6, ref Vector256<int> r7)
    {
        Debug.Assert(Avx2.IsSupported);
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Butterfly(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, pass1: true);
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Butterfly(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, pass1: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref Vector256<int> v0, ref Vector256<int> v1, ref Vector256<int> v2, ref Vector256<int> v3,
        ref Vector256<int> v4, ref Vector256<int> v5, ref Vector256<int> v6, ref Vector256<int> v7, bool pass1)
    {
        const int ConstBits = 13, Pass1Bits = 2;
        int oddShift = pass1 ? ConstBits - Pass1Bits : ConstBits + Pass1Bits;

        Vector256<int> tmp0 = v0 + v7, tmp7 = v0 - v7;
        Vector256<int> tmp1 = v1 + v6, tmp6 = v1 - v6;
        Vector256<int> tmp2 = v2 + v5, tmp5 = v2 - v5;
        Vector256<int> tmp3 = v3 + v4, tmp4 = v3 - v4;

        Vector256<int> tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3;
        Vector256<int> tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
        if (pass1)
        {
            v0 = (tmp10 + tmp11) << Pass1Bits;
            v4 = (tmp10 - tmp11) << Pass1Bits;
        }
        else
        {
            v0 = Descale(tmp10 + tmp11, Pass1Bits);
            v4 = Descale(tmp10 - tmp11, Pass1Bits);
        }

        Vector256<int> z1 = (tmp12 + tmp13) * 4433;
        v2 = Descale(z1 + (tmp13 * 6270), oddShift);
        v6 = Descale(z1 - (tmp12 * 15137), oddShift);

        z1 = tmp4 + tmp7;
        Vector256<int> z2 = tmp5 + tmp6;
        Vector256<int> z3 = tmp4 + tmp6;
        Vector256<int> z4 = tmp5 + tmp7;
        Vector256<int> z5 = (z3 + z4) * 9633;

        tmp4 *= 2446;
        tmp5 *= 16819;
        tmp6 *= 25172;
        tmp7 *= 12299;
        z1 *= -7373;
        z2 *= -20995;
        z3 = (z3 * -16069) + z5;
        z4 = (z4 * -3196) + z5;

        v7 = Descale(tmp4 + z1 + z3, oddShift);
        v5 = Descale(tmp5 + z2 + z4, oddShift);
        v3 = Descale(tmp6 + z2 + z3, oddShift);
        v1 = Descale(tmp7 + z1 + z4, oddShift);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Descale(Vector256<int> x, int n) =>
        Vector256.ShiftRightArithmetic(x + Vector256.Create(1 << (n - 1)), n);

    /// <summary>8x8 transpose of 32-bit lanes: 32-bit unpacks, 64-bit unpacks, then 128-bit lane swaps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref Vector256<int> r0, ref Vector256<int> r1, ref Vector256<int> r2, ref Vector256<int> r3,
        ref Vector256<int> r4, ref Vector256<int> r5, ref Vector256<int> r6, ref Vector256<int> r7)
    {
        // t0 = a0 b0 a1 b1 | a4 b4 a5 b5, t1 = a2 b2 a3 b3 | a6 b6 a7 b7, ...
        Vector256<int> t0 = Avx2.UnpackLow(r0, r1), t1 = Avx2.UnpackHigh(r0, r1);
        Vector256<int> t2 = Avx2.UnpackLow(r2, r3), t3 = Avx2.UnpackHigh(r2, r3);
        Vector256<int> t4 = Avx2.UnpackLow(r4, r5), t5 = Avx2.UnpackHigh(r4, r5);
        Vector256<int> t6 = Avx2.UnpackLow(r6, r7), t7 = Avx2.UnpackHigh(r6, r7);

        // u0 = a0 b0 c0 d0 | a4 b4 c4 d4, u1 = a1 b1 c1 d1 | a5 ..., u2 = a2 .. | a6 .., u3 = a3 .. | a7 ..
        Vector256<int> u0 = Avx2.UnpackLow(t0.AsInt64(), t2.AsInt64()).AsInt32();
        Vector256<int> u1 = Avx2.UnpackHigh(t0.AsInt64(), t2.AsInt64()).AsInt32();
        Vector256<int> u2 = Avx2.UnpackLow(t1.AsInt64(), t3.AsInt64()).AsInt32();
        Vector256<int> u3 = Avx2.UnpackHigh(t1.AsInt64(), t3.AsInt64()).AsInt32();
        Vector256<int> u4 = Avx2.UnpackLow(t4.AsInt64(), t6.AsInt64()).AsInt32();
        Vector256<int> u5 = Avx2.UnpackHigh(t4.AsInt64(), t6.AsInt64()).AsInt32();
        Vector256<int> u6 = Avx2.UnpackLow(t5.AsInt64(), t7.AsInt64()).AsInt32();
        Vector256<int> u7 = Avx2.UnpackHigh(t5.AsInt64(), t7.AsInt64()).AsInt32();

        r0 = Avx2.Permute2x128(u0, u4, 0x20);
        r4 = Avx2.Permute2x128(u0, u4, 0x31);
        r1 = Avx2.Permute2x128(u1, u5, 0x20);
        r5 = Avx2.Permute2x128(u1, u5, 0x31);
        r2 = Avx2.Permute2x128(u2, u6, 0x20);
        r6 = Avx2.Permute2x128(u2, u6, 0x31);
        r3 = Avx2.Permute2x128(u3, u7, 0x20);
        r7 = Avx2.Permute2x128(u3, u7, 0x31);
    }
}

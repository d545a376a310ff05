using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static FastXray.Imaging.Jpeg.JpegIslowConstants;

namespace FastXray.Imaging.Jpeg;

/// <summary>libjpeg's accurate integer forward DCT ("islow", jfdctint.c): Loeffler–Ligtenberg–Moschytz with 13-bit constants.</summary>
/// <remarks>
/// Input: 64 samples already centred (sample − 128), row-major. Output in place: the 2-D DCT scaled up by 8.
/// Pass 1 (rows) keeps PASS1_BITS = 2 extra fraction bits, pass 2 (columns) removes them; every descale is
/// (x + 2^(n−1)) >> n with an arithmetic shift, as libjpeg's DESCALE. All intermediates fit in int.
/// Same arithmetic as libjpeg-turbo's SIMD versions, which are bit-exact with the C reference.
/// </remarks>
internal static class JpegForwardDct
{
    private const int Pass1Bits = 2;

    public static void Transform(Span<int> data)
    {
        Debug.Assert(data.Length == 64);
        ref int d = ref MemoryMarshal.GetReference(data);

        // Rows: stride 1 between taps, 8 between rows.
        for (int row = 0; row < 64; row += 8)
        {
            Butterfly(ref Unsafe.Add(ref d, row), 1, ConstBits - Pass1Bits, Pass1Bits, pass1: true);
        }

        // Columns: stride 8 between taps.
        for (int col = 0; col < 8; col++)
        {
            Butterfly(ref Unsafe.Add(ref d, col), 8, ConstBits + Pass1Bits, Pass1Bits, pass1: false);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref int p, int s, int oddShift, int evenShift, bool pass1)
    {
        int x0 = p, x1 = Unsafe.Add(ref p, s), x2 = Unsafe.Add(ref p, 2 * s), x3 = Unsafe.Add(ref p, 3 * s);
        int x4 = Unsafe.Add(ref p, 4 * s), x5 = Unsafe.Add(ref p, 5 * s), x6 = Unsafe.Add(ref p, 6 * s), x7 = Unsafe.Add(ref p, 7 * s);

        int tmp0 = x0 + x7, tmp7 = x0 - x7;
        int tmp1 = x1 + x6, tmp6 = x1 - x6;
        int tmp2 = x2 + x5, tmp5 = x2 - x5;
        int tmp3 = x3 + x4, tmp4 = x3 - x4;

        // Even part.
        int tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3;
        int tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
        if (pass1)
        {
            p = (tmp10 + tmp11) << Pass1Bits;
            Unsafe.Add(ref p, 4 * s) = (tmp10 - tmp11) << Pass1Bits;
        }
        else
        {
            p = Descale(tmp10 + tmp11, evenShift);
            Unsafe.Add(ref p, 4 * s) = Descale(tmp10 - tmp11, evenShift);
        }

        int z1 = (tmp12 + tmp13) * Fix0541196100;
        Unsafe.Add(ref p, 2 * s) = Descale(z1 + (tmp13 * Fix0765366865), oddShift);
        Unsafe.Add(ref p, 6 * s) = Descale(z1 - (tmp12 * Fix1847759065), oddShift);

        // Odd part.
        z1 = tmp4 + tmp7;
        int z2 = tmp5 + tmp6;
        int z3 = tmp4 + tmp6;
        int z4 = tmp5 + tmp7;
        int z5 = (z3 + z4) * Fix1175875602;

        tmp4 *= Fix0298631336;
        tmp5 *= Fix2053119869;
        tmp6 *= Fix3072711026;
        tmp7 *= Fix1501321110;
        z1 *= -Fix0899976223;
        z2 *= -Fix2562915447;
        z3 = (z3 * -Fix1961570560) + z5;
        z4 = (z4 * -Fix0390180644) + z5;

        Unsafe.Add(ref p, 7 * s) = Descale(tmp4 + z1 + z3, oddShift);
        Unsafe.Add(ref p, 5 * s) = Descale(tmp5 + z2 + z4, oddShift);
        Unsafe.Add(ref p, 3 * s) = Descale(tmp6 + z2 + z3, oddShift);
        Unsafe.Add(ref p, 1 * s) = Descale(tmp7 + z1 + z4, oddShift);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Descale(int x, int n) => (x + (1 << (n - 1))) >> n;
}

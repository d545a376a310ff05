using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastXray.Imaging.Dicom.JpegDct;

/// <summary>
/// The islow column pass (pass 1) with all 8 columns in the lanes of one Vector256&lt;int&gt; (or 4 in a Vector128 twice):
/// each row of the block is a vector, so the column butterfly is plain lane-wise int32 arithmetic, identical to the scalar
/// code including its wrap-around (vpmulld keeps the low 32 bits like C's int multiply). The scalar code's "column has no
/// AC" shortcut is reproduced with a lane mask so results match even for corrupt coefficients that would overflow.
/// </summary>
internal static class DctInverseTransformColumns
{
    private const int ConstBits = 13;

    public static bool IsAccelerated => Vector256.IsHardwareAccelerated || Vector128.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Pass1(ref short input, ref int quant, int pass1Bits, ref int workspace)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Pass1Vector256(ref input, ref quant, pass1Bits, ref workspace);
        }
        else
        {
            Pass1Vector128(ref input, ref quant, pass1Bits, ref workspace, 0);
            Pass1Vector128(ref input, ref quant, pass1Bits, ref workspace, 4);
        }
    }

    private static Vector256<int> Load256(ref short input, ref int quant, int row)
    {
        (Vector128<int> lower, Vector128<int> upper) = Vector128.Widen(Vector128.LoadUnsafe(ref input, (nuint)(row * 8)));
        return Vector256.Create(lower, upper) * Vector256.LoadUnsafe(ref quant, (nuint)(row * 8));
    }

    private static void Pass1Vector256(ref short input, ref int quant, int pass1Bits, ref int workspace)
    {
        Vector128<short> acAny = Vector128.LoadUnsafe(ref input, 8) | Vector128.LoadUnsafe(ref input, 16) | Vector128.LoadUnsafe(ref input, 24) |
            Vector128.LoadUnsafe(ref input, 32) | Vector128.LoadUnsafe(ref input, 40) | Vector128.LoadUnsafe(ref input, 48) | Vector128.LoadUnsafe(ref input, 56);
        (Vector128<int> acLower, Vector128<int> acUpper) = Vector128.Widen(acAny);
        Vector256<int> noAc = Vector256.Equals(Vector256.Create(acLower, acUpper), Vector256<int>.Zero);

        Vector256<int> in0 = Load256(ref input, ref quant, 0);
        Vector256<int> z2 = Load256(ref input, ref quant, 2);
        Vector256<int> z3 = Load256(ref input, ref quant, 6);
        Vector256<int> z1 = (z2 + z3) * 4433;
        Vector256<int> tmp2 = z1 + (z3 * -15137);
        Vector256<int> tmp3 = z1 + (z2 * 6270);

        z3 = Load256(ref input, ref quant, 4);
        Vector256<int> tmp0 = (in0 + z3) << ConstBits;
        Vector256<int> tmp1 = (in0 - z3) << ConstBits;

        Vector256<int> tmp10 = tmp0 + tmp3;
        Vector256<int> tmp13 = tmp0 - tmp3;
        Vector256<int> tmp11 = tmp1 + tmp2;
        Vector256<int> tmp12 = tmp1 - tmp2;

        tmp0 = Load256(ref input, ref quant, 7);
        tmp1 = Load256(ref input, ref quant, 5);
        tmp2 = Load256(ref input, ref quant, 3);
        tmp3 = Load256(ref input, ref quant, 1);
        z1 = tmp0 + tmp3;
        z2 = tmp1 + tmp2;
        z3 = tmp0 + tmp2;
        Vector256<int> z4 = tmp1 + tmp3;
        Vector256<int> z5 = (z3 + z4) * 9633;
        tmp0 *= 2446;
        tmp1 *= 16819;
        tmp2 *= 25172;
        tmp3 *= 12299;
        z1 *= -7373;
        z2 *= -20995;
        z3 = (z3 * -16069) + z5;
        z4 = (z4 * -3196) + z5;
        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;

        int shift = ConstBits - pass1Bits;
        Vector256<int> round = Vector256.Create(1 << (shift - 1));
        Vector256<int> dc = in0 << pass1Bits;
        Store(Vector256.ConditionalSelect(noAc, dc, Vector256.ShiftRightArithmetic(tmp10 + tmp3 + round, shift)), ref workspace, 0);
        Store(Vector256.ConditionalSelect(noAc, dc, Vector256.ShiftRightArithmetic(tmp10 - tmp3 + round, shift)), ref workspace, 7);
        Store(Vector256.ConditionalSelect(noAc, dc, Vector256.ShiftRightArithmetic(tmp11 + tmp2 + round, shift)), ref workspace, 1);
        Store(Vector256.ConditionalSelect(noAc, dc, Vector256.ShiftRightArithmetic(tmp11 - tmp2 + round, shift)), ref workspace, 6);
        Store(Vector256.ConditionalSelect(noAc, dc, Vector256.ShiftRightArithmetic(tmp12 + tmp1 + round, shift)), ref workspace, 2);
        Store(Vector256.ConditionalSelect(noAc, dc, Vector256.ShiftRightArithmetic(tmp12 - tmp1 + round, shift)), ref workspace, 5);
        Store(Vector256.ConditionalSelect(noAc, dc, Vector256.ShiftRightArithmetic(tmp13 + tmp0 + round, shift)), ref workspace, 3);
        Store(Vector256.ConditionalSelect(noAc, dc, Vector256.ShiftRightArithmetic(tmp13 - tmp0 + round, shift)), ref workspace, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<int> value, ref int workspace, int row) => value.StoreUnsafe(ref workspace, (nuint)(row * 8));

    private static Vector128<int> Load128(ref short input, ref int quant, int row, int column)
    {
        Vector128<int> widened = Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref Unsafe.As<short, byte>(ref Unsafe.Add(ref input, (row * 8) + column)))).AsInt16());
        return widened * Vector128.LoadUnsafe(ref quant, (nuint)((row * 8) + column));
    }

    private static void Pass1Vector128(ref short input, ref int quant, int pass1Bits, ref int workspace, int column)
    {
        Vector128<int> acAny = Vector128<int>.Zero;
        for (int row = 1; row < 8; row++)
        {
            acAny |= Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref Unsafe.As<short, byte>(ref Unsafe.Add(ref input, (row * 8) + column)))).AsInt16());
        }

        Vector128<int> noAc = Vector128.Equals(acAny, Vector128<int>.Zero);

        Vector128<int> in0 = Load128(ref input, ref quant, 0, column);
        Vector128<int> z2 = Load128(ref input, ref quant, 2, column);
        Vector128<int> z3 = Load128(ref input, ref quant, 6, column);
        Vector128<int> z1 = (z2 + z3) * 4433;
        Vector128<int> tmp2 = z1 + (z3 * -15137);
        Vector128<int> tmp3 = z1 + (z2 * 6270);

        z3 = Load128(ref input, ref quant, 4, column);
        Vector128<int> tmp0 = (in0 + z3) << ConstBits;
        Vector128<int> tmp1 = (in0 - z3) << ConstBits;

        Vector128<int> tmp10 = tmp0 + tmp3;
        Vector128<int> tmp13 = tmp0 - tmp3;
        Vector128<int> tmp11 = tmp1 + tmp2;
        Vector128<int> tmp12 = tmp1 - tmp2;

        tmp0 = Load128(ref input, ref quant, 7, column);
        tmp1 = Load128(ref input, ref quant, 5, column);
        tmp2 = Load128(ref input, ref quant, 3, column);
        tmp3 = Load128(ref input, ref quant, 1, column);
        z1 = tmp0 + tmp3;
        z2 = tmp1 + tmp2;
        z3 = tmp0 + tmp2;
        Vector128<int> z4 = tmp1 + tmp3;
        Vector128<int> z5 = (z3 + z4) * 9633;
        tmp0 *= 2446;
        tmp1 *= 16819;
        tmp2 *= 25172;
        tmp3 *= 12299;
        z1 *= -7373;
        z2 *= -20995;
        z3 = (z3 * -16069) + z5;
        z4 = (z4 * -3196) + z5;
        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;

        int shift = ConstBits - pass1Bits;
        Vector128<int> round = Vector128.Create(1 << (shift - 1));
        Vector128<int> dc = in0 << pass1Bits;
        ref int w = ref Unsafe.Add(ref workspace, column);
        Vector128.ConditionalSelect(noAc, dc, Vector128.ShiftRightArithmetic(tmp10 + tmp3 + round, shift)).StoreUnsafe(ref w, 0);
        Vector128.ConditionalSelect(noAc, dc, Vector128.ShiftRightArithmetic(tmp10 - tmp3 + round, shift)).StoreUnsafe(ref w, 56);
        Vector128.ConditionalSelect(noAc, dc, Vector128.ShiftRightArithmetic(tmp11 + tmp2 + round, shift)).StoreUnsafe(ref w, 8);
        Vector128.ConditionalSelect(noAc, dc, Vector128.ShiftRightArithmetic(tmp11 - tmp2 + round, shift)).StoreUnsafe(ref w, 48);
        Vector128.ConditionalSelect(noAc, dc, Vector128.ShiftRightArithmetic(tmp12 + tmp1 + round, shift)).StoreUnsafe(ref w, 16);
        Vector128.ConditionalSelect(noAc, dc, Vector128.ShiftRightArithmetic(tmp12 - tmp1 + round, shift)).StoreUnsafe(ref w, 40);
        Vector128.ConditionalSelect(noAc, dc, Vector128.ShiftRightArithmetic(tmp13 + tmp0 + round, shift)).StoreUnsafe(ref w, 24);
        Vector128.ConditionalSelect(noAc, dc, Vector128.ShiftRightArithmetic(tmp13 - tmp0 + round, shift)).StoreUnsafe(ref w, 32);
    }
}

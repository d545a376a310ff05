using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastXray.Fourier;

/// <summary>
/// An in-register transpose of a square float tile, used to move image rows into (and out of) the lane-per-row
/// batch layout of the row passes. Columns are stored to (or loaded from) arbitrary offsets, so the same tile code
/// also splits complex rows into real/imaginary columns and applies the bit-reversed order.
/// </summary>
internal interface ITileTranspose
{
    /// <summary>Tile edge in floats.</summary>
    static abstract int Size { get; }

    static abstract bool IsSupported { get; }

    /// <summary>Reads <see cref="Size"/> rows of Size floats (rows <paramref name="stride"/> floats apart) and stores
    /// column m at <c>destination + offsets[m]</c>.</summary>
    static abstract void RowsToColumns(ref float source, nint stride, ref float destination, ref nuint offsets);

    /// <summary>Reads column m from <c>source + offsets[m]</c>, multiplies by <paramref name="scale"/> and stores the
    /// rows at <paramref name="destination"/>, <paramref name="stride"/> floats apart.</summary>
    static abstract void ColumnsToRows(ref float source, ref nuint offsets, ref float destination, nint stride, float scale);
}

/// <summary>8×8 with AVX: unpcklps/unpckhps, shufps, then vperm2f128 across the 128-bit halves (24 shuffles).</summary>
internal readonly struct Transpose8 : ITileTranspose
{
    public static int Size => 8;

    public static bool IsSupported => Avx.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RowsToColumns(ref float source, nint stride, ref float destination, ref nuint offsets)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source);
        Vector256<float> r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, stride));
        Vector256<float> r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 2 * stride));
        Vector256<float> r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 3 * stride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 4 * stride));
        Vector256<float> r5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 5 * stride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 6 * stride));
        Vector256<float> r7 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 7 * stride));
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        r0.StoreUnsafe(ref destination, offsets);
        r1.StoreUnsafe(ref destination, Unsafe.Add(ref offsets, 1));
        r2.StoreUnsafe(ref destination, Unsafe.Add(ref offsets, 2));
        r3.StoreUnsafe(ref destination, Unsafe.Add(ref offsets, 3));
        r4.StoreUnsafe(ref destination, Unsafe.Add(ref offsets, 4));
        r5.StoreUnsafe(ref destination, Unsafe.Add(ref offsets, 5));
        r6.StoreUnsafe(ref destination, Unsafe.Add(ref offsets, 6));
        r7.StoreUnsafe(ref destination, Unsafe.Add(ref offsets, 7));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ColumnsToRows(ref float source, ref nuint offsets, ref float destination, nint stride, float scale)
    {
        Vector256<float> s = Vector256.Create(scale);
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source, offsets) * s;
        Vector256<float> r1 = Vector256.LoadUnsafe(ref source, Unsafe.Add(ref offsets, 1)) * s;
        Vector256<float> r2 = Vector256.LoadUnsafe(ref source, Unsafe.Add(ref offsets, 2)) * s;
        Vector256<float> r3 = Vector256.LoadUnsafe(ref source, Unsafe.Add(ref offsets, 3)) * s;
        Vector256<float> r4 = Vector256.LoadUnsafe(ref source, Unsafe.Add(ref offsets, 4)) * s;
        Vector256<float> r5 = Vector256.LoadUnsafe(ref source, Unsafe.Add(ref offsets, 5)) * s;
        Vector256<float> r6 = Vector256.LoadUnsafe(ref source, Unsafe.Add(ref offsets, 6)) * s;
        Vector256<float> r7 = Vector256.LoadUnsafe(ref source, Unsafe.Add(ref offsets, 7)) * s;
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        r0.StoreUnsafe(ref destination);
        r1.StoreUnsafe(ref Unsafe.Add(ref destination, stride));
        r2.StoreUnsafe(ref Unsafe.Add(ref destination, 2 * stride));
        r3.StoreUnsafe(ref Unsafe.Add(ref destination, 3 * stride));
        r4.StoreUnsafe(ref Unsafe.Add(ref destination, 4 * stride));
        r5.StoreUnsafe(ref Unsafe.Add(ref destination, 5 * stride));
        r6.StoreUnsafe(ref Unsafe.Add(ref destination, 6 * stride));
        r7.StoreUnsafe(ref Unsafe.Add(ref destination, 7 * stride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(
        ref Vector256<float> r0, ref Vector256<float> r1, ref Vector256<float> r2, ref Vector256<float> r3,
        ref Vector256<float> r4, ref Vector256<float> r5, ref Vector256<float> r6, ref Vector256<float> r7)
    {
        // t0 = r0[0] r1[0] r0[1] r1[1] | r0[4] r1[4] r0[5] r1[5], t1 = the [2],[3] | [6],[7] pairs, and so on.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1);
        Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3);
        Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5);
        Vector256<float> t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7);
        Vector256<float> t7 = Avx.UnpackHigh(r6, r7);

        // u0 = r0..r3 at [0] | [4], u1 at [1] | [5], u2 at [2] | [6], u3 at [3] | [7]; u4..u7 the same for r4..r7.
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44);
        Vector256<float> u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44);
        Vector256<float> u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44);
        Vector256<float> u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44);
        Vector256<float> u7 = Avx.Shuffle(t5, t7, 0xEE);

        r0 = Avx.Permute2x128(u0, u4, 0x20);
        r1 = Avx.Permute2x128(u1, u5, 0x20);
        r2 = Avx.Permute2x128(u2, u6, 0x20);
        r3 = Avx.Permute2x128(u3, u7, 0x20);
        r4 = Avx.Permute2x128(u0, u4, 0x31);
        r5 = Avx.Permute2x128(u1, u5, 0x31);
        r6 = Avx.Permute2x128(u2, u6, 0x31);
        r7 = Avx.Permute2x128(u3, u7, 0x31);
    }
}

/// <summary>4×4 with SSE (the classic unpack + movlhps/movhlps transpose).</summary>
internal readonly struct Transpose4 : ITileTranspose
{
    public static int Size => 4;

    public static bool IsSupported => Sse.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RowsToColumns(ref float source, nint stride, ref float destination, ref nuint offsets)
    {
        Vector128<float> r0 = Vector128.LoadUnsafe(ref source);
        Vector128<float> r1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref source, stride));
        Vector128<float> r2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref source, 2 * stride));
        Vector128<float> r3 = Vector128.LoadUnsafe(ref Unsafe.Add(ref source, 3 * stride));
        Transpose(ref r0, ref r1, ref r2, ref r3);
        r0.StoreUnsafe(ref destination, offsets);
        r1.StoreUnsafe(ref destination, Unsafe.Add(ref offsets, 1));
        r2.StoreUnsafe(ref destination, Unsafe.Add(ref offsets, 2));
        r3.StoreUnsafe(ref destination, Unsafe.Add(ref offsets, 3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ColumnsToRows(ref float source, ref nuint offsets, ref float destination, nint stride, float scale)
    {
        Vector128<float> s = Vector128.Create(scale);
        Vector128<float> r0 = Vector128.LoadUnsafe(ref source, offsets) * s;
        Vector128<float> r1 = Vector128.LoadUnsafe(ref source, Unsafe.Add(ref offsets, 1)) * s;
        Vector128<float> r2 = Vector128.LoadUnsafe(ref source, Unsafe.Add(ref offsets, 2)) * s;
        Vector128<float> r3 = Vector128.LoadUnsafe(ref source, Unsafe.Add(ref offsets, 3)) * s;
        Transpose(ref r0, ref r1, ref r2, ref r3);
        r0.StoreUnsafe(ref destination);
        r1.StoreUnsafe(ref Unsafe.Add(ref destination, stride));
        r2.StoreUnsafe(ref Unsafe.Add(ref destination, 2 * stride));
        r3.StoreUnsafe(ref Unsafe.Add(ref destination, 3 * stride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref Vector128<float> r0, ref Vector128<float> r1, ref Vector128<float> r2, ref Vector128<float> r3)
    {
        Vector128<float> t0 = Sse.UnpackLow(r0, r1);
        Vector128<float> t1 = Sse.UnpackLow(r2, r3);
        Vector128<float> t2 = Sse.UnpackHigh(r0, r1);
        Vector128<float> t3 = Sse.UnpackHigh(r2, r3);
        r0 = Sse.MoveLowToHigh(t0, t1);
        r1 = Sse.MoveHighToLow(t1, t0);
        r2 = Sse.MoveLowToHigh(t2, t3);
        r3 = Sse.MoveHighToLow(t3, t2);
    }
}

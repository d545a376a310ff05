using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FastXray.Fourier;

/// <summary>
/// The arithmetic a batched FFT needs from one register of float lanes. Each lane carries an independent
/// transform (a different image row or column), so the kernels are written once as scalar code over
/// <typeparamref name="TV"/> and the JIT specialises them for float, Vector128, Vector256 and Vector512.
/// </summary>
/// <remarks>
/// No fused multiply-add is used anywhere: every lane of every width performs exactly the scalar sequence of
/// rounded operations, so FFT results are bit-identical across ISA widths (and the scalar path is a true reference).
/// </remarks>
internal interface IFftLanes<TV>
    where TV : struct
{
    /// <summary>Float lanes per register (1, 4, 8 or 16).</summary>
    static abstract int Count { get; }

    static abstract TV Zero { get; }

    static abstract TV Load(ref float source, nuint offset);

    static abstract void Store(TV value, ref float destination, nuint offset);

    static abstract TV Broadcast(float value);

    static abstract TV Add(TV a, TV b);

    static abstract TV Subtract(TV a, TV b);

    static abstract TV Multiply(TV a, TV b);

    /// <summary>
    /// Splits <see cref="Count"/> interleaved complex values held in two registers into a register of real parts and
    /// one of imaginary parts. The lane order may be any fixed permutation; <see cref="Interleave"/> undoes it.
    /// </summary>
    static abstract void Deinterleave(TV v0, TV v1, out TV re, out TV im);

    /// <summary>The exact inverse of <see cref="Deinterleave"/>.</summary>
    static abstract void Interleave(TV re, TV im, out TV v0, out TV v1);
}

/// <summary>Complex arithmetic on split (real register, imaginary register) values.</summary>
internal static class LaneMath
{
    /// <summary>(re, im) = (xr + i·xi)·(wr + i·wi), as four products and two sums (no FMA; see <see cref="IFftLanes{TV}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply<TV, TOps>(TV xr, TV xi, TV wr, TV wi, out TV re, out TV im)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        re = TOps.Subtract(TOps.Multiply(xr, wr), TOps.Multiply(xi, wi));
        im = TOps.Add(TOps.Multiply(xr, wi), TOps.Multiply(xi, wr));
    }

    /// <summary>The same with a broadcast scalar factor stored as (re, im) at <paramref name="w"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply<TV, TOps>(TV xr, TV xi, ref float w, out TV re, out TV im)
        where TV : struct
        where TOps : struct, IFftLanes<TV> =>
        Multiply<TV, TOps>(xr, xi, TOps.Broadcast(w), TOps.Broadcast(Unsafe.Add(ref w, 1)), out re, out im);
}

/// <summary>One lane: the scalar reference path (also used for single 1-D transforms).</summary>
internal readonly struct ScalarLanes : IFftLanes<float>
{
    public static int Count => 1;

    public static float Zero => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source, nuint offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float destination, nuint offset) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float a, float b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Subtract(float a, float b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float a, float b) => a * b;

    // With one lane the two "registers" are already (re, im).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(float v0, float v1, out float re, out float im)
    {
        re = v0;
        im = v1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(float re, float im, out float v0, out float v1)
    {
        v0 = re;
        v1 = im;
    }
}

/// <summary>Four lanes.</summary>
internal readonly struct Lanes128 : IFftLanes<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

    // x86: shufps picks (r0 r1 | r2 r3) and (i0 i1 | i2 i3) in natural order; unpcklps/unpckhps invert it.
    // Arm64: uzp1/uzp2 and zip1/zip2 do the same. Anything else: element-wise (slow but correct).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(Vector128<float> v0, Vector128<float> v1, out Vector128<float> re, out Vector128<float> im)
    {
        if (Sse.IsSupported)
        {
            re = Sse.Shuffle(v0, v1, 0b10_00_10_00);
            im = Sse.Shuffle(v0, v1, 0b11_01_11_01);
        }
        else if (AdvSimd.Arm64.IsSupported)
        {
            re = AdvSimd.Arm64.UnzipEven(v0, v1);
            im = AdvSimd.Arm64.UnzipOdd(v0, v1);
        }
        else
        {
            re = Vector128.Create(v0[0], v0[2], v1[0], v1[2]);
            im = Vector128.Create(v0[1], v0[3], v1[1], v1[3]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(Vector128<float> re, Vector128<float> im, out Vector128<float> v0, out Vector128<float> v1)
    {
        if (Sse.IsSupported)
        {
            v0 = Sse.UnpackLow(re, im);
            v1 = Sse.UnpackHigh(re, im);
        }
        else if (AdvSimd.Arm64.IsSupported)
        {
            v0 = AdvSimd.Arm64.ZipLow(re, im);
            v1 = AdvSimd.Arm64.ZipHigh(re, im);
        }
        else
        {
            v0 = Vector128.Create(re[0], im[0], re[1], im[1]);
            v1 = Vector128.Create(re[2], im[2], re[3], im[3]);
        }
    }
}

/// <summary>Eight lanes (AVX2 machines).</summary>
internal readonly struct Lanes256 : IFftLanes<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    // vshufps works within 128-bit halves, so the real parts come out as (r0 r1 r4 r5 | r2 r3 r6 r7): a fixed lane
    // permutation, which is all a batch of independent transforms needs. vunpcklps/vunpckhps restore the order.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(Vector256<float> v0, Vector256<float> v1, out Vector256<float> re, out Vector256<float> im)
    {
        if (Avx.IsSupported)
        {
            re = Avx.Shuffle(v0, v1, 0b10_00_10_00);
            im = Avx.Shuffle(v0, v1, 0b11_01_11_01);
        }
        else
        {
            Lanes128.Deinterleave(v0.GetLower(), v0.GetUpper(), out Vector128<float> r0, out Vector128<float> i0);
            Lanes128.Deinterleave(v1.GetLower(), v1.GetUpper(), out Vector128<float> r1, out Vector128<float> i1);
            re = Vector256.Create(r0, r1);
            im = Vector256.Create(i0, i1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(Vector256<float> re, Vector256<float> im, out Vector256<float> v0, out Vector256<float> v1)
    {
        if (Avx.IsSupported)
        {
            v0 = Avx.UnpackLow(re, im);
            v1 = Avx.UnpackHigh(re, im);
        }
        else
        {
            Lanes128.Interleave(re.GetLower(), im.GetLower(), out Vector128<float> a0, out Vector128<float> a1);
            Lanes128.Interleave(re.GetUpper(), im.GetUpper(), out Vector128<float> b0, out Vector128<float> b1);
            v0 = Vector256.Create(a0, a1);
            v1 = Vector256.Create(b0, b1);
        }
    }
}

/// <summary>Sixteen lanes (AVX-512 machines).</summary>
internal readonly struct Lanes512 : IFftLanes<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    // Same in-128-bit-lane permutation as Lanes256, four blocks wide.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(Vector512<float> v0, Vector512<float> v1, out Vector512<float> re, out Vector512<float> im)
    {
        if (Avx512F.IsSupported)
        {
            re = Avx512F.Shuffle(v0, v1, 0b10_00_10_00);
            im = Avx512F.Shuffle(v0, v1, 0b11_01_11_01);
        }
        else
        {
            Lanes256.Deinterleave(v0.GetLower(), v0.GetUpper(), out Vector256<float> r0, out Vector256<float> i0);
            Lanes256.Deinterleave(v1.GetLower(), v1.GetUpper(), out Vector256<float> r1, out Vector256<float> i1);
            re = Vector512.Create(r0, r1);
            im = Vector512.Create(i0, i1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(Vector512<float> re, Vector512<float> im, out Vector512<float> v0, out Vector512<float> v1)
    {
        if (Avx512F.IsSupported)
        {
            v0 = Avx512F.UnpackLow(re, im);
            v1 = Avx512F.UnpackHigh(re, im);
        }
        else
        {
            Lanes256.Interleave(re.GetLower(), im.GetLower(), out Vector256<float> a0, out Vector256<float> a1);
            Lanes256.Interleave(re.GetUpper(), im.GetUpper(), out Vector256<float> b0, out Vector256<float> b1);
            v0 = Vector512.Create(a0, a1);
            v1 = Vector512.Create(b0, b1);
        }
    }
}

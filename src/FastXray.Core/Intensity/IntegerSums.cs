using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Intensity;

/// <summary>
/// Exact sums and sums of squares of 8- and 16-bit samples (the integer sums behind NumPy's exact mean and
/// std of integer images).
/// </summary>
/// <remarks>
/// Lanes: bytes widen to ushort and accumulate in ushort lanes for at most 128 vectors (each vector adds at
/// most 2*255 per lane, 128*510 &lt; 65536), then fold into a ulong; squares of bytes (at most 65025) widen
/// to uint lanes that fold every 16384 vectors; ushort values widen to uint (sum) or, squared, to ulong.
/// Tail: one overlapping last vector whose lanes already summed are zeroed (the identity), so no scalar
/// tail runs on inputs of at least one vector. Results are exact and independent of ISA width.
/// </remarks>
internal static class IntegerSums
{
    private const int ByteSumBlock = 128;
    private const int WideBlock = 16384;

    public static ulong Sum(ReadOnlySpan<byte> source)
    {
        ref byte p = ref MemoryMarshal.GetReference(source);
        int n = source.Length;
        SimdLevel level = SimdCapabilities.Active;
        if (Vector512.IsHardwareAccelerated && level >= SimdLevel.Vector512 && n >= Vector512<byte>.Count)
        {
            return SumBytes512(ref p, n);
        }

        if (Vector256.IsHardwareAccelerated && level >= SimdLevel.Vector256 && n >= Vector256<byte>.Count)
        {
            return SumBytes256(ref p, n);
        }

        if (Vector128.IsHardwareAccelerated && level >= SimdLevel.Vector128 && n >= Vector128<byte>.Count)
        {
            return SumBytes128(ref p, n);
        }

        ulong total = 0;
        for (int i = 0; i < n; i++)
        {
            total += Unsafe.Add(ref p, i);
        }

        return total;
    }

    public static ulong SumOfSquares(ReadOnlySpan<byte> source)
    {
        ref byte p = ref MemoryMarshal.GetReference(source);
        int n = source.Length;
        SimdLevel level = SimdCapabilities.Active;
        if (Vector512.IsHardwareAccelerated && level >= SimdLevel.Vector512 && n >= Vector512<byte>.Count)
        {
            return SquaresBytes512(ref p, n);
        }

        if (Vector256.IsHardwareAccelerated && level >= SimdLevel.Vector256 && n >= Vector256<byte>.Count)
        {
            return SquaresBytes256(ref p, n);
        }

        if (Vector128.IsHardwareAccelerated && level >= SimdLevel.Vector128 && n >= Vector128<byte>.Count)
        {
            return SquaresBytes128(ref p, n);
        }

        ulong total = 0;
        for (int i = 0; i < n; i++)
        {
            uint v = Unsafe.Add(ref p, i);
            total += v * v;
        }

        return total;
    }

    public static ulong Sum(ReadOnlySpan<ushort> source)
    {
        ref ushort p = ref MemoryMarshal.GetReference(source);
        int n = source.Length;
        SimdLevel level = SimdCapabilities.Active;
        if (Vector512.IsHardwareAccelerated && level >= SimdLevel.Vector512 && n >= Vector512<ushort>.Count)
        {
            return SumUInt16x512(ref p, n);
        }

        if (Vector256.IsHardwareAccelerated && level >= SimdLevel.Vector256 && n >= Vector256<ushort>.Count)
        {
            return SumUInt16x256(ref p, n);
        }

        if (Vector128.IsHardwareAccelerated && level >= SimdLevel.Vector128 && n >= Vector128<ushort>.Count)
        {
            return SumUInt16x128(ref p, n);
        }

        ulong total = 0;
        for (int i = 0; i < n; i++)
        {
            total += Unsafe.Add(ref p, i);
        }

        return total;
    }

    public static ulong SumOfSquares(ReadOnlySpan<ushort> source)
    {
        ref ushort p = ref MemoryMarshal.GetReference(source);
        int n = source.Length;
        SimdLevel level = SimdCapabilities.Active;
        if (Vector512.IsHardwareAccelerated && level >= SimdLevel.Vector512 && n >= Vector512<ushort>.Count)
        {
            return SquaresUInt16x512(ref p, n);
        }

        if (Vector256.IsHardwareAccelerated && level >= SimdLevel.Vector256 && n >= Vector256<ushort>.Count)
        {
            return SquaresUInt16x256(ref p, n);
        }

        if (Vector128.IsHardwareAccelerated && level >= SimdLevel.Vector128 && n >= Vector128<ushort>.Count)
        {
            return SquaresUInt16x128(ref p, n);
        }

        ulong total = 0;
        for (int i = 0; i < n; i++)
        {
            ulong v = Unsafe.Add(ref p, i);
            total += v * v;
        }

        return total;
    }

    // ---- bytes: sum ----

    private static ulong SumBytes512(ref byte p, int n)
    {
        int last = n - Vector512<byte>.Count;
        ulong total = 0;
        int i = 0;
        while (i <= last)
        {
            Vector512<ushort> acc = Vector512<ushort>.Zero;
            int stop = i + Math.Min(last - i, (ByteSumBlock - 1) * Vector512<byte>.Count);
            for (; i <= stop; i += Vector512<byte>.Count)
            {
                (Vector512<ushort> lo, Vector512<ushort> hi) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)i));
                acc += lo + hi;
            }

            total += Fold(acc);
        }

        if (i < n)
        {
            Vector512<byte> keep = Vector512.GreaterThanOrEqual(Vector512<byte>.Indices, Vector512.Create((byte)(i - last)));
            (Vector512<ushort> lo, Vector512<ushort> hi) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)last) & keep);
            total += Fold(lo + hi);
        }

        return total;
    }

    private static ulong SumBytes256(ref byte p, int n)
    {
        int last = n - Vector256<byte>.Count;
        ulong total = 0;
        int i = 0;
        while (i <= last)
        {
            Vector256<ushort> acc = Vector256<ushort>.Zero;
            int stop = i + Math.Min(last - i, (ByteSumBlock - 1) * Vector256<byte>.Count);
            for (; i <= stop; i += Vector256<byte>.Count)
            {
                (Vector256<ushort> lo, Vector256<ushort> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)i));
                acc += lo + hi;
            }

            total += Fold(acc);
        }

        if (i < n)
        {
            Vector256<byte> keep = Vector256.GreaterThanOrEqual(Vector256<byte>.Indices, Vector256.Create((byte)(i - last)));
            (Vector256<ushort> lo, Vector256<ushort> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)last) & keep);
            total += Fold(lo + hi);
        }

        return total;
    }

    private static ulong SumBytes128(ref byte p, int n)
    {
        int last = n - Vector128<byte>.Count;
        ulong total = 0;
        int i = 0;
        while (i <= last)
        {
            Vector128<ushort> acc = Vector128<ushort>.Zero;
            int stop = i + Math.Min(last - i, (ByteSumBlock - 1) * Vector128<byte>.Count);
            for (; i <= stop; i += Vector128<byte>.Count)
            {
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref p, (nuint)i));
                acc += lo + hi;
            }

            total += Fold(acc);
        }

        if (i < n)
        {
            Vector128<byte> keep = Vector128.GreaterThanOrEqual(Vector128<byte>.Indices, Vector128.Create((byte)(i - last)));
            (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref p, (nuint)last) & keep);
            total += Fold(lo + hi);
        }

        return total;
    }

    // ---- bytes: sum of squares ----

    private static ulong SquaresBytes512(ref byte p, int n)
    {
        int last = n - Vector512<byte>.Count;
        ulong total = 0;
        int i = 0;
        while (i <= last)
        {
            Vector512<uint> acc = Vector512<uint>.Zero;
            int stop = i + Math.Min(last - i, (WideBlock - 1) * Vector512<byte>.Count);
            for (; i <= stop; i += Vector512<byte>.Count)
            {
                acc += Squares(Vector512.LoadUnsafe(ref p, (nuint)i));
            }

            total += Fold(acc);
        }

        if (i < n)
        {
            Vector512<byte> keep = Vector512.GreaterThanOrEqual(Vector512<byte>.Indices, Vector512.Create((byte)(i - last)));
            total += Fold(Squares(Vector512.LoadUnsafe(ref p, (nuint)last) & keep));
        }

        return total;
    }

    private static ulong SquaresBytes256(ref byte p, int n)
    {
        int last = n - Vector256<byte>.Count;
        ulong total = 0;
        int i = 0;
        while (i <= last)
        {
            Vector256<uint> acc = Vector256<uint>.Zero;
            int stop = i + Math.Min(last - i, (WideBlock - 1) * Vector256<byte>.Count);
            for (; i <= stop; i += Vector256<byte>.Count)
            {
                acc += Squares(Vector256.LoadUnsafe(ref p, (nuint)i));
            }

            total += Fold(acc);
        }

        if (i < n)
        {
            Vector256<byte> keep = Vector256.GreaterThanOrEqual(Vector256<byte>.Indices, Vector256.Create((byte)(i - last)));
            total += Fold(Squares(Vector256.LoadUnsafe(ref p, (nuint)last) & keep));
        }

        return total;
    }

    private static ulong SquaresBytes128(ref byte p, int n)
    {
        int last = n - Vector128<byte>.Count;
        ulong total = 0;
        int i = 0;
        while (i <= last)
        {
            Vector128<uint> acc = Vector128<uint>.Zero;
            int stop = i + Math.Min(last - i, (WideBlock - 1) * Vector128<byte>.Count);
            for (; i <= stop; i += Vector128<byte>.Count)
            {
                acc += Squares(Vector128.LoadUnsafe(ref p, (nuint)i));
            }

            total += Fold(acc);
        }

        if (i < n)
        {
            Vector128<byte> keep = Vector128.GreaterThanOrEqual(Vector128<byte>.Indices, Vector128.Create((byte)(i - last)));
            total += Fold(Squares(Vector128.LoadUnsafe(ref p, (nuint)last) & keep));
        }

        return total;
    }

    // ---- ushort: sum ----

    private static ulong SumUInt16x512(ref ushort p, int n)
    {
        int last = n - Vector512<ushort>.Count;
        ulong total = 0;
        int i = 0;
        while (i <= last)
        {
            Vector512<uint> acc = Vector512<uint>.Zero;
            int stop = i + Math.Min(last - i, (WideBlock - 1) * Vector512<ushort>.Count);
            for (; i <= stop; i += Vector512<ushort>.Count)
            {
                (Vector512<uint> lo, Vector512<uint> hi) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)i));
                acc += lo + hi;
            }

            total += Fold(acc);
        }

        if (i < n)
        {
            Vector512<ushort> keep = Vector512.GreaterThanOrEqual(Vector512<ushort>.Indices, Vector512.Create((ushort)(i - last)));
            (Vector512<uint> lo, Vector512<uint> hi) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)last) & keep);
            total += Fold(lo + hi);
        }

        return total;
    }

    private static ulong SumUInt16x256(ref ushort p, int n)
    {
        int last = n - Vector256<ushort>.Count;
        ulong total = 0;
        int i = 0;
        while (i <= last)
        {
            Vector256<uint> acc = Vector256<uint>.Zero;
            int stop = i + Math.Min(last - i, (WideBlock - 1) * Vector256<ushort>.Count);
            for (; i <= stop; i += Vector256<ushort>.Count)
            {
                (Vector256<uint> lo, Vector256<uint> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)i));
                acc += lo + hi;
            }

            total += Fold(acc);
        }

        if (i < n)
        {
            Vector256<ushort> keep = Vector256.GreaterThanOrEqual(Vector256<ushort>.Indices, Vector256.Create((ushort)(i - last)));
            (Vector256<uint> lo, Vector256<uint> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)last) & keep);
            total += Fold(lo + hi);
        }

        return total;
    }

    private static ulong SumUInt16x128(ref ushort p, int n)
    {
        int last = n - Vector128<ushort>.Count;
        ulong total = 0;
        int i = 0;
        while (i <= last)
        {
            Vector128<uint> acc = Vector128<uint>.Zero;
            int stop = i + Math.Min(last - i, (WideBlock - 1) * Vector128<ushort>.Count);
            for (; i <= stop; i += Vector128<ushort>.Count)
            {
                (Vector128<uint> lo, Vector128<uint> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref p, (nuint)i));
                acc += lo + hi;
            }

            total += Fold(acc);
        }

        if (i < n)
        {
            Vector128<ushort> keep = Vector128.GreaterThanOrEqual(Vector128<ushort>.Indices, Vector128.Create((ushort)(i - last)));
            (Vector128<uint> lo, Vector128<uint> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref p, (nuint)last) & keep);
            total += Fold(lo + hi);
        }

        return total;
    }

    // ---- ushort: sum of squares (ulong lanes never overflow for spans below 2^31 samples) ----

    private static ulong SquaresUInt16x512(ref ushort p, int n)
    {
        int last = n - Vector512<ushort>.Count;
        Vector512<ulong> acc = Vector512<ulong>.Zero;
        int i = 0;
        for (; i <= last; i += Vector512<ushort>.Count)
        {
            acc += Squares(Vector512.LoadUnsafe(ref p, (nuint)i));
        }

        if (i < n)
        {
            Vector512<ushort> keep = Vector512.GreaterThanOrEqual(Vector512<ushort>.Indices, Vector512.Create((ushort)(i - last)));
            acc += Squares(Vector512.LoadUnsafe(ref p, (nuint)last) & keep);
        }

        return Vector512.Sum(acc);
    }

    private static ulong SquaresUInt16x256(ref ushort p, int n)
    {
        int last = n - Vector256<ushort>.Count;
        Vector256<ulong> acc = Vector256<ulong>.Zero;
        int i = 0;
        for (; i <= last; i += Vector256<ushort>.Count)
        {
            acc += Squares(Vector256.LoadUnsafe(ref p, (nuint)i));
        }

        if (i < n)
        {
            Vector256<ushort> keep = Vector256.GreaterThanOrEqual(Vector256<ushort>.Indices, Vector256.Create((ushort)(i - last)));
            acc += Squares(Vector256.LoadUnsafe(ref p, (nuint)last) & keep);
        }

        return Vector256.Sum(acc);
    }

    private static ulong SquaresUInt16x128(ref ushort p, int n)
    {
        int last = n - Vector128<ushort>.Count;
        Vector128<ulong> acc = Vector128<ulong>.Zero;
        int i = 0;
        for (; i <= last; i += Vector128<ushort>.Count)
        {
            acc += Squares(Vector128.LoadUnsafe(ref p, (nuint)i));
        }

        if (i < n)
        {
            Vector128<ushort> keep = Vector128.GreaterThanOrEqual(Vector128<ushort>.Indices, Vector128.Create((ushort)(i - last)));
            acc += Squares(Vector128.LoadUnsafe(ref p, (nuint)last) & keep);
        }

        return Vector128.Sum(acc);
    }

    // ---- lane helpers ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Squares(Vector512<byte> v)
    {
        (Vector512<ushort> lo, Vector512<ushort> hi) = Vector512.Widen(v);
        (Vector512<uint> a, Vector512<uint> b) = Vector512.Widen(lo * lo);
        (Vector512<uint> c, Vector512<uint> d) = Vector512.Widen(hi * hi);
        return (a + b) + (c + d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Squares(Vector256<byte> v)
    {
        (Vector256<ushort> lo, Vector256<ushort> hi) = Vector256.Widen(v);
        (Vector256<uint> a, Vector256<uint> b) = Vector256.Widen(lo * lo);
        (Vector256<uint> c, Vector256<uint> d) = Vector256.Widen(hi * hi);
        return (a + b) + (c + d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Squares(Vector128<byte> v)
    {
        (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(v);
        (Vector128<uint> a, Vector128<uint> b) = Vector128.Widen(lo * lo);
        (Vector128<uint> c, Vector128<uint> d) = Vector128.Widen(hi * hi);
        return (a + b) + (c + d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Squares(Vector512<ushort> v)
    {
        (Vector512<uint> lo, Vector512<uint> hi) = Vector512.Widen(v);
        (Vector512<ulong> a, Vector512<ulong> b) = Vector512.Widen(lo * lo);
        (Vector512<ulong> c, Vector512<ulong> d) = Vector512.Widen(hi * hi);
        return (a + b) + (c + d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Squares(Vector256<ushort> v)
    {
        (Vector256<uint> lo, Vector256<uint> hi) = Vector256.Widen(v);
        (Vector256<ulong> a, Vector256<ulong> b) = Vector256.Widen(lo * lo);
        (Vector256<ulong> c, Vector256<ulong> d) = Vector256.Widen(hi * hi);
        return (a + b) + (c + d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Squares(Vector128<ushort> v)
    {
        (Vector128<uint> lo, Vector128<uint> hi) = Vector128.Widen(v);
        (Vector128<ulong> a, Vector128<ulong> b) = Vector128.Widen(lo * lo);
        (Vector128<ulong> c, Vector128<ulong> d) = Vector128.Widen(hi * hi);
        return (a + b) + (c + d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(Vector512<ushort> v)
    {
        (Vector512<uint> lo, Vector512<uint> hi) = Vector512.Widen(v);
        return Vector512.Sum(lo + hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(Vector256<ushort> v)
    {
        (Vector256<uint> lo, Vector256<uint> hi) = Vector256.Widen(v);
        return Vector256.Sum(lo + hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(Vector128<ushort> v)
    {
        (Vector128<uint> lo, Vector128<uint> hi) = Vector128.Widen(v);
        return Vector128.Sum(lo + hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(Vector512<uint> v)
    {
        (Vector512<ulong> lo, Vector512<ulong> hi) = Vector512.Widen(v);
        return Vector512.Sum(lo + hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(Vector256<uint> v)
    {
        (Vector256<ulong> lo, Vector256<ulong> hi) = Vector256.Widen(v);
        return Vector256.Sum(lo + hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(Vector128<uint> v)
    {
        (Vector128<ulong> lo, Vector128<ulong> hi) = Vector128.Widen(v);
        return Vector128.Sum(lo + hi);
    }
}

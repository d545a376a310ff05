using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray;

/// <summary>Widening of stored samples (byte, ushort, float) to float32, the type every kernel computes in.</summary>
/// <remarks>
/// The <c>typeof(T)</c> tests are JIT/ILC constants for value types, so each instantiation keeps one branch.
/// Lanes: byte widens 1→2→4 bytes (Vector.WidenLower/Upper), ushort 2→4, then int→float conversion is exact
/// because every value is below 2^24. Tails use an overlapping last vector (rewriting a few outputs with the
/// same values), which needs length ≥ one vector; shorter rows go scalar.
/// </remarks>
public static class PixelConvert
{
    /// <summary>True for the sample types the kernels accept.</summary>
    public static bool IsSupported<T>() => typeof(T) == typeof(byte) || typeof(T) == typeof(ushort) || typeof(T) == typeof(float);

    /// <summary>Converts <paramref name="source"/> to float32 into <paramref name="destination"/> (same length or longer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ToSingle<T>(ReadOnlySpan<T> source, Span<float> destination)
        where T : unmanaged
    {
        if (destination.Length < source.Length)
        {
            ThrowHelper.ThrowDestinationTooSmall();
        }

        if (typeof(T) == typeof(float))
        {
            MemoryMarshal.Cast<T, float>(source).CopyTo(destination);
        }
        else if (typeof(T) == typeof(byte))
        {
            FromByte(MemoryMarshal.Cast<T, byte>(source), destination);
        }
        else if (typeof(T) == typeof(ushort))
        {
            FromUInt16(MemoryMarshal.Cast<T, ushort>(source), destination);
        }
        else
        {
            ThrowHelper.ThrowNotSupportedType<T>();
        }
    }

    /// <summary>Converts one sample to float32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToSingle<T>(T value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return Unsafe.As<T, float>(ref value);
        }

        if (typeof(T) == typeof(byte))
        {
            return Unsafe.As<T, byte>(ref value);
        }

        if (typeof(T) == typeof(ushort))
        {
            return Unsafe.As<T, ushort>(ref value);
        }

        return ThrowNotSupported<T>();
    }

    private static float ThrowNotSupported<T>()
    {
        ThrowHelper.ThrowNotSupportedType<T>();
        return 0;
    }

    private static void FromByte(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int n = source.Length;
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated && n >= Vector256<byte>.Count)
        {
            int last = n - Vector256<byte>.Count;
            for (int i = 0; ; i += Vector256<byte>.Count)
            {
                if (i > last)
                {
                    i = last;
                }

                Vector256<byte> v = Vector256.LoadUnsafe(ref src, (nuint)i);
                (Vector256<ushort> lo, Vector256<ushort> hi) = Vector256.Widen(v);
                StoreUShorts256(lo, ref dst, i);
                StoreUShorts256(hi, ref dst, i + Vector256<ushort>.Count);
                if (i == last)
                {
                    return;
                }
            }
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<byte>.Count)
        {
            int last = n - Vector128<byte>.Count;
            for (int i = 0; ; i += Vector128<byte>.Count)
            {
                if (i > last)
                {
                    i = last;
                }

                Vector128<byte> v = Vector128.LoadUnsafe(ref src, (nuint)i);
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(v);
                StoreUShorts128(lo, ref dst, i);
                StoreUShorts128(hi, ref dst, i + Vector128<ushort>.Count);
                if (i == last)
                {
                    return;
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            Unsafe.Add(ref dst, i) = Unsafe.Add(ref src, i);
        }
    }

    private static void FromUInt16(ReadOnlySpan<ushort> source, Span<float> destination)
    {
        int n = source.Length;
        ref ushort src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated && n >= Vector256<ushort>.Count)
        {
            int last = n - Vector256<ushort>.Count;
            for (int i = 0; ; i += Vector256<ushort>.Count)
            {
                if (i > last)
                {
                    i = last;
                }

                StoreUShorts256(Vector256.LoadUnsafe(ref src, (nuint)i), ref dst, i);
                if (i == last)
                {
                    return;
                }
            }
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<ushort>.Count)
        {
            int last = n - Vector128<ushort>.Count;
            for (int i = 0; ; i += Vector128<ushort>.Count)
            {
                if (i > last)
                {
                    i = last;
                }

                StoreUShorts128(Vector128.LoadUnsafe(ref src, (nuint)i), ref dst, i);
                if (i == last)
                {
                    return;
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            Unsafe.Add(ref dst, i) = Unsafe.Add(ref src, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreUShorts256(Vector256<ushort> v, ref float dst, int i)
    {
        (Vector256<uint> lo, Vector256<uint> hi) = Vector256.Widen(v);
        Vector256.ConvertToSingle(lo.AsInt32()).StoreUnsafe(ref dst, (nuint)i);
        Vector256.ConvertToSingle(hi.AsInt32()).StoreUnsafe(ref dst, (nuint)(i + Vector256<uint>.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreUShorts128(Vector128<ushort> v, ref float dst, int i)
    {
        (Vector128<uint> lo, Vector128<uint> hi) = Vector128.Widen(v);
        Vector128.ConvertToSingle(lo.AsInt32()).StoreUnsafe(ref dst, (nuint)i);
        Vector128.ConvertToSingle(hi.AsInt32()).StoreUnsafe(ref dst, (nuint)(i + Vector128<uint>.Count));
    }
}

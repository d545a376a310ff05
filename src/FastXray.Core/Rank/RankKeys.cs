using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Rank;

/// <summary>
/// The unsigned keys the rank kernels compare: byte and ushort samples are their own keys; a float becomes
/// the uint whose unsigned order is the float order (sign bit flipped for positives, all bits for negatives),
/// so one integer compare serves every type and a radix select can walk the bits.
/// </summary>
/// <remarks>
/// Key order is total: -0 sorts just below +0 (scipy treats them as equal; either is a correct element), and
/// NaNs sort outside ±infinity by their sign bit, where scipy's comparisons give order-dependent results.
/// </remarks>
internal static class RankKeys
{
    /// <summary>The key type of a sample type.</summary>
    public static bool IsKeyOf<T, TKey>() =>
        (typeof(T) == typeof(byte) && typeof(TKey) == typeof(byte)) ||
        (typeof(T) == typeof(ushort) && typeof(TKey) == typeof(ushort)) ||
        (typeof(T) == typeof(float) && typeof(TKey) == typeof(uint));

    /// <summary>scipy's <c>(T)cval</c>: x86-64 C conversion of a double to the sample type.</summary>
    /// <remarks>
    /// To byte/ushort: truncate toward zero to int32 (cvttsd2si, which yields int.MinValue for NaN and for
    /// values outside the int32 range), then keep the low bits. So -1 → 255, 300 → 44, 1e10 → 0, NaN → 0
    /// (ndimage-semantics §1). To float: round to nearest.
    /// </remarks>
    public static T CastFromDouble<T>(double value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            float f = (float)value;
            return Unsafe.As<float, T>(ref f);
        }

        double t = Math.Truncate(value);
        int i = t >= -2147483648.0 && t < 2147483648.0 ? (int)t : int.MinValue;
        if (typeof(T) == typeof(byte))
        {
            byte b = unchecked((byte)i);
            return Unsafe.As<byte, T>(ref b);
        }

        if (typeof(T) == typeof(ushort))
        {
            ushort u = unchecked((ushort)i);
            return Unsafe.As<ushort, T>(ref u);
        }

        ThrowHelper.ThrowNotSupportedType<T>();
        return default;
    }

    /// <summary>The key of one sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TKey ToKey<T, TKey>(T value)
        where T : unmanaged
        where TKey : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            uint key = FloatKey(Unsafe.As<T, uint>(ref value));
            return Unsafe.As<uint, TKey>(ref key);
        }

        return Unsafe.As<T, TKey>(ref value);
    }

    /// <summary>The sample of one key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromKey<T, TKey>(TKey key)
        where T : unmanaged
        where TKey : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            uint bits = KeyFloat(Unsafe.As<TKey, uint>(ref key));
            return Unsafe.As<uint, T>(ref bits);
        }

        return Unsafe.As<TKey, T>(ref key);
    }

    /// <summary>A key as a double (the sample's value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double KeyToDouble<T, TKey>(TKey key)
        where T : unmanaged
        where TKey : unmanaged => PixelConvert.ToSingle(FromKey<T, TKey>(key));

    /// <summary>Converts a row of samples to keys.</summary>
    public static void ToKeys<T, TKey>(ReadOnlySpan<T> source, Span<TKey> destination)
        where T : unmanaged
        where TKey : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            FloatsToKeys(MemoryMarshal.Cast<T, uint>(source), MemoryMarshal.Cast<TKey, uint>(destination));
        }
        else
        {
            MemoryMarshal.Cast<T, TKey>(source).CopyTo(destination);
        }
    }

    /// <summary>Writes a row of keys as <typeparamref name="TOut"/> (float32, or the sample type itself).</summary>
    public static void Emit<T, TKey, TOut>(ReadOnlySpan<TKey> keys, Span<TOut> destination)
        where T : unmanaged
        where TKey : unmanaged
        where TOut : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            KeysToFloats(MemoryMarshal.Cast<TKey, uint>(keys), MemoryMarshal.Cast<TOut, uint>(destination));
        }
        else if (typeof(TOut) == typeof(T))
        {
            MemoryMarshal.Cast<TKey, TOut>(keys).CopyTo(destination);
        }
        else
        {
            PixelConvert.ToSingle(MemoryMarshal.Cast<TKey, T>(keys), MemoryMarshal.Cast<TOut, float>(destination));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint FloatKey(uint bits) => bits ^ ((uint)((int)bits >> 31) | 0x8000_0000u);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint KeyFloat(uint key) => key ^ (((key >> 31) - 1) | 0x8000_0000u);

    private static void FloatsToKeys(ReadOnlySpan<uint> source, Span<uint> destination)
    {
        // Lanes: one float's bits per uint lane; the arithmetic shift spreads the sign bit over the lane.
        int n = source.Length;
        ref uint src = ref MemoryMarshal.GetReference(source);
        ref uint dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                Vector256<uint> b = Vector256.LoadUnsafe(ref src, (nuint)i);
                Vector256<uint> m = Vector256.ShiftRightArithmetic(b.AsInt32(), 31).AsUInt32() | Vector256.Create(0x8000_0000u);
                (b ^ m).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<uint>.Count; i += Vector128<uint>.Count)
            {
                Vector128<uint> b = Vector128.LoadUnsafe(ref src, (nuint)i);
                Vector128<uint> m = Vector128.ShiftRightArithmetic(b.AsInt32(), 31).AsUInt32() | Vector128.Create(0x8000_0000u);
                (b ^ m).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref dst, i) = FloatKey(Unsafe.Add(ref src, i));
        }
    }

    private static void KeysToFloats(ReadOnlySpan<uint> source, Span<uint> destination)
    {
        int n = source.Length;
        ref uint src = ref MemoryMarshal.GetReference(source);
        ref uint dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                Vector256<uint> k = Vector256.LoadUnsafe(ref src, (nuint)i);
                Vector256<uint> m = ((k >> 31) - Vector256<uint>.One) | Vector256.Create(0x8000_0000u);
                (k ^ m).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<uint>.Count; i += Vector128<uint>.Count)
            {
                Vector128<uint> k = Vector128.LoadUnsafe(ref src, (nuint)i);
                Vector128<uint> m = ((k >> 31) - Vector128<uint>.One) | Vector128.Create(0x8000_0000u);
                (k ^ m).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref dst, i) = KeyFloat(Unsafe.Add(ref src, i));
        }
    }
}

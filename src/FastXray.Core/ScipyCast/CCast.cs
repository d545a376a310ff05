using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.ScipyCast;

/// <summary>
/// scipy.ndimage's store of a float64 result into an integer output array: the C cast <c>(T)double</c> as the
/// x86-64 build performs it (ndimage-semantics §1): truncate toward zero, then keep the low bits (−3 → 253,
/// 300.7 → 44); a value at or beyond ±2^31 gives 0.
/// </summary>
/// <remarks>
/// .NET's own double → int conversion saturates, unlike the cvttsd2si instruction C relies on, so the range is
/// checked explicitly. scipy's n-D path writes <c>tmp &gt; −1 ? (T)tmp : −(T)(−tmp)</c>, which gives the same bits.
/// </remarks>
public static class CCast
{
    /// <summary>The C cast to uint8.</summary>
    public static byte ToUInt8(double v) => v is >= int.MinValue and < 2147483648.0 ? unchecked((byte)(int)v) : (byte)0;

    /// <summary>The C cast to uint16.</summary>
    public static ushort ToUInt16(double v) => v is >= int.MinValue and < 2147483648.0 ? unchecked((ushort)(int)v) : (ushort)0;

    /// <summary>Stores <paramref name="values"/> into <paramref name="destination"/> (byte or ushort) by the C cast.</summary>
    public static void Store<T>(ReadOnlySpan<double> values, Span<T> destination)
        where T : unmanaged
    {
        Debug.Assert(destination.Length >= values.Length);
        if (typeof(T) == typeof(byte))
        {
            Span<byte> d = MemoryMarshal.Cast<T, byte>(destination);
            for (int i = 0; i < values.Length; i++)
            {
                d[i] = ToUInt8(values[i]);
            }
        }
        else
        {
            Span<ushort> d = MemoryMarshal.Cast<T, ushort>(destination);
            for (int i = 0; i < values.Length; i++)
            {
                d[i] = ToUInt16(values[i]);
            }
        }
    }

    /// <summary>Widens integer samples (byte or ushort) to float64, exactly.</summary>
    public static void Widen<T>(ReadOnlySpan<T> source, Span<double> destination)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertChecked<byte, double>(MemoryMarshal.Cast<T, byte>(source), destination);
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertChecked<ushort, double>(MemoryMarshal.Cast<T, ushort>(source), destination);
        }
    }

    /// <summary>The wrapped value of a sample as an int (for sums and products computed in the array's dtype).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Value<T>(T sample)
        where T : unmanaged =>
        typeof(T) == typeof(byte) ? Unsafe.As<T, byte>(ref sample) : Unsafe.As<T, ushort>(ref sample);

    /// <summary>An int's low 8 or 16 bits as <typeparamref name="T"/> (NumPy's wrapping integer arithmetic).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Wrap<T>(int value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            byte b = unchecked((byte)value);
            return Unsafe.As<byte, T>(ref b);
        }

        ushort s = unchecked((ushort)value);
        return Unsafe.As<ushort, T>(ref s);
    }

    /// <summary>Throws unless <typeparamref name="T"/> is byte or ushort (the integer dtypes FastXray decodes).</summary>
    internal static void CheckType<T>()
        where T : unmanaged
    {
        if (typeof(T) != typeof(byte) && typeof(T) != typeof(ushort))
        {
            ThrowHelper.ThrowNotSupportedType<T>();
        }
    }
}

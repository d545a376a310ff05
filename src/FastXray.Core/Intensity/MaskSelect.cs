using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Intensity;

/// <summary>
/// <c>np.where(mask, x, 0)</c> for a 0/1 byte mask: the selection step of <see cref="MaskExpression.Keep{T}"/>.
/// </summary>
/// <remarks>
/// Lanes: one vector of mask bytes covers one vector of byte pixels, two of ushort or four of float. <c>0 - m</c>
/// turns 0/1 into 0x00/0xFF; read as signed bytes and sign-extended (Widen) it becomes 0x0000/0xFFFF and then
/// 32-bit all-ones, which is ANDed with the pixel bits (so -0.0 and NaN survive where selected, +0.0 elsewhere).
/// Tail: the last full vector again, overlapping; x &amp; m is idempotent, so this is right even in place.
/// </remarks>
internal static class MaskSelect
{
    public static void Row<T>(ReadOnlySpan<T> source, ReadOnlySpan<byte> mask, Span<T> destination)
        where T : unmanaged
    {
        ref T s = ref MemoryMarshal.GetReference(source);
        ref byte m = ref MemoryMarshal.GetReference(mask);
        ref T d = ref MemoryMarshal.GetReference(destination);
        int n = source.Length;
        SimdLevel level = SimdCapabilities.Active;
        if (Vector512.IsHardwareAccelerated && level >= SimdLevel.Vector512 && n >= Vector512<byte>.Count)
        {
            int last = n - Vector512<byte>.Count;
            for (int i = 0; i < last; i += Vector512<byte>.Count)
            {
                Block512(ref s, ref m, ref d, (nuint)i);
            }

            Block512(ref s, ref m, ref d, (nuint)last);
            return;
        }

        if (Vector256.IsHardwareAccelerated && level >= SimdLevel.Vector256 && n >= Vector256<byte>.Count)
        {
            int last = n - Vector256<byte>.Count;
            for (int i = 0; i < last; i += Vector256<byte>.Count)
            {
                Block256(ref s, ref m, ref d, (nuint)i);
            }

            Block256(ref s, ref m, ref d, (nuint)last);
            return;
        }

        if (Vector128.IsHardwareAccelerated && level >= SimdLevel.Vector128 && n >= Vector128<byte>.Count)
        {
            int last = n - Vector128<byte>.Count;
            for (int i = 0; i < last; i += Vector128<byte>.Count)
            {
                Block128(ref s, ref m, ref d, (nuint)i);
            }

            Block128(ref s, ref m, ref d, (nuint)last);
            return;
        }

        for (int i = 0; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref m, i) != 0 ? Unsafe.Add(ref s, i) : default;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block512<T>(ref T s, ref byte m, ref T d, nuint i)
        where T : unmanaged
    {
        Vector512<sbyte> bytes = (Vector512<byte>.Zero - Vector512.LoadUnsafe(ref m, i)).AsSByte();
        if (typeof(T) == typeof(byte))
        {
            (Vector512.LoadUnsafe(ref s, i) & bytes.As<sbyte, T>()).StoreUnsafe(ref d, i);
            return;
        }

        nuint step = (nuint)Vector512<T>.Count;
        (Vector512<short> lo, Vector512<short> hi) = Vector512.Widen(bytes);
        if (typeof(T) == typeof(ushort))
        {
            (Vector512.LoadUnsafe(ref s, i) & lo.As<short, T>()).StoreUnsafe(ref d, i);
            (Vector512.LoadUnsafe(ref s, i + step) & hi.As<short, T>()).StoreUnsafe(ref d, i + step);
            return;
        }

        (Vector512<int> a, Vector512<int> b) = Vector512.Widen(lo);
        (Vector512<int> c, Vector512<int> e) = Vector512.Widen(hi);
        (Vector512.LoadUnsafe(ref s, i) & a.As<int, T>()).StoreUnsafe(ref d, i);
        (Vector512.LoadUnsafe(ref s, i + step) & b.As<int, T>()).StoreUnsafe(ref d, i + step);
        (Vector512.LoadUnsafe(ref s, i + (2 * step)) & c.As<int, T>()).StoreUnsafe(ref d, i + (2 * step));
        (Vector512.LoadUnsafe(ref s, i + (3 * step)) & e.As<int, T>()).StoreUnsafe(ref d, i + (3 * step));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block256<T>(ref T s, ref byte m, ref T d, nuint i)
        where T : unmanaged
    {
        Vector256<sbyte> bytes = (Vector256<byte>.Zero - Vector256.LoadUnsafe(ref m, i)).AsSByte();
        if (typeof(T) == typeof(byte))
        {
            (Vector256.LoadUnsafe(ref s, i) & bytes.As<sbyte, T>()).StoreUnsafe(ref d, i);
            return;
        }

        nuint step = (nuint)Vector256<T>.Count;
        (Vector256<short> lo, Vector256<short> hi) = Vector256.Widen(bytes);
        if (typeof(T) == typeof(ushort))
        {
            (Vector256.LoadUnsafe(ref s, i) & lo.As<short, T>()).StoreUnsafe(ref d, i);
            (Vector256.LoadUnsafe(ref s, i + step) & hi.As<short, T>()).StoreUnsafe(ref d, i + step);
            return;
        }

        (Vector256<int> a, Vector256<int> b) = Vector256.Widen(lo);
        (Vector256<int> c, Vector256<int> e) = Vector256.Widen(hi);
        (Vector256.LoadUnsafe(ref s, i) & a.As<int, T>()).StoreUnsafe(ref d, i);
        (Vector256.LoadUnsafe(ref s, i + step) & b.As<int, T>()).StoreUnsafe(ref d, i + step);
        (Vector256.LoadUnsafe(ref s, i + (2 * step)) & c.As<int, T>()).StoreUnsafe(ref d, i + (2 * step));
        (Vector256.LoadUnsafe(ref s, i + (3 * step)) & e.As<int, T>()).StoreUnsafe(ref d, i + (3 * step));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block128<T>(ref T s, ref byte m, ref T d, nuint i)
        where T : unmanaged
    {
        Vector128<sbyte> bytes = (Vector128<byte>.Zero - Vector128.LoadUnsafe(ref m, i)).AsSByte();
        if (typeof(T) == typeof(byte))
        {
            (Vector128.LoadUnsafe(ref s, i) & bytes.As<sbyte, T>()).StoreUnsafe(ref d, i);
            return;
        }

        nuint step = (nuint)Vector128<T>.Count;
        (Vector128<short> lo, Vector128<short> hi) = Vector128.Widen(bytes);
        if (typeof(T) == typeof(ushort))
        {
            (Vector128.LoadUnsafe(ref s, i) & lo.As<short, T>()).StoreUnsafe(ref d, i);
            (Vector128.LoadUnsafe(ref s, i + step) & hi.As<short, T>()).StoreUnsafe(ref d, i + step);
            return;
        }

        (Vector128<int> a, Vector128<int> b) = Vector128.Widen(lo);
        (Vector128<int> c, Vector128<int> e) = Vector128.Widen(hi);
        (Vector128.LoadUnsafe(ref s, i) & a.As<int, T>()).StoreUnsafe(ref d, i);
        (Vector128.LoadUnsafe(ref s, i + step) & b.As<int, T>()).StoreUnsafe(ref d, i + step);
        (Vector128.LoadUnsafe(ref s, i + (2 * step)) & c.As<int, T>()).StoreUnsafe(ref d, i + (2 * step));
        (Vector128.LoadUnsafe(ref s, i + (3 * step)) & e.As<int, T>()).StoreUnsafe(ref d, i + (3 * step));
    }
}

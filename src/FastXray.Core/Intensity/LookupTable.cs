using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Intensity;

/// <summary>
/// Applies a per-value lookup table, <c>destination[i] = lut[source[i] - offset]</c>: the last step of every
/// equalisation (NumPy's fancy indexing <c>cdf_n[im]</c>, OpenCV's <c>LUT</c>).
/// </summary>
/// <remarks>
/// Scalar and unrolled by four: a 256-entry table stays in L1, and the SIMD alternatives (gathers, or
/// permute trees over 16 float vectors) cost as much per pixel as the scalar loads on current x86 cores.
/// The caller guarantees every <c>source[i] - offset</c> indexes the table.
/// </remarks>
internal static class LookupTable
{
    public static void Map<TIn, TOut>(in ReadOnlyImageSpan<TIn> source, in ImageSpan<TOut> destination, ReadOnlySpan<TOut> lut, int offset)
        where TIn : unmanaged
        where TOut : unmanaged
    {
        Debug.Assert(typeof(TIn) == typeof(byte) || typeof(TIn) == typeof(ushort));
        int spans = ImageRows.Count(source, destination);
        for (int r = 0; r < spans; r++)
        {
            ReadOnlySpan<TIn> src = ImageRows.GetSource(source, destination, r);
            Span<TOut> dst = ImageRows.GetDestination(source, destination, r);
            if (typeof(TIn) == typeof(byte))
            {
                MapRow(MemoryMarshal.Cast<TIn, byte>(src), dst, lut);
            }
            else
            {
                MapRow(MemoryMarshal.Cast<TIn, ushort>(src), dst, lut, offset);
            }
        }
    }

    private static void MapRow<TOut>(ReadOnlySpan<byte> source, Span<TOut> destination, ReadOnlySpan<TOut> lut)
        where TOut : unmanaged
    {
        Debug.Assert(lut.Length >= 256);
        ref byte s = ref MemoryMarshal.GetReference(source);
        ref TOut d = ref MemoryMarshal.GetReference(destination);
        ref TOut t = ref MemoryMarshal.GetReference(lut);
        int n = source.Length;
        int i = 0;
        for (; i <= n - 4; i += 4)
        {
            TOut a = Unsafe.Add(ref t, Unsafe.Add(ref s, i));
            TOut b = Unsafe.Add(ref t, Unsafe.Add(ref s, i + 1));
            TOut c = Unsafe.Add(ref t, Unsafe.Add(ref s, i + 2));
            TOut e = Unsafe.Add(ref t, Unsafe.Add(ref s, i + 3));
            Unsafe.Add(ref d, i) = a;
            Unsafe.Add(ref d, i + 1) = b;
            Unsafe.Add(ref d, i + 2) = c;
            Unsafe.Add(ref d, i + 3) = e;
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref t, Unsafe.Add(ref s, i));
        }
    }

    private static void MapRow<TOut>(ReadOnlySpan<ushort> source, Span<TOut> destination, ReadOnlySpan<TOut> lut, int offset)
        where TOut : unmanaged
    {
        ref ushort s = ref MemoryMarshal.GetReference(source);
        ref TOut d = ref MemoryMarshal.GetReference(destination);
        ref TOut t = ref Unsafe.Subtract(ref MemoryMarshal.GetReference(lut), offset);
        int n = source.Length;
        int i = 0;
        for (; i <= n - 4; i += 4)
        {
            TOut a = Unsafe.Add(ref t, Unsafe.Add(ref s, i));
            TOut b = Unsafe.Add(ref t, Unsafe.Add(ref s, i + 1));
            TOut c = Unsafe.Add(ref t, Unsafe.Add(ref s, i + 2));
            TOut e = Unsafe.Add(ref t, Unsafe.Add(ref s, i + 3));
            Unsafe.Add(ref d, i) = a;
            Unsafe.Add(ref d, i + 1) = b;
            Unsafe.Add(ref d, i + 2) = c;
            Unsafe.Add(ref d, i + 3) = e;
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref t, Unsafe.Add(ref s, i));
        }
    }
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Imaging.Png;

/// <summary>Reverses the PNG row filters in place (PNG spec §9.2): the decoder's inner loop.</summary>
/// <remarks>
/// Recon(x) = Filt(x) + predictor, modulo 256, where a = the byte <c>bpp</c> to the left (0 before the row
/// start), b = the byte above (0 on the first row), c = the byte above-left:
/// Sub a; Up b; Average ⌊(a + b) / 2⌋; Paeth the one of a, b, c nearest to p = a + b − c (ties a, then b).
/// Up has no dependency along the row and is pure SIMD. Sub, Average and Paeth depend on the pixel just
/// reconstructed, so they stay per byte; Paeth, the usual choice for radiographs, is written without
/// branches (sign masks instead of comparisons) because its choices are data-dependent and unpredictable.
/// </remarks>
internal static class PngUnfilter
{
    /// <summary>Reconstructs <paramref name="row"/> in place; <paramref name="previous"/> is the reconstructed row above (zeros for the first row).</summary>
    public static void Apply(PngFilterType filter, Span<byte> row, ReadOnlySpan<byte> previous, int bytesPerPixel)
    {
        Debug.Assert(previous.Length >= row.Length && bytesPerPixel is >= 1 and <= 8);
        switch (filter)
        {
            case PngFilterType.None:
                break;
            case PngFilterType.Sub:
                Sub(row, bytesPerPixel);
                break;
            case PngFilterType.Up:
                Up(row, previous);
                break;
            case PngFilterType.Average:
                Average(row, previous, bytesPerPixel);
                break;
            default:
                Debug.Assert(filter == PngFilterType.Paeth);
                Paeth(row, previous, bytesPerPixel);
                break;
        }
    }

    /// <summary>Sub: each byte adds the reconstructed byte <paramref name="bpp"/> to its left.</summary>
    public static void Sub(Span<byte> row, int bpp)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        for (int i = bpp; i < row.Length; i++)
        {
            Unsafe.Add(ref r, i) += Unsafe.Add(ref r, i - bpp);
        }
    }

    /// <summary>Up: each byte adds the byte above; a lane-wise add, widest vectors first, scalar tail.</summary>
    public static void Up(Span<byte> row, ReadOnlySpan<byte> previous)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte u = ref MemoryMarshal.GetReference(previous);
        nuint n = (nuint)row.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector512<byte>.Count <= n; i += (nuint)Vector512<byte>.Count)
            {
                (Vector512.LoadUnsafe(ref r, i) + Vector512.LoadUnsafe(ref u, i)).StoreUnsafe(ref r, i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector256<byte>.Count <= n; i += (nuint)Vector256<byte>.Count)
            {
                (Vector256.LoadUnsafe(ref r, i) + Vector256.LoadUnsafe(ref u, i)).StoreUnsafe(ref r, i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector128<byte>.Count <= n; i += (nuint)Vector128<byte>.Count)
            {
                (Vector128.LoadUnsafe(ref r, i) + Vector128.LoadUnsafe(ref u, i)).StoreUnsafe(ref r, i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref r, i) += Unsafe.Add(ref u, i);
        }
    }

    /// <summary>Average: each byte adds ⌊(left + above) / 2⌋, left = 0 for the first pixel.</summary>
    public static void Average(Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte u = ref MemoryMarshal.GetReference(previous);
        int n = row.Length;
        int first = Math.Min(bpp, n);
        for (int i = 0; i < first; i++)
        {
            Unsafe.Add(ref r, i) += (byte)(Unsafe.Add(ref u, i) >> 1);
        }

        for (int i = bpp; i < n; i++)
        {
            Unsafe.Add(ref r, i) += (byte)((Unsafe.Add(ref r, i - bpp) + Unsafe.Add(ref u, i)) >> 1);
        }
    }

    /// <summary>Paeth: each byte adds the Paeth predictor of left, above and above-left.</summary>
    public static void Paeth(Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte u = ref MemoryMarshal.GetReference(previous);
        int n = row.Length;
        int first = Math.Min(bpp, n);

        // With a = c = 0 the predictor is b.
        for (int i = 0; i < first; i++)
        {
            Unsafe.Add(ref r, i) += Unsafe.Add(ref u, i);
        }

        if (bpp == 1)
        {
            PaethOneByte(ref r, ref u, n);
            return;
        }

        for (int i = bpp; i < n; i++)
        {
            int pred = Predict(Unsafe.Add(ref r, i - bpp), Unsafe.Add(ref u, i), Unsafe.Add(ref u, i - bpp));
            Unsafe.Add(ref r, i) += (byte)pred;
        }
    }

    /// <summary>The Paeth predictor without branches.</summary>
    /// <remarks>
    /// p − a = b − c, p − b = a − c, p − c = (a − c) + (b − c). "pa ≤ pb and pa ≤ pc" holds when neither
    /// pb − pa nor pc − pa is negative, i.e. when the sign bit of their OR is clear; the sign bits become
    /// all-ones masks that select between the candidates.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Predict(int a, int b, int c)
    {
        int pa = b - c;
        int pb = a - c;
        int pc = pa + pb;
        pa = Abs(pa);
        pb = Abs(pb);
        pc = Abs(pc);
        int notA = ((pb - pa) | (pc - pa)) >> 31;
        int useC = (pc - pb) >> 31;
        int bc = b ^ ((b ^ c) & useC);
        return a ^ ((a ^ bc) & notA);
    }

    // One byte per pixel: the only dependency is on the byte just written, kept in a register.
    private static void PaethOneByte(ref byte r, ref byte u, int n)
    {
        if (n <= 1)
        {
            return;
        }

        int a = r;
        int c = u;
        for (int i = 1; i < n; i++)
        {
            int b = Unsafe.Add(ref u, i);
            a = (byte)(Unsafe.Add(ref r, i) + Predict(a, b, c));
            Unsafe.Add(ref r, i) = (byte)a;
            c = b;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Abs(int x)
    {
        int s = x >> 31;
        return (x ^ s) - s;
    }
}

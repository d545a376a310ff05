using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Color;

public sealed partial class Colormap
{
    /// <summary>
    /// The table entry <see cref="Apply"/> picks for each pixel, one byte a pixel (rows packed back to back), so a
    /// panel is quantised once and coloured by any colormap with a table lookup (or written as an indexed PNG
    /// whose palette is <see cref="Table"/>).
    /// </summary>
    /// <returns>True when every pixel has an entry; false when some are NaN ("bad": no entry, index written as 0).</returns>
    /// <remarks>
    /// The rule of <see cref="Apply"/>, in the same float32 operations: <c>xa = (x - (float)vmin) / (float)(vmax - vmin) * 256</c>,
    /// then entry <c>(int)xa</c> clamped to 0..255 (under → 0, over and exactly 256 → 255); <c>vmin == vmax</c> gives
    /// entry 0 everywhere, NaN included. Vector lanes compute exactly these IEEE operations (no fused multiply-add),
    /// so every width gives the scalar's bytes. Tail: an overlapping last block per row. Allocates nothing.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="indices"/> is too small, or <paramref name="vmin"/> &gt; <paramref name="vmax"/>.</exception>
    public static bool Indices(ReadOnlyImageSpan<float> source, Span<byte> indices, double vmin, double vmax)
    {
        if (indices.Length < source.PixelCount)
        {
            ThrowHelper.ThrowDestinationTooSmall();
        }

        CheckRange(vmin, vmax);
        if (vmin == vmax)
        {
            indices[..(int)source.PixelCount].Clear();
            return true;
        }

        float offset = (float)vmin;
        float scale = (float)(vmax - vmin);
        int width = source.Width;
        bool complete = true;
        for (int y = 0; y < source.Height; y++)
        {
            complete &= IndexRow(source.Row(y), indices.Slice(y * width, width), offset, scale);
        }

        return complete;
    }

    private static bool IndexRow(ReadOnlySpan<float> row, Span<byte> destination, float offset, float scale)
    {
        if (Vector512.IsHardwareAccelerated && row.Length >= Vector512<byte>.Count)
        {
            return IndexRow512(row, destination, offset, scale);
        }

        if (Vector256.IsHardwareAccelerated && row.Length >= Vector256<byte>.Count)
        {
            return IndexRow256(row, destination, offset, scale);
        }

        if (Vector128.IsHardwareAccelerated && row.Length >= Vector128<byte>.Count)
        {
            return IndexRow128(row, destination, offset, scale);
        }

        bool complete = true;
        for (int x = 0; x < row.Length; x++)
        {
            int k = Index((row[x] - offset) / scale * Size);
            complete &= k >= 0;
            destination[x] = (byte)Math.Max(k, 0);
        }

        return complete;
    }

    // Each width: four float vectors -> int32 (clamped first, so truncation is the scalar cast) -> one byte vector.
    private static bool IndexRow512(ReadOnlySpan<float> row, Span<byte> destination, float offset, float scale)
    {
        ref float src = ref MemoryMarshal.GetReference(row);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        int n = Vector512<float>.Count;
        int last = row.Length - Vector512<byte>.Count;
        Vector512<float> bad = Vector512<float>.Zero;
        for (int i = 0; ; i += Vector512<byte>.Count)
        {
            i = Math.Min(i, last);
            Vector512<int> a = Entries512(Vector512.LoadUnsafe(ref src, (nuint)i), offset, scale, ref bad);
            Vector512<int> b = Entries512(Vector512.LoadUnsafe(ref src, (nuint)(i + n)), offset, scale, ref bad);
            Vector512<int> c = Entries512(Vector512.LoadUnsafe(ref src, (nuint)(i + (2 * n))), offset, scale, ref bad);
            Vector512<int> d = Entries512(Vector512.LoadUnsafe(ref src, (nuint)(i + (3 * n))), offset, scale, ref bad);
            Vector512.Narrow(Vector512.Narrow(a, b).AsUInt16(), Vector512.Narrow(c, d).AsUInt16()).StoreUnsafe(ref dst, (nuint)i);
            if (i == last)
            {
                return bad == Vector512<float>.Zero;
            }
        }
    }

    private static bool IndexRow256(ReadOnlySpan<float> row, Span<byte> destination, float offset, float scale)
    {
        ref float src = ref MemoryMarshal.GetReference(row);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        int n = Vector256<float>.Count;
        int last = row.Length - Vector256<byte>.Count;
        Vector256<float> bad = Vector256<float>.Zero;
        for (int i = 0; ; i += Vector256<byte>.Count)
        {
            i = Math.Min(i, last);
            Vector256<int> a = Entries256(Vector256.LoadUnsafe(ref src, (nuint)i), offset, scale, ref bad);
            Vector256<int> b = Entries256(Vector256.LoadUnsafe(ref src, (nuint)(i + n)), offset, scale, ref bad);
            Vector256<int> c = Entries256(Vector256.LoadUnsafe(ref src, (nuint)(i + (2 * n))), offset, scale, ref bad);
            Vector256<int> d = Entries256(Vector256.LoadUnsafe(ref src, (nuint)(i + (3 * n))), offset, scale, ref bad);
            Vector256.Narrow(Vector256.Narrow(a, b).AsUInt16(), Vector256.Narrow(c, d).AsUInt16()).StoreUnsafe(ref dst, (nuint)i);
            if (i == last)
            {
                return bad == Vector256<float>.Zero;
            }
        }
    }

    private static bool IndexRow128(ReadOnlySpan<float> row, Span<byte> destination, float offset, float scale)
    {
        ref float src = ref MemoryMarshal.GetReference(row);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        int n = Vector128<float>.Count;
        int last = row.Length - Vector128<byte>.Count;
        Vector128<float> bad = Vector128<float>.Zero;
        for (int i = 0; ; i += Vector128<byte>.Count)
        {
            i = Math.Min(i, last);
            Vector128<int> a = Entries128(Vector128.LoadUnsafe(ref src, (nuint)i), offset, scale, ref bad);
            Vector128<int> b = Entries128(Vector128.LoadUnsafe(ref src, (nuint)(i + n)), offset, scale, ref bad);
            Vector128<int> c = Entries128(Vector128.LoadUnsafe(ref src, (nuint)(i + (2 * n))), offset, scale, ref bad);
            Vector128<int> d = Entries128(Vector128.LoadUnsafe(ref src, (nuint)(i + (3 * n))), offset, scale, ref bad);
            Vector128.Narrow(Vector128.Narrow(a, b).AsUInt16(), Vector128.Narrow(c, d).AsUInt16()).StoreUnsafe(ref dst, (nuint)i);
            if (i == last)
            {
                return bad == Vector128<float>.Zero;
            }
        }
    }

    // xa = (x - offset) / scale * 256; NaN lanes are recorded in `bad` and become entry 0; the rest are clamped to
    // [0, 255] before the truncating conversion, which is then exactly Index's (int)xa / under / over rule.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Entries512(Vector512<float> x, float offset, float scale, ref Vector512<float> bad)
    {
        Vector512<float> xa = (x - Vector512.Create(offset)) / Vector512.Create(scale) * Vector512.Create((float)Size);
        Vector512<float> ok = Vector512.Equals(xa, xa);
        bad |= ~ok;
        Vector512<float> clamped = Vector512.Min(Vector512.Max(xa, Vector512<float>.Zero), Vector512.Create(Size - 1f));
        return Vector512.ConvertToInt32(clamped & ok);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Entries256(Vector256<float> x, float offset, float scale, ref Vector256<float> bad)
    {
        Vector256<float> xa = (x - Vector256.Create(offset)) / Vector256.Create(scale) * Vector256.Create((float)Size);
        Vector256<float> ok = Vector256.Equals(xa, xa);
        bad |= ~ok;
        Vector256<float> clamped = Vector256.Min(Vector256.Max(xa, Vector256<float>.Zero), Vector256.Create(Size - 1f));
        return Vector256.ConvertToInt32(clamped & ok);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Entries128(Vector128<float> x, float offset, float scale, ref Vector128<float> bad)
    {
        Vector128<float> xa = (x - Vector128.Create(offset)) / Vector128.Create(scale) * Vector128.Create((float)Size);
        Vector128<float> ok = Vector128.Equals(xa, xa);
        bad |= ~ok;
        Vector128<float> clamped = Vector128.Min(Vector128.Max(xa, Vector128<float>.Zero), Vector128.Create(Size - 1f));
        return Vector128.ConvertToInt32(clamped & ok);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    // Vector<T> (the machine's preferred width, 128 or 256 bits) keeps one copy of this memory-bound loop for every
    // ISA; four float vectors become one byte vector. Tail: an overlapping last block per row.
    private static bool IndexRow(ReadOnlySpan<float> row, Span<byte> destination, float offset, float scale)
    {
        int n = Vector<float>.Count;
        int blockLength = Vector<byte>.Count;
        bool complete = true;
        int x = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= blockLength)
        {
            ref float src = ref MemoryMarshal.GetReference(row);
            ref byte dst = ref MemoryMarshal.GetReference(destination);
            int last = row.Length - blockLength;
            Vector<float> bad = Vector<float>.Zero;
            for (int i = 0; ; i += blockLength)
            {
                i = Math.Min(i, last);
                Vector<int> a = Entries(Vector.LoadUnsafe(ref src, (nuint)i), offset, scale, ref bad);
                Vector<int> b = Entries(Vector.LoadUnsafe(ref src, (nuint)(i + n)), offset, scale, ref bad);
                Vector<int> c = Entries(Vector.LoadUnsafe(ref src, (nuint)(i + (2 * n))), offset, scale, ref bad);
                Vector<int> d = Entries(Vector.LoadUnsafe(ref src, (nuint)(i + (3 * n))), offset, scale, ref bad);
                Vector.Narrow(Vector.AsVectorUInt16(Vector.Narrow(a, b)), Vector.AsVectorUInt16(Vector.Narrow(c, d))).StoreUnsafe(ref dst, (nuint)i);
                if (i == last)
                {
                    break;
                }
            }

            complete = bad == Vector<float>.Zero;
            x = row.Length;
        }

        for (; x < row.Length; x++)
        {
            int k = Index((row[x] - offset) / scale * Size);
            complete &= k >= 0;
            destination[x] = (byte)Math.Max(k, 0);
        }

        return complete;
    }

    // xa = (x - offset) / scale * 256; NaN lanes are recorded in `bad` and become entry 0; the rest are clamped to
    // [0, 255] before the truncating conversion, which is then exactly Index's (int)xa / under / over rule.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> Entries(Vector<float> x, float offset, float scale, ref Vector<float> bad)
    {
        Vector<float> xa = (x - new Vector<float>(offset)) / new Vector<float>(scale) * new Vector<float>((float)Size);
        Vector<int> ok = Vector.Equals(xa, xa);
        bad |= Vector.AsVectorSingle(~ok);
        Vector<float> clamped = Vector.Min(Vector.Max(xa, Vector<float>.Zero), new Vector<float>(Size - 1f));
        return Vector.ConvertToInt32(clamped) & ok;
    }
}

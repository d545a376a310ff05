using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Imaging.Png;

/// <summary>The encoder's side of the PNG row filters: forward filtering and the adaptive choice of filter per row.</summary>
/// <remarks>
/// <para>Row convention: <c>row</c> and <c>previous</c> hold <c>bpp</c> zero bytes and then the <c>n</c> bytes of
/// the scanline, so the left neighbour of byte i is simply <c>row[i]</c> and no position needs a special case:
/// x = row[bpp + i], a = row[i], b = previous[bpp + i], c = previous[i].</para>
/// <para>Filt(x) = x − predictor (mod 256), predictors as in <see cref="PngUnfilter"/>. Unlike the decoder,
/// every input is known in advance, so all filters are lane-parallel: Average uses ⌊(a+b)/2⌋ = (a &amp; b) +
/// ((a ^ b) >> 1) in bytes; Paeth widens to 16-bit lanes (p − c reaches ±510) and selects with masks.</para>
/// <para>Adaptive choice (libpng's heuristic): the filter with the smallest Σ |Filt(x)| with each output byte
/// read as a signed value, i.e. Σ min(v, 256 − v); ties go to the lower filter type. Byte costs are summed
/// in 16-bit lanes (≤ 2·255 per step) that are widened into 32-bit totals every 128 steps, before they can
/// overflow. Vector256 and Vector128 paths with a scalar tail; the scalar methods are the reference.</para>
/// </remarks>
internal static class PngFilter
{
    private const int FlushSteps = 128;

    /// <summary>Picks the filter of least cost for one row.</summary>
    public static PngFilterType Choose(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        Span<long> costs = stackalloc long[5];
        Costs(row, previous, bpp, costs);
        int best = 0;
        for (int f = 1; f < 5; f++)
        {
            if (costs[f] < costs[best])
            {
                best = f;
            }
        }

        return (PngFilterType)best;
    }

    /// <summary>The cost Σ min(v, 256 − v) of each filter's output, indexed by filter type.</summary>
    public static void Costs(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<long> costs)
    {
        Debug.Assert(row.Length == previous.Length && row.Length >= bpp && costs.Length >= 5);
        costs[..5].Clear();
        int n = row.Length - bpp;
        int done = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<byte>.Count)
        {
            done = Costs256(row, previous, bpp, costs);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<byte>.Count)
        {
            done = Costs128(row, previous, bpp, costs);
        }

        CostsScalar(row, previous, bpp, done, costs);
    }

    /// <summary>Scalar reference of <see cref="Costs"/> from byte <paramref name="start"/> on; adds to <paramref name="costs"/>.</summary>
    public static void CostsScalar(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, int start, Span<long> costs)
    {
        long none = 0, sub = 0, up = 0, avg = 0, paeth = 0;
        for (int i = start; i < row.Length - bpp; i++)
        {
            int x = row[bpp + i], a = row[i], b = previous[bpp + i], c = previous[i];
            none += Cost(x);
            sub += Cost(x - a);
            up += Cost(x - b);
            avg += Cost(x - ((a + b) >> 1));
            paeth += Cost(x - PngUnfilter.Predict(a, b, c));
        }

        costs[0] += none;
        costs[1] += sub;
        costs[2] += up;
        costs[3] += avg;
        costs[4] += paeth;
    }

    /// <summary>Writes the <paramref name="filter"/>ed scanline (<c>row.Length − bpp</c> bytes) to <paramref name="destination"/>.</summary>
    public static void Apply(PngFilterType filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> destination)
    {
        int n = row.Length - bpp;
        Debug.Assert(previous.Length == row.Length && destination.Length >= n);
        int done = 0;
        if (filter == PngFilterType.None)
        {
            row[bpp..].CopyTo(destination);
            return;
        }

        if (Vector256.IsHardwareAccelerated && n >= Vector256<byte>.Count)
        {
            done = Apply256(filter, row, previous, bpp, destination);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<byte>.Count)
        {
            done = Apply128(filter, row, previous, bpp, destination);
        }

        ApplyScalar(filter, row, previous, bpp, done, destination);
    }

    /// <summary>Scalar reference of <see cref="Apply"/> from byte <paramref name="start"/> on.</summary>
    public static void ApplyScalar(PngFilterType filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, int start, Span<byte> destination)
    {
        for (int i = start; i < row.Length - bpp; i++)
        {
            int x = row[bpp + i], a = row[i], b = previous[bpp + i], c = previous[i];
            int predictor = filter switch
            {
                PngFilterType.None => 0,
                PngFilterType.Sub => a,
                PngFilterType.Up => b,
                PngFilterType.Average => (a + b) >> 1,
                _ => PngUnfilter.Predict(a, b, c),
            };
            destination[i] = (byte)(x - predictor);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Cost(int v)
    {
        v &= 0xFF;
        return v < 128 ? v : 256 - v;
    }

    private static int Costs256(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<long> costs)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte u = ref MemoryMarshal.GetReference(previous);
        int n = row.Length - bpp;
        var none = Vector256<ushort>.Zero;
        var sub = Vector256<ushort>.Zero;
        var up = Vector256<ushort>.Zero;
        var avg = Vector256<ushort>.Zero;
        var paeth = Vector256<ushort>.Zero;
        int i = 0;
        int steps = 0;
        for (; i + Vector256<byte>.Count <= n; i += Vector256<byte>.Count)
        {
            Vector256<byte> x = Vector256.LoadUnsafe(ref r, (nuint)(bpp + i));
            Vector256<byte> a = Vector256.LoadUnsafe(ref r, (nuint)i);
            Vector256<byte> b = Vector256.LoadUnsafe(ref u, (nuint)(bpp + i));
            Vector256<byte> c = Vector256.LoadUnsafe(ref u, (nuint)i);
            none += CostLanes(x);
            sub += CostLanes(x - a);
            up += CostLanes(x - b);
            avg += CostLanes(x - Average(a, b));
            paeth += CostLanes(x - Paeth(a, b, c));
            if (++steps == FlushSteps)
            {
                Flush(ref none, ref sub, ref up, ref avg, ref paeth, costs);
                steps = 0;
            }
        }

        Flush(ref none, ref sub, ref up, ref avg, ref paeth, costs);
        return i;
    }

    private static int Costs128(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<long> costs)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte u = ref MemoryMarshal.GetReference(previous);
        int n = row.Length - bpp;
        var none = Vector128<ushort>.Zero;
        var sub = Vector128<ushort>.Zero;
        var up = Vector128<ushort>.Zero;
        var avg = Vector128<ushort>.Zero;
        var paeth = Vector128<ushort>.Zero;
        int i = 0;
        int steps = 0;
        for (; i + Vector128<byte>.Count <= n; i += Vector128<byte>.Count)
        {
            Vector128<byte> x = Vector128.LoadUnsafe(ref r, (nuint)(bpp + i));
            Vector128<byte> a = Vector128.LoadUnsafe(ref r, (nuint)i);
            Vector128<byte> b = Vector128.LoadUnsafe(ref u, (nuint)(bpp + i));
            Vector128<byte> c = Vector128.LoadUnsafe(ref u, (nuint)i);
            none += CostLanes(x);
            sub += CostLanes(x - a);
            up += CostLanes(x - b);
            avg += CostLanes(x - Average(a, b));
            paeth += CostLanes(x - Paeth(a, b, c));
            if (++steps == FlushSteps)
            {
                Flush(ref none, ref sub, ref up, ref avg, ref paeth, costs);
                steps = 0;
            }
        }

        Flush(ref none, ref sub, ref up, ref avg, ref paeth, costs);
        return i;
    }

    private static int Apply256(PngFilterType filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> destination)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte u = ref MemoryMarshal.GetReference(previous);
        ref byte d = ref MemoryMarshal.GetReference(destination);
        int n = row.Length - bpp;
        int i = 0;
        for (; i + Vector256<byte>.Count <= n; i += Vector256<byte>.Count)
        {
            Vector256<byte> x = Vector256.LoadUnsafe(ref r, (nuint)(bpp + i));
            Vector256<byte> a = Vector256.LoadUnsafe(ref r, (nuint)i);
            Vector256<byte> b = Vector256.LoadUnsafe(ref u, (nuint)(bpp + i));
            Vector256<byte> predictor = filter switch
            {
                PngFilterType.Sub => a,
                PngFilterType.Up => b,
                PngFilterType.Average => Average(a, b),
                _ => Paeth(a, b, Vector256.LoadUnsafe(ref u, (nuint)i)),
            };
            (x - predictor).StoreUnsafe(ref d, (nuint)i);
        }

        return i;
    }

    private static int Apply128(PngFilterType filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> destination)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte u = ref MemoryMarshal.GetReference(previous);
        ref byte d = ref MemoryMarshal.GetReference(destination);
        int n = row.Length - bpp;
        int i = 0;
        for (; i + Vector128<byte>.Count <= n; i += Vector128<byte>.Count)
        {
            Vector128<byte> x = Vector128.LoadUnsafe(ref r, (nuint)(bpp + i));
            Vector128<byte> a = Vector128.LoadUnsafe(ref r, (nuint)i);
            Vector128<byte> b = Vector128.LoadUnsafe(ref u, (nuint)(bpp + i));
            Vector128<byte> predictor = filter switch
            {
                PngFilterType.Sub => a,
                PngFilterType.Up => b,
                PngFilterType.Average => Average(a, b),
                _ => Paeth(a, b, Vector128.LoadUnsafe(ref u, (nuint)i)),
            };
            (x - predictor).StoreUnsafe(ref d, (nuint)i);
        }

        return i;
    }

    /// <summary>min(v, −v) per byte (the magnitude of v read as signed), folded pairwise into 16-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> CostLanes(Vector256<byte> v)
    {
        Vector256<byte> m = Vector256.Min(v, Vector256<byte>.Zero - v);
        (Vector256<ushort> lo, Vector256<ushort> hi) = Vector256.Widen(m);
        return lo + hi;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> CostLanes(Vector128<byte> v)
    {
        Vector128<byte> m = Vector128.Min(v, Vector128<byte>.Zero - v);
        (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(m);
        return lo + hi;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Average(Vector256<byte> a, Vector256<byte> b) =>
        (a & b) + Vector256.ShiftRightLogical(a ^ b, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Average(Vector128<byte> a, Vector128<byte> b) =>
        (a & b) + Vector128.ShiftRightLogical(a ^ b, 1);

    /// <summary>The Paeth predictor of 32 byte lanes, computed in two halves of 16-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Paeth(Vector256<byte> a, Vector256<byte> b, Vector256<byte> c)
    {
        (Vector256<ushort> aLo, Vector256<ushort> aHi) = Vector256.Widen(a);
        (Vector256<ushort> bLo, Vector256<ushort> bHi) = Vector256.Widen(b);
        (Vector256<ushort> cLo, Vector256<ushort> cHi) = Vector256.Widen(c);
        Vector256<ushort> lo = Paeth(aLo.AsInt16(), bLo.AsInt16(), cLo.AsInt16()).AsUInt16();
        Vector256<ushort> hi = Paeth(aHi.AsInt16(), bHi.AsInt16(), cHi.AsInt16()).AsUInt16();
        return Vector256.Narrow(lo, hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Paeth(Vector256<short> a, Vector256<short> b, Vector256<short> c)
    {
        Vector256<short> bc = b - c;
        Vector256<short> ac = a - c;
        Vector256<short> pa = Vector256.Abs(bc);
        Vector256<short> pb = Vector256.Abs(ac);
        Vector256<short> pc = Vector256.Abs(bc + ac);
        Vector256<short> useA = Vector256.LessThanOrEqual(pa, pb) & Vector256.LessThanOrEqual(pa, pc);
        Vector256<short> bOrC = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(pb, pc), b, c);
        return Vector256.ConditionalSelect(useA, a, bOrC);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Paeth(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c)
    {
        (Vector128<ushort> aLo, Vector128<ushort> aHi) = Vector128.Widen(a);
        (Vector128<ushort> bLo, Vector128<ushort> bHi) = Vector128.Widen(b);
        (Vector128<ushort> cLo, Vector128<ushort> cHi) = Vector128.Widen(c);
        Vector128<ushort> lo = Paeth(aLo.AsInt16(), bLo.AsInt16(), cLo.AsInt16()).AsUInt16();
        Vector128<ushort> hi = Paeth(aHi.AsInt16(), bHi.AsInt16(), cHi.AsInt16()).AsUInt16();
        return Vector128.Narrow(lo, hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Paeth(Vector128<short> a, Vector128<short> b, Vector128<short> c)
    {
        Vector128<short> bc = b - c;
        Vector128<short> ac = a - c;
        Vector128<short> pa = Vector128.Abs(bc);
        Vector128<short> pb = Vector128.Abs(ac);
        Vector128<short> pc = Vector128.Abs(bc + ac);
        Vector128<short> useA = Vector128.LessThanOrEqual(pa, pb) & Vector128.LessThanOrEqual(pa, pc);
        Vector128<short> bOrC = Vector128.ConditionalSelect(Vector128.LessThanOrEqual(pb, pc), b, c);
        return Vector128.ConditionalSelect(useA, a, bOrC);
    }

    private static void Flush(ref Vector256<ushort> none, ref Vector256<ushort> sub, ref Vector256<ushort> up, ref Vector256<ushort> avg, ref Vector256<ushort> paeth, Span<long> costs)
    {
        costs[0] += Total(none);
        costs[1] += Total(sub);
        costs[2] += Total(up);
        costs[3] += Total(avg);
        costs[4] += Total(paeth);
        none = sub = up = avg = paeth = Vector256<ushort>.Zero;

        static long Total(Vector256<ushort> v)
        {
            (Vector256<uint> lo, Vector256<uint> hi) = Vector256.Widen(v);
            return Vector256.Sum(lo + hi);
        }
    }

    private static void Flush(ref Vector128<ushort> none, ref Vector128<ushort> sub, ref Vector128<ushort> up, ref Vector128<ushort> avg, ref Vector128<ushort> paeth, Span<long> costs)
    {
        costs[0] += Total(none);
        costs[1] += Total(sub);
        costs[2] += Total(up);
        costs[3] += Total(avg);
        costs[4] += Total(paeth);
        none = sub = up = avg = paeth = Vector128<ushort>.Zero;

        static long Total(Vector128<ushort> v)
        {
            (Vector128<uint> lo, Vector128<uint> hi) = Vector128.Widen(v);
            return Vector128.Sum(lo + hi);
        }
    }
}

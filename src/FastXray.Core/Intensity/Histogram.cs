using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Intensity;

public static partial class Histogram
{
    /// <summary>
    /// <c>scipy.ndimage.histogram(source, min, max, bins)</c> with <c>bins = counts.Length</c>: int64 counts
    /// over the edges <c>np.linspace(min, max, bins + 1)</c>.
    /// </summary>
    /// <remarks>
    /// <c>counts[i] = #{v : e_i ≤ v &lt; e_(i+1)}</c> for i &lt; bins-1 and <c>#{v : e_(bins-1) ≤ v ≤ max}</c> for the
    /// last bin; out-of-range samples and NaN are dropped. With min = max every edge equals min and only the last
    /// bin counts (the samples equal to min). The tutorial calls it with the image's own min and max and 256 bins,
    /// which is one bin per value only when min = 0 and max = 255.
    /// </remarks>
    /// <exception cref="ArgumentException">counts is empty, min &gt; max, or min/max is not finite.</exception>
    public static void Compute<T>(ReadOnlyImageSpan<T> source, double min, double max, Span<long> counts)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        if (counts.IsEmpty)
        {
            ThrowHelper.ThrowArgument(nameof(counts), "At least one bin is needed.");
        }

        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            ThrowHelper.ThrowArgument(nameof(min), "min and max must be finite.");
        }

        if (min > max)
        {
            ThrowHelper.ThrowArgument(nameof(min), "min must not exceed max (NumPy: bins must increase monotonically).");
        }

        Count(source, min, max, counts, float32Edges: false);
    }

    /// <summary>Builds the edges (rounded to float32 when NumPy would compute them in float32) and counts.</summary>
    internal static void Count<T>(in ReadOnlyImageSpan<T> source, double min, double max, Span<long> counts, bool float32Edges)
        where T : unmanaged
    {
        counts.Clear();
        if (source.IsEmpty)
        {
            return;
        }

        int bins = counts.Length;
        double[] rentedEdges = ArrayPool<double>.Shared.Rent(bins + 1);
        try
        {
            Span<double> edges = rentedEdges.AsSpan(0, bins + 1);
            Edges(min, max, edges);
            if (float32Edges)
            {
                for (int i = 0; i < edges.Length; i++)
                {
                    edges[i] = (float)edges[i];
                }
            }

            if (typeof(T) == typeof(float))
            {
                CountFloats(source, edges, counts);
            }
            else
            {
                CountIntegers(source, edges, counts);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rentedEdges);
        }
    }

    /// <summary>Bins the per-value table of an 8/16-bit image.</summary>
    private static void CountIntegers<T>(in ReadOnlyImageSpan<T> source, ReadOnlySpan<double> edges, Span<long> counts)
        where T : unmanaged
    {
        int length = ValueCounts.TableLength<T>();
        int[] rented = ArrayPool<int>.Shared.Rent(length);
        try
        {
            Span<int> values = rented.AsSpan(0, length);
            ValueCounts.Count(source, values);
            BinValueCounts(values, 0, edges, counts);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Adds <paramref name="values"/>[j] (the count of value <paramref name="firstValue"/> + j) to the bin of that
    /// value: one increasing walk over values and edges, each value compared exactly with the float64 edges.
    /// </summary>
    internal static void BinValueCounts(ReadOnlySpan<int> values, int firstValue, ReadOnlySpan<double> edges, Span<long> counts)
    {
        int bins = counts.Length;
        double lo = edges[0];
        double hi = edges[bins];
        int bin = 0;
        for (int j = 0; j < values.Length; j++)
        {
            int c = values[j];
            double v = firstValue + j;
            if (c == 0 || v < lo)
            {
                continue;
            }

            if (v > hi)
            {
                break;
            }

            while (bin < bins - 1 && v >= edges[bin + 1])
            {
                bin++;
            }

            counts[bin] += c;
        }
    }

    /// <summary>
    /// The bin of every value in [<paramref name="firstValue"/>, firstValue + binOf.Length) that lies within the
    /// edges (-1 outside), by the same increasing walk as <see cref="BinValueCounts"/>.
    /// </summary>
    internal static void BinOfValues(Span<int> binOf, int firstValue, ReadOnlySpan<double> edges)
    {
        int bins = edges.Length - 1;
        double lo = edges[0];
        double hi = edges[bins];
        int bin = 0;
        for (int j = 0; j < binOf.Length; j++)
        {
            double v = firstValue + j;
            if (v < lo || v > hi)
            {
                binOf[j] = -1;
                continue;
            }

            while (bin < bins - 1 && v >= edges[bin + 1])
            {
                bin++;
            }

            binOf[j] = bin;
        }
    }

    private static void CountFloats<T>(in ReadOnlyImageSpan<T> source, ReadOnlySpan<double> edges, Span<long> counts)
        where T : unmanaged
    {
        int bins = counts.Length;
        double lo = edges[0];
        double hi = edges[bins];
        // The candidate bin only needs to be close: the edge comparisons below make it exact.
        double perUnit = hi > lo ? bins / (hi - lo) : 0;
        ref double e = ref MemoryMarshal.GetReference(edges);
        ref long c = ref MemoryMarshal.GetReference(counts);
        int spans = ImageRows.Count(source);
        for (int r = 0; r < spans; r++)
        {
            ReadOnlySpan<float> row = MemoryMarshal.Cast<T, float>(ImageRows.Get(source, r));
            for (int i = 0; i < row.Length; i++)
            {
                double v = row[i];
                if (!(v >= lo && v <= hi))
                {
                    continue; // out of range or NaN
                }

                int b = FloatBin(v, lo, perUnit, bins, ref e);
                Unsafe.Add(ref c, b)++;
            }
        }
    }

    /// <summary>The exact bin of an in-range value: arithmetic guess, then fixed against the neighbouring edges.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FloatBin(double v, double lo, double perUnit, int bins, ref double edges)
    {
        Debug.Assert(v >= lo);
        double guess = (v - lo) * perUnit;
        int b = guess < bins ? (int)guess : bins - 1;
        while (b > 0 && v < Unsafe.Add(ref edges, b))
        {
            b--;
        }

        while (b < bins - 1 && v >= Unsafe.Add(ref edges, b + 1))
        {
            b++;
        }

        return b;
    }
}

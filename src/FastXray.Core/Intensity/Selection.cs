using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastXray.Intensity;

/// <summary>
/// Introselect on float32: the k-th smallest element in expected O(n), with a depth limit that falls back to
/// sorting the remaining range (so the worst case stays O(n log n)), like NumPy's <c>np.partition</c> behind
/// <c>np.median</c>. The span must hold no NaN.
/// </summary>
/// <remarks>
/// Quickselect with a median-of-three pivot and Hoare partitioning (equal keys split evenly, so flat images
/// do not degrade); ranges of at most 16 finish with an insertion sort. On return <c>values[k]</c> is the
/// k-th smallest, everything before it is ≤ it and everything after is ≥ it.
/// </remarks>
internal static class Selection
{
    private const int SmallRange = 16;

    public static float Select(Span<float> values, int k)
    {
        Debug.Assert((uint)k < (uint)values.Length);
        int lo = 0;
        int hi = values.Length - 1;
        int depth = 2 * (BitOperations.Log2((uint)values.Length) + 1);
        while (hi - lo >= SmallRange)
        {
            if (depth-- == 0)
            {
                values[lo..(hi + 1)].Sort();
                return values[k];
            }

            int mid = lo + ((hi - lo) >> 1);
            // Order lo, mid, hi so the pivot (the median of the three) sits at mid.
            SortPair(values, lo, mid);
            SortPair(values, mid, hi);
            SortPair(values, lo, mid);
            float pivot = values[mid];
            int i = lo - 1;
            int j = hi + 1;
            while (true)
            {
                do
                {
                    i++;
                }
                while (values[i] < pivot);

                do
                {
                    j--;
                }
                while (values[j] > pivot);

                if (i >= j)
                {
                    break;
                }

                (values[i], values[j]) = (values[j], values[i]);
            }

            // [lo, j] ≤ pivot ≤ [j + 1, hi]
            if (k <= j)
            {
                hi = j;
            }
            else
            {
                lo = j + 1;
            }
        }

        InsertionSort(values[lo..(hi + 1)]);
        return values[k];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SortPair(Span<float> values, int a, int b)
    {
        if (values[b] < values[a])
        {
            (values[a], values[b]) = (values[b], values[a]);
        }
    }

    private static void InsertionSort(Span<float> values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            float v = values[i];
            int j = i - 1;
            while (j >= 0 && values[j] > v)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = v;
        }
    }
}

using System.Numerics;
using System.Runtime.InteropServices;
using FastXray.Intensity;

namespace FastXray.Color;

public sealed partial class Colormap
{
    /// <summary>
    /// The range <c>imshow</c> autoscales to: the minimum and maximum of the finite samples
    /// (Matplotlib masks NaN and ±inf first). (0, 0) when there is no finite sample.
    /// </summary>
    public static (double Min, double Max) AutoRange(ReadOnlyImageSpan<float> source)
    {
        if (source.Width == 0 || source.Height == 0)
        {
            return (0, 0);
        }

        // Fast path, one vectorised pass for both: when the plain min and max are finite there was no NaN (it
        // would propagate) and no infinity, so they are the answer. Otherwise the masking loop below decides.
        float low = float.PositiveInfinity;
        float high = float.NegativeInfinity;
        bool finite = true;
        int spans = ImageRows.Count(source);
        for (int r = 0; r < spans && finite; r++)
        {
            MinMax(ImageRows.Get(source, r), ref low, ref high);
            finite = float.IsFinite(low) && float.IsFinite(high);
        }

        if (finite)
        {
            return (low, high);
        }

        float min = float.PositiveInfinity;
        float max = float.NegativeInfinity;
        for (int y = 0; y < source.Height; y++)
        {
            foreach (float v in source.Row(y))
            {
                if (float.IsFinite(v))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }
        }

        return min > max ? (0, 0) : (min, max);
    }

    // low = min(low, row), high = max(high, row) with Math.Min/Max semantics (NaN propagates, -0 < +0), which
    // Vector.Min/Max share, so every width agrees with the scalar loop. Vector<T> keeps one copy of this
    // memory-bound loop for every ISA. Tail: an overlapping last vector (idempotent).
    private static void MinMax(ReadOnlySpan<float> row, ref float low, ref float high)
    {
        int n = row.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            ref float p = ref MemoryMarshal.GetReference(row);
            Vector<float> lo = new(low), hi = new(high);
            for (int last = n - Vector<float>.Count; ; i += Vector<float>.Count)
            {
                Vector<float> v = Vector.LoadUnsafe(ref p, (nuint)Math.Min(i, last));
                lo = Vector.Min(lo, v);
                hi = Vector.Max(hi, v);
                if (i >= last)
                {
                    break;
                }
            }

            for (int k = 0; k < Vector<float>.Count; k++)
            {
                low = Math.Min(low, lo[k]);
                high = Math.Max(high, hi[k]);
            }

            i = n;
        }

        for (; i < n; i++)
        {
            low = Math.Min(low, row[i]);
            high = Math.Max(high, row[i]);
        }
    }
}

using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    // low = min(low, row), high = max(high, row) with Math.Min/Max semantics (NaN propagates, -0 < +0), which the
    // Vector Min/Max share, so the widths agree with the scalar loop. Tail: an overlapping last vector (idempotent).
    private static void MinMax(ReadOnlySpan<float> row, ref float low, ref float high)
    {
        ref float p = ref MemoryMarshal.GetReference(row);
        int n = row.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            Vector512<float> lo = Vector512.Create(low), hi = Vector512.Create(high);
            for (int last = n - Vector512<float>.Count; ; i += Vector512<float>.Count)
            {
                Vector512<float> v = Vector512.LoadUnsafe(ref p, (nuint)Math.Min(i, last));
                lo = Vector512.Min(lo, v);
                hi = Vector512.Max(hi, v);
                if (i >= last)
                {
                    break;
                }
            }

            (low, high, i) = (Reduce(lo.GetLower(), lo.GetUpper(), min: true), Reduce(hi.GetLower(), hi.GetUpper(), min: false), n);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            Vector256<float> lo = Vector256.Create(low), hi = Vector256.Create(high);
            for (int last = n - Vector256<float>.Count; ; i += Vector256<float>.Count)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref p, (nuint)Math.Min(i, last));
                lo = Vector256.Min(lo, v);
                hi = Vector256.Max(hi, v);
                if (i >= last)
                {
                    break;
                }
            }

            (low, high, i) = (Reduce(lo, lo, min: true), Reduce(hi, hi, min: false), n);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            Vector128<float> lo = Vector128.Create(low), hi = Vector128.Create(high);
            for (int last = n - Vector128<float>.Count; ; i += Vector128<float>.Count)
            {
                Vector128<float> v = Vector128.LoadUnsafe(ref p, (nuint)Math.Min(i, last));
                lo = Vector128.Min(lo, v);
                hi = Vector128.Max(hi, v);
                if (i >= last)
                {
                    break;
                }
            }

            (low, high, i) = (Reduce(lo, min: true), Reduce(hi, min: false), n);
        }

        for (; i < n; i++)
        {
            low = Math.Min(low, row[i]);
            high = Math.Max(high, row[i]);
        }
    }

    private static float Reduce(Vector256<float> a, Vector256<float> b, bool min)
    {
        Vector256<float> v = min ? Vector256.Min(a, b) : Vector256.Max(a, b);
        return Reduce(min ? Vector128.Min(v.GetLower(), v.GetUpper()) : Vector128.Max(v.GetLower(), v.GetUpper()), min);
    }

    private static float Reduce(Vector128<float> v, bool min)
    {
        float r = v[0];
        for (int k = 1; k < Vector128<float>.Count; k++)
        {
            r = min ? Math.Min(r, v[k]) : Math.Max(r, v[k]);
        }

        return r;
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Intensity;

/// <summary>
/// Sums of float32 samples accumulated in float64 (the sum, and the sum of squared deviations from a mean
/// for the two-pass population variance).
/// </summary>
/// <remarks>
/// NumPy reduces float32 arrays in float32 (pairwise); accumulating in float64 is at least as accurate and
/// differs from NumPy by float32 rounding of NumPy's own result. Lanes: each float vector widens to two
/// double vectors (lower and upper half) with their own accumulators. Tail: an overlapping last vector with
/// the lanes already counted replaced by the identity (0 for the sum; a zero deviation for the variance).
/// The summation order follows the vector width, so the last bits depend on the ISA; NaN propagates.
/// </remarks>
internal static class FloatSums
{
    public static double Sum(ReadOnlySpan<float> source)
    {
        ref float p = ref MemoryMarshal.GetReference(source);
        int n = source.Length;
        SimdLevel level = SimdCapabilities.Active;
        if (Vector512.IsHardwareAccelerated && level >= SimdLevel.Vector512 && n >= Vector512<float>.Count)
        {
            int last = n - Vector512<float>.Count;
            Vector512<double> a0 = Vector512<double>.Zero, a1 = Vector512<double>.Zero;
            int i = 0;
            for (; i <= last; i += Vector512<float>.Count)
            {
                (Vector512<double> lo, Vector512<double> hi) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)i));
                a0 += lo;
                a1 += hi;
            }

            if (i < n)
            {
                Vector512<float> keep = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(i - last)).AsSingle();
                (Vector512<double> lo, Vector512<double> hi) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)last) & keep);
                a0 += lo;
                a1 += hi;
            }

            return Vector512.Sum(a0 + a1);
        }

        if (Vector256.IsHardwareAccelerated && level >= SimdLevel.Vector256 && n >= Vector256<float>.Count)
        {
            int last = n - Vector256<float>.Count;
            Vector256<double> a0 = Vector256<double>.Zero, a1 = Vector256<double>.Zero;
            int i = 0;
            for (; i <= last; i += Vector256<float>.Count)
            {
                (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)i));
                a0 += lo;
                a1 += hi;
            }

            if (i < n)
            {
                Vector256<float> keep = Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(i - last)).AsSingle();
                (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)last) & keep);
                a0 += lo;
                a1 += hi;
            }

            return Vector256.Sum(a0 + a1);
        }

        if (Vector128.IsHardwareAccelerated && level >= SimdLevel.Vector128 && n >= Vector128<float>.Count)
        {
            int last = n - Vector128<float>.Count;
            Vector128<double> a0 = Vector128<double>.Zero, a1 = Vector128<double>.Zero;
            int i = 0;
            for (; i <= last; i += Vector128<float>.Count)
            {
                (Vector128<double> lo, Vector128<double> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref p, (nuint)i));
                a0 += lo;
                a1 += hi;
            }

            if (i < n)
            {
                Vector128<float> keep = Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(i - last)).AsSingle();
                (Vector128<double> lo, Vector128<double> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref p, (nuint)last) & keep);
                a0 += lo;
                a1 += hi;
            }

            return Vector128.Sum(a0 + a1);
        }

        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Unsafe.Add(ref p, i);
        }

        return s;
    }

    /// <summary>Σ (x - mean)² in float64.</summary>
    public static double SumSquaredDeviations(ReadOnlySpan<float> source, double mean)
    {
        ref float p = ref MemoryMarshal.GetReference(source);
        int n = source.Length;
        SimdLevel level = SimdCapabilities.Active;
        if (Vector512.IsHardwareAccelerated && level >= SimdLevel.Vector512 && n >= Vector512<float>.Count)
        {
            Vector512<double> m = Vector512.Create(mean);
            int last = n - Vector512<float>.Count;
            Vector512<double> a0 = Vector512<double>.Zero, a1 = Vector512<double>.Zero;
            int i = 0;
            for (; i <= last; i += Vector512<float>.Count)
            {
                (Vector512<double> lo, Vector512<double> hi) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)i));
                lo -= m;
                hi -= m;
                a0 += lo * lo;
                a1 += hi * hi;
            }

            if (i < n)
            {
                // Lanes already counted get the mean itself, whose deviation is exactly 0.
                (Vector512<double> lo, Vector512<double> hi) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)last));
                Vector512<long> k = Vector512.Create((long)(i - last));
                lo = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512<long>.Indices, k).AsDouble(), lo, m) - m;
                hi = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512<long>.Indices + Vector512.Create((long)Vector512<double>.Count), k).AsDouble(), hi, m) - m;
                a0 += lo * lo;
                a1 += hi * hi;
            }

            return Vector512.Sum(a0 + a1);
        }

        if (Vector256.IsHardwareAccelerated && level >= SimdLevel.Vector256 && n >= Vector256<float>.Count)
        {
            Vector256<double> m = Vector256.Create(mean);
            int last = n - Vector256<float>.Count;
            Vector256<double> a0 = Vector256<double>.Zero, a1 = Vector256<double>.Zero;
            int i = 0;
            for (; i <= last; i += Vector256<float>.Count)
            {
                (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)i));
                lo -= m;
                hi -= m;
                a0 += lo * lo;
                a1 += hi * hi;
            }

            if (i < n)
            {
                (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)last));
                Vector256<long> k = Vector256.Create((long)(i - last));
                lo = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(Vector256<long>.Indices, k).AsDouble(), lo, m) - m;
                hi = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(Vector256<long>.Indices + Vector256.Create((long)Vector256<double>.Count), k).AsDouble(), hi, m) - m;
                a0 += lo * lo;
                a1 += hi * hi;
            }

            return Vector256.Sum(a0 + a1);
        }

        if (Vector128.IsHardwareAccelerated && level >= SimdLevel.Vector128 && n >= Vector128<float>.Count)
        {
            Vector128<double> m = Vector128.Create(mean);
            int last = n - Vector128<float>.Count;
            Vector128<double> a0 = Vector128<double>.Zero, a1 = Vector128<double>.Zero;
            int i = 0;
            for (; i <= last; i += Vector128<float>.Count)
            {
                (Vector128<double> lo, Vector128<double> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref p, (nuint)i));
                lo -= m;
                hi -= m;
                a0 += lo * lo;
                a1 += hi * hi;
            }

            if (i < n)
            {
                (Vector128<double> lo, Vector128<double> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref p, (nuint)last));
                Vector128<long> k = Vector128.Create((long)(i - last));
                lo = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(Vector128<long>.Indices, k).AsDouble(), lo, m) - m;
                hi = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(Vector128<long>.Indices + Vector128.Create((long)Vector128<double>.Count), k).AsDouble(), hi, m) - m;
                a0 += lo * lo;
                a1 += hi * hi;
            }

            return Vector128.Sum(a0 + a1);
        }

        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double d = Unsafe.Add(ref p, i) - mean;
            s += d * d;
        }

        return s;
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Intensity;

/// <summary><c>np.hypot</c> of two float32 images.</summary>
public static class Hypot
{
    /// <summary><c>out = sqrt(x² + y²)</c> in float32, correctly rounded like glibc's <c>hypotf</c> (what NumPy calls).</summary>
    /// <remarks>
    /// <c>out = (float)sqrt((double)x·x + (double)y·y)</c>, and +inf if either input is ±inf (even with a NaN).
    /// The float32 products are exact in float64 and the float64 square root rounded to float32 is correctly
    /// rounded, so there is no overflow below 3.4e38 and no underflow for subnormals. TensorPrimitives.Hypot
    /// (System.Numerics.Tensors 9.x) evaluates <c>sqrt(x·x + y·y)</c> in float32, which overflows above
    /// about 1.8e19 and can be 1 ulp off, so it is not used. Lanes: each float vector widens to two double
    /// vectors and narrows back; the tail is an overlapping last vector loaded before the first store, so
    /// the destination may be either input.
    /// </remarks>
    public static void Compute(ReadOnlyImageSpan<float> x, ReadOnlyImageSpan<float> y, ImageSpan<float> destination)
    {
        ImageRows.EnsureSameSize(x, y, nameof(y));
        ImageSpanValidation.SameSize(x, destination);
        bool whole = x.IsContiguous && y.IsContiguous && destination.IsContiguous;
        int count = x.Width * x.Height;
        int spans = x.IsEmpty ? 0 : whole ? 1 : x.Height;
        for (int r = 0; r < spans; r++)
        {
            Row(whole ? x.Data[..count] : x.Row(r), whole ? y.Data[..count] : y.Row(r), whole ? destination.Data[..count] : destination.Row(r));
        }
    }

    internal static void Row(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        ref float d = ref MemoryMarshal.GetReference(destination);
        int n = x.Length;
        SimdLevel level = SimdCapabilities.Active;
        if (Vector512.IsHardwareAccelerated && level >= SimdLevel.Vector512 && n >= Vector512<float>.Count)
        {
            int last = n - Vector512<float>.Count;
            Vector512<float> tail = Invoke(Vector512.LoadUnsafe(ref px, (nuint)last), Vector512.LoadUnsafe(ref py, (nuint)last));
            for (int i = 0; i < last; i += Vector512<float>.Count)
            {
                Invoke(Vector512.LoadUnsafe(ref px, (nuint)i), Vector512.LoadUnsafe(ref py, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }

            tail.StoreUnsafe(ref d, (nuint)last);
            return;
        }

        if (Vector256.IsHardwareAccelerated && level >= SimdLevel.Vector256 && n >= Vector256<float>.Count)
        {
            int last = n - Vector256<float>.Count;
            Vector256<float> tail = Invoke(Vector256.LoadUnsafe(ref px, (nuint)last), Vector256.LoadUnsafe(ref py, (nuint)last));
            for (int i = 0; i < last; i += Vector256<float>.Count)
            {
                Invoke(Vector256.LoadUnsafe(ref px, (nuint)i), Vector256.LoadUnsafe(ref py, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }

            tail.StoreUnsafe(ref d, (nuint)last);
            return;
        }

        if (Vector128.IsHardwareAccelerated && level >= SimdLevel.Vector128 && n >= Vector128<float>.Count)
        {
            int last = n - Vector128<float>.Count;
            Vector128<float> tail = Invoke(Vector128.LoadUnsafe(ref px, (nuint)last), Vector128.LoadUnsafe(ref py, (nuint)last));
            for (int i = 0; i < last; i += Vector128<float>.Count)
            {
                Invoke(Vector128.LoadUnsafe(ref px, (nuint)i), Vector128.LoadUnsafe(ref py, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }

            tail.StoreUnsafe(ref d, (nuint)last);
            return;
        }

        for (int i = 0; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Invoke(Unsafe.Add(ref px, i), Unsafe.Add(ref py, i));
        }
    }

    /// <summary>The scalar reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Invoke(float x, float y)
    {
        if (float.IsInfinity(x) || float.IsInfinity(y))
        {
            return float.PositiveInfinity;
        }

        double a = x;
        double b = y;
        return (float)Math.Sqrt((a * a) + (b * b));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y)
    {
        (Vector512<double> xl, Vector512<double> xh) = Vector512.Widen(x);
        (Vector512<double> yl, Vector512<double> yh) = Vector512.Widen(y);
        Vector512<float> r = Vector512.Narrow(Vector512.Sqrt((xl * xl) + (yl * yl)), Vector512.Sqrt((xh * xh) + (yh * yh)));
        Vector512<float> inf = Vector512.Create(float.PositiveInfinity);
        return Vector512.ConditionalSelect(Vector512.Equals(Vector512.Abs(x), inf) | Vector512.Equals(Vector512.Abs(y), inf), inf, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y)
    {
        (Vector256<double> xl, Vector256<double> xh) = Vector256.Widen(x);
        (Vector256<double> yl, Vector256<double> yh) = Vector256.Widen(y);
        Vector256<float> r = Vector256.Narrow(Vector256.Sqrt((xl * xl) + (yl * yl)), Vector256.Sqrt((xh * xh) + (yh * yh)));
        Vector256<float> inf = Vector256.Create(float.PositiveInfinity);
        return Vector256.ConditionalSelect(Vector256.Equals(Vector256.Abs(x), inf) | Vector256.Equals(Vector256.Abs(y), inf), inf, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y)
    {
        (Vector128<double> xl, Vector128<double> xh) = Vector128.Widen(x);
        (Vector128<double> yl, Vector128<double> yh) = Vector128.Widen(y);
        Vector128<float> r = Vector128.Narrow(Vector128.Sqrt((xl * xl) + (yl * yl)), Vector128.Sqrt((xh * xh) + (yh * yh)));
        Vector128<float> inf = Vector128.Create(float.PositiveInfinity);
        return Vector128.ConditionalSelect(Vector128.Equals(Vector128.Abs(x), inf) | Vector128.Equals(Vector128.Abs(y), inf), inf, r);
    }
}

using System.Buffers;

namespace FastXray.ScipyCast;

public static partial class StoredFilters
{
    /// <summary>
    /// <c>ndimage.gaussian_gradient_magnitude(image, sigma, mode=mode, cval=cval, truncate=truncate, radius=radius)</c>
    /// on a uint8/uint16 image, as numpy computes it in the dtype: each derivative stored (wrapped), squared in
    /// place (wraps), summed (wraps), then <c>np.sqrt</c>, which for uint8 runs in float16 and for uint16 in float32
    /// and is cast back by truncation (ndimage-semantics §5).
    /// </summary>
    public static void GaussianGradientMagnitude<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, (double Axis0, double Axis1) sigma,
        BorderMode mode, double cval, double truncate = 4.0, (int Axis0, int Axis1)? radius = null)
        where T : unmanaged
    {
        Check(source, destination);
        int w = source.Width;
        T[] term = ArrayPool<T>.Shared.Rent(Math.Max(checked(w * source.Height), 1));
        try
        {
            var second = new ImageSpan<T>(term.AsSpan(0, w * source.Height), w, source.Height);
            GaussianFilter(source, second, sigma, (0, 1), mode, cval, truncate, radius);
            GaussianFilter(source, destination, sigma, (1, 0), mode, cval, truncate, radius);
            for (int y = 0; y < destination.Height; y++)
            {
                ReadOnlySpan<T> b = second.Row(y);
                Span<T> d = destination.Row(y);
                for (int x = 0; x < d.Length; x++)
                {
                    int a = CCast.Value(d[x]);
                    int t = CCast.Value(b[x]);
                    T a2 = CCast.Wrap<T>(a * a);
                    T t2 = CCast.Wrap<T>(t * t);
                    int sum = CCast.Value(CCast.Wrap<T>(CCast.Value(a2) + CCast.Value(t2)));
                    d[x] = CCast.Wrap<T>(Sqrt<T>(sum));
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(term);
        }
    }

    // numpy's sqrt loop for the dtype: uint8 → float16 ('e'), uint16 → float32 ('f'); truncated back.
    private static int Sqrt<T>(int value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            // npy_half sqrt: the half widened to float, sqrtf, rounded back to half.
            return (int)(float)(Half)MathF.Sqrt((float)(Half)value);
        }

        return (int)MathF.Sqrt(value);
    }
}

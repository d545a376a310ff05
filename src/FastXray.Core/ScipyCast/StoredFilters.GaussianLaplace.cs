using System.Buffers;

namespace FastXray.ScipyCast;

public static partial class StoredFilters
{
    /// <summary>
    /// <c>ndimage.gaussian_laplace(image, sigma, mode=mode, cval=cval, truncate=truncate, radius=radius)</c> on a
    /// uint8/uint16 image: the order-2 Gaussian along axis 0 (each pass stored), the same along axis 1 into a second
    /// array of the dtype, then <c>output += tmp</c>, which wraps (ndimage-semantics §5).
    /// </summary>
    public static void GaussianLaplace<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, (double Axis0, double Axis1) sigma,
        BorderMode mode, double cval, double truncate = 4.0, (int Axis0, int Axis1)? radius = null)
        where T : unmanaged
    {
        Check(source, destination);
        int w = source.Width;
        T[] term = ArrayPool<T>.Shared.Rent(Math.Max(checked(w * source.Height), 1));
        try
        {
            // The second term goes to its own array first: destination may be the source itself.
            var second = new ImageSpan<T>(term.AsSpan(0, w * source.Height), w, source.Height);
            GaussianFilter(source, second, sigma, (0, 2), mode, cval, truncate, radius);
            GaussianFilter(source, destination, sigma, (2, 0), mode, cval, truncate, radius);
            AddWrapped(second, destination);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(term);
        }
    }

    // destination += term in the dtype (numpy's in-place add wraps modulo 2^bits).
    private static void AddWrapped<T>(ReadOnlyImageSpan<T> term, ImageSpan<T> destination)
        where T : unmanaged
    {
        for (int y = 0; y < destination.Height; y++)
        {
            ReadOnlySpan<T> t = term.Row(y);
            Span<T> d = destination.Row(y);
            for (int x = 0; x < d.Length; x++)
            {
                d[x] = CCast.Wrap<T>(CCast.Value(d[x]) + CCast.Value(t[x]));
            }
        }
    }
}

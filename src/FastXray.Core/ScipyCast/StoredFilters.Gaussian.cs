using System.Collections.Concurrent;
using FastXray.Tutorial;

namespace FastXray.ScipyCast;

public static partial class StoredFilters
{
    // Kernels per (σ, order, truncate, radius), built once: a chain over many files reuses them without allocating.
    private static readonly ConcurrentDictionary<(double Sigma, int Order, double Truncate, int Radius), double[]> s_gaussians = new();

    /// <summary>
    /// <c>ndimage.gaussian_filter(image, sigma, order, mode=mode, cval=cval, truncate=truncate, radius=radius)</c> on
    /// a uint8/uint16 image: one correlate1d pass per axis (axis 0 first) with scipy's float64 kernel, each stored
    /// into the image's dtype before the next.
    /// </summary>
    /// <remarks>
    /// Weights: φ(x) = exp(−x²/(2σ²)) normalised by numpy's pairwise sum, times the derivative polynomial for
    /// order 1 or 2, reversed (scipy convolves). An axis with σ ≤ 1e-15 is skipped even with an order; with
    /// both skipped the result is a copy. Radius r = int(truncate·σ + 0.5) unless given.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An order above 2 (scipy's general polynomial is not reproduced here).</exception>
    public static void GaussianFilter<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, (double Axis0, double Axis1) sigma, (int Axis0, int Axis1) order,
        BorderMode mode, double cval, double truncate = 4.0, (int Axis0, int Axis1)? radius = null)
        where T : unmanaged
    {
        Check(source, destination);
        bool any = false;
        for (int axis = 0; axis < 2; axis++)
        {
            double s = axis == 0 ? sigma.Axis0 : sigma.Axis1;
            if (s <= 1e-15)
            {
                continue;
            }

            int o = axis == 0 ? order.Axis0 : order.Axis1;
            int r = radius is { } rr ? (axis == 0 ? rr.Axis0 : rr.Axis1) : -1;
            double[] weights = s_gaussians.GetOrAdd((s, o, truncate, r), static k => ScipyKernel64.Gaussian(k.Sigma, k.Order, k.Truncate, k.Radius));
            StoredPasses.Correlate1D(any ? destination : source, destination, weights, axis, mode, cval, 0);
            any = true;
        }

        if (!any)
        {
            Copy(source, destination);
        }
    }
}

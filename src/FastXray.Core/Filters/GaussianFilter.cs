namespace FastXray.Filters;

/// <summary>scipy.ndimage.gaussian_filter on 2-D images.</summary>
public static class GaussianFilter
{
    /// <summary>Gaussian filter (or derivative) with the same sigma and order on both axes.</summary>
    /// <remarks>
    /// <c>out = G_σ,order(axis 0) then G_σ,order(axis 1)</c> with scipy's kernel: φ(x) = exp(−x²/2σ²)/Σφ on
    /// x = −r…r, r = int(truncate·σ + 0.5); derivative orders multiply φ by scipy's polynomial and the kernel is
    /// applied as a convolution (order 1 responds +1 to an increasing ramp). σ ≤ 1e-15 skips an axis.
    /// Computed in float32; within 1e-4 of scipy's float64 for 8-bit inputs.
    /// <paramref name="source"/> may be <paramref name="destination"/> itself (float only).
    /// </remarks>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double sigma, int order = 0, BorderMode mode = BorderMode.Reflect, double cval = 0, double truncate = 4.0)
        where T : unmanaged =>
        Apply(source, destination, (sigma, sigma), (order, order), mode, cval, truncate, null);

    /// <summary>Gaussian filter with per-axis sigma (axis 0 = rows, axis 1 = columns), per-axis order and an optional per-axis radius.</summary>
    /// <remarks>See <see cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, double, int, BorderMode, double, double)"/>. A given radius overrides truncate.</remarks>
    public static void Apply<T>(
        ReadOnlyImageSpan<T> source,
        ImageSpan<float> destination,
        (double Axis0, double Axis1) sigma,
        (int Axis0, int Axis1) order,
        BorderMode mode = BorderMode.Reflect,
        double cval = 0,
        double truncate = 4.0,
        (int Axis0, int Axis1)? radius = null)
        where T : unmanaged
    {
        Kernel1D ky = GaussianKernel.Kernel(sigma.Axis0, order.Axis0, truncate, radius?.Axis0);
        Kernel1D kx = GaussianKernel.Kernel(sigma.Axis1, order.Axis1, truncate, radius?.Axis1);
        SeparableFilter.Apply(source, destination, ky, kx, mode, (float)cval);
    }
}

namespace FastXray.Filters;

/// <summary>scipy.ndimage.gaussian_laplace on 2-D images.</summary>
public static class GaussianLaplace
{
    /// <summary>Laplacian of Gaussian: <c>gaussian_filter(order=(2,0)) + gaussian_filter(order=(0,2))</c>.</summary>
    /// <remarks>
    /// Both terms run in one streaming pass (per output row: each term's vertical then horizontal pass, then
    /// the sum), computed in float32. Per-axis sigma: axis 0 = rows. σ ≤ 1e-15 skips that axis in both terms,
    /// as scipy. Within 1e-4 of scipy's float64 for 8-bit inputs.
    /// </remarks>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double sigma, BorderMode mode = BorderMode.Reflect, double cval = 0, double truncate = 4.0)
        where T : unmanaged =>
        Apply(source, destination, (sigma, sigma), mode, cval, truncate, null);

    /// <summary>Laplacian of Gaussian with per-axis sigma and optional per-axis radius.</summary>
    /// <remarks>See the scalar-sigma overload.</remarks>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, (double Axis0, double Axis1) sigma, BorderMode mode = BorderMode.Reflect, double cval = 0, double truncate = 4.0, (int Axis0, int Axis1)? radius = null)
        where T : unmanaged
    {
        Kernel1D y2 = GaussianKernel.Kernel(sigma.Axis0, 2, truncate, radius?.Axis0);
        Kernel1D y0 = GaussianKernel.Kernel(sigma.Axis0, 0, truncate, radius?.Axis0);
        Kernel1D x0 = GaussianKernel.Kernel(sigma.Axis1, 0, truncate, radius?.Axis1);
        Kernel1D x2 = GaussianKernel.Kernel(sigma.Axis1, 2, truncate, radius?.Axis1);
        SeparableFilter.Apply(
            source,
            destination,
            y2,
            x0,
            y0,
            x2,
            TermCombine.Sum,
            mode,
            (float)cval);
    }
}

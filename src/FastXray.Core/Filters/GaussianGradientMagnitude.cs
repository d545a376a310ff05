namespace FastXray.Filters;

/// <summary>scipy.ndimage.gaussian_gradient_magnitude on 2-D images.</summary>
public static class GaussianGradientMagnitude
{
    /// <summary><c>sqrt(gaussian_filter(order=(1,0))² + gaussian_filter(order=(0,1))²)</c>.</summary>
    /// <remarks>Both derivative terms run in one streaming pass, computed in float32; per-axis sigma: axis 0 = rows.</remarks>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double sigma, BorderMode mode = BorderMode.Reflect, double cval = 0, double truncate = 4.0)
        where T : unmanaged =>
        Apply(source, destination, (sigma, sigma), mode, cval, truncate, null);

    /// <summary>Gradient magnitude with per-axis sigma and optional per-axis radius.</summary>
    /// <remarks>See the scalar-sigma overload.</remarks>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, (double Axis0, double Axis1) sigma, BorderMode mode = BorderMode.Reflect, double cval = 0, double truncate = 4.0, (int Axis0, int Axis1)? radius = null)
        where T : unmanaged
    {
        Kernel1D y1 = GaussianKernel.Kernel(sigma.Axis0, 1, truncate, radius?.Axis0);
        Kernel1D y0 = GaussianKernel.Kernel(sigma.Axis0, 0, truncate, radius?.Axis0);
        Kernel1D x0 = GaussianKernel.Kernel(sigma.Axis1, 0, truncate, radius?.Axis1);
        Kernel1D x1 = GaussianKernel.Kernel(sigma.Axis1, 1, truncate, radius?.Axis1);
        SeparableFilter.Apply(
            source,
            destination,
            y1,
            x0,
            y0,
            x1,
            TermCombine.Hypot,
            mode,
            (float)cval);
    }
}

namespace FastXray.Fourier;

/// <summary>
/// <c>scipy.ndimage.fourier_gaussian</c>: multiplies an array, assumed to be a Fourier spectrum, by the Fourier
/// transform of a Gaussian. No FFT is performed; the tutorial applies it to a spatial image, which gives a mild
/// brightness fall-off towards the image centre, not a blur (use <see cref="FftGaussian"/> for the blur).
/// </summary>
/// <remarks>
/// <para><c>out[y,x] = in[y,x]·g₀(k_y)·g₁(k_x)</c> with <c>g(k) = exp(−2π²σ²k²/N²)</c>, exactly 0 where the exponent is
/// below −50. k follows the complex FFT layout (<c>numpy.fft.fftfreq(N)·N</c>) on every axis, except that with
/// <c>n ≥ 0</c> the axis <c>axis</c> is taken as an rfft half spectrum: k = 0…length−1 and N = n. Axes of length 1
/// contribute 1.</para>
/// <para>Computed in float32 (scipy returns float64 for integer input, float32 for float32, complex for complex).
/// Real sources may be byte, ushort or float; a float or complex source may be its own destination.</para>
/// </remarks>
public static class FourierGaussian
{
    /// <summary>Real (spatial or spectral) image, one sigma for both axes.</summary>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double sigma, int n = -1, int axis = -1)
        where T : unmanaged =>
        Apply(source, destination, sigma, sigma, n, axis);

    /// <summary>Real image, sigma per axis (rows, columns) as scipy's sequence form.</summary>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double sigmaY, double sigmaX, int n, int axis)
        where T : unmanaged
    {
        FourierOp.RunReal(source, destination, FourierOp.Kind.Gaussian, sigmaY, sigmaX, n, axis);
    }

    /// <summary>Complex spectrum (e.g. from <see cref="Fft2DPlan.Forward"/>), one sigma for both axes.</summary>
    public static void Apply(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination, double sigma, int n = -1, int axis = -1) =>
        Apply(source, destination, sigma, sigma, n, axis);

    /// <summary>Complex spectrum, sigma per axis (rows, columns).</summary>
    public static void Apply(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination, double sigmaY, double sigmaX, int n, int axis)
    {
        FourierOp.RunComplex(source, destination, FourierOp.Kind.Gaussian, sigmaY, sigmaX, n, axis);
    }
}

namespace FastXray.Fourier;

/// <summary>
/// NumPy-style FFT entry points (<c>numpy.fft.fft</c>, <c>ifft</c>, <c>rfft</c>, <c>irfft</c>, <c>fft2</c>, <c>ifft2</c>,
/// <c>rfft2</c>, <c>irfft2</c>) that fetch a cached <see cref="FftPlan"/> or <see cref="Fft2DPlan"/> for the size.
/// </summary>
/// <remarks>
/// Forward transforms are unscaled, inverse transforms scaled by 1/N (1/(H·W) in 2-D):
/// <c>X[k] = Σₙ x[n]·exp(−2πi·kn/N)</c>. Exact DFTs for every size. The first call for a size builds its plan
/// (allocates); later calls allocate nothing. Hold a plan yourself to control that moment.
/// </remarks>
public static class Fft
{
    /// <summary><c>numpy.fft.fft</c>; see <see cref="FftPlan.Forward"/>.</summary>
    public static void Forward(ReadOnlySpan<Complex32> source, Span<Complex32> destination) =>
        FftPlan.Get(source.Length).Forward(source, destination);

    /// <summary><c>numpy.fft.ifft</c>; see <see cref="FftPlan.Inverse"/>.</summary>
    public static void Inverse(ReadOnlySpan<Complex32> source, Span<Complex32> destination) =>
        FftPlan.Get(source.Length).Inverse(source, destination);

    /// <summary><c>numpy.fft.rfft</c>; the destination holds N/2+1 values. See <see cref="FftPlan.ForwardReal"/>.</summary>
    public static void ForwardReal(ReadOnlySpan<float> source, Span<Complex32> destination) =>
        FftPlan.Get(source.Length).ForwardReal(source, destination);

    /// <summary><c>numpy.fft.irfft(source, n=destination.Length)</c>. See <see cref="FftPlan.InverseReal"/>.</summary>
    public static void InverseReal(ReadOnlySpan<Complex32> source, Span<float> destination) =>
        FftPlan.Get(destination.Length).InverseReal(source, destination);

    /// <summary><c>numpy.fft.fft2</c>; see <see cref="Fft2DPlan.Forward"/>.</summary>
    public static void Forward2D(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination) =>
        Fft2DPlan.Get(source.Height, source.Width).Forward(source, destination);

    /// <summary><c>numpy.fft.ifft2</c>; see <see cref="Fft2DPlan.Inverse"/>.</summary>
    public static void Inverse2D(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination) =>
        Fft2DPlan.Get(source.Height, source.Width).Inverse(source, destination);

    /// <summary><c>numpy.fft.rfft2</c> of a byte, ushort or float image; the destination is H×(W/2+1). See <see cref="Fft2DPlan.ForwardReal"/>.</summary>
    public static void ForwardReal2D<T>(ReadOnlyImageSpan<T> source, ImageSpan<Complex32> destination)
        where T : unmanaged =>
        Fft2DPlan.Get(source.Height, source.Width).ForwardReal(source, destination);

    /// <summary><c>numpy.fft.irfft2(source, s=(H, W))</c> with H×W the destination size. See <see cref="Fft2DPlan.InverseReal"/>.</summary>
    public static void InverseReal2D(ReadOnlyImageSpan<Complex32> source, ImageSpan<float> destination) =>
        Fft2DPlan.Get(destination.Height, destination.Width).InverseReal(source, destination);
}

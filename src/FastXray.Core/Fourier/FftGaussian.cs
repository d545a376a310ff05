namespace FastXray.Fourier;

/// <summary>
/// A Gaussian blur with periodic boundaries done in the Fourier domain:
/// <c>real(ifft2(fourier_gaussian(fft2(x), sigma)))</c>, the way scipy's documentation uses fourier_gaussian.
/// </summary>
/// <remarks>
/// <para><c>out = irfft2(G ⊙ rfft2(x))</c> with <c>G[u,v] = g_H(u)·g_W(v)</c>, <c>g_N(k) = exp(−2π²σ²k²/N²)</c> (0 once the
/// exponent is below −50), u in FFT order and v = 0…W/2. G is real and symmetric, so this equals the real part of the
/// full complex round trip. It approximates <c>gaussian_filter(x, σ, mode='wrap')</c> with an untruncated kernel.</para>
/// <para>Exact for every image size (non-powers of two use Bluestein's algorithm). Float32 throughout; the source may
/// be byte, ushort or float and may be the destination itself. One row pass, one column pass that filters between
/// its forward and inverse transforms, one inverse row pass; scratch is rented once per call.</para>
/// </remarks>
public static class FftGaussian
{
    /// <summary>Blurs with one sigma (in pixels) for both axes.</summary>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double sigma)
        where T : unmanaged =>
        Apply(source, destination, sigma, sigma);

    /// <summary>Blurs with a sigma per axis (rows, columns).</summary>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double sigmaY, double sigmaX)
        where T : unmanaged
    {
        if (!PixelConvert.IsSupported<T>())
        {
            ThrowHelper.ThrowNotSupportedType<T>();
        }

        ImageSpanValidation.SameSize(source, destination);
        if (source.IsEmpty)
        {
            ThrowHelper.ThrowArgument(nameof(source), "An FFT needs at least one pixel.");
        }

        // The source is read completely (first row pass) before the destination is written (last row pass), so
        // exact in-place use is fine; any other overlap is not.
        FftOverlap.CheckExactOrNone(source, destination);
        Fft2DPlan plan = Fft2DPlan.Get(source.Height, source.Width);
        int half = plan.SpectrumWidth;
        float[] factors = System.Buffers.ArrayPool<float>.Shared.Rent(source.Height + half);
        try
        {
            Span<float> rows = factors.AsSpan(0, source.Height);
            Span<float> columns = factors.AsSpan(source.Height, half);
            FourierFactors.Gaussian(rows, source.Height, sigmaY, realAxis: false, -1);

            // fourier_gaussian(..., n=W) on the half spectrum; a 1-wide spectrum (W = 1) is an axis of length 1.
            FourierFactors.Gaussian(columns, half, sigmaX, realAxis: true, source.Width);
            plan.FilterReal(source, destination, rows, columns);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(factors);
        }
    }
}

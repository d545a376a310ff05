using FastXray.Fourier;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Fourier;

/// <summary>After a plan exists (and the pool is warm), no transform or filter allocates.</summary>
public class FourierAllocationTests
{
    [Theory]
    [InlineData(64, 64)]
    [InlineData(13, 11)]
    [InlineData(1, 1)]
    [InlineData(1023, 1021)]
    [InlineData(1024, 1024)]
    public void TwoDimensionalTransformsAndFilters_AllocateNothing(int h, int w)
    {
        int half = (w / 2) + 1;
        var bytes = new byte[h * w];
        var real = new float[h * w];
        var complex = new Complex32[h * w];
        var spectrum = new Complex32[h * w];
        var halfSpectrum = new Complex32[h * half];
        var output = new float[h * w];
        Fft2DPlan plan = Fft2DPlan.Get(h, w);
        AllocationAssert.None(() => plan.Forward(new ReadOnlyImageSpan<Complex32>(complex, w, h), new ImageSpan<Complex32>(spectrum, w, h)), "fft2");
        AllocationAssert.None(() => plan.Inverse(new ReadOnlyImageSpan<Complex32>(spectrum, w, h), new ImageSpan<Complex32>(spectrum, w, h)), "ifft2 in place");
        AllocationAssert.None(() => plan.ForwardReal(new ReadOnlyImageSpan<byte>(bytes, w, h), new ImageSpan<Complex32>(halfSpectrum, half, h)), "rfft2 byte");
        AllocationAssert.None(() => plan.ForwardReal(new ReadOnlyImageSpan<float>(real, w, h), new ImageSpan<Complex32>(halfSpectrum, half, h)), "rfft2 float");
        AllocationAssert.None(() => plan.InverseReal(new ReadOnlyImageSpan<Complex32>(halfSpectrum, half, h), new ImageSpan<float>(output, w, h)), "irfft2");
        AllocationAssert.None(() => Fft.ForwardReal2D(new ReadOnlyImageSpan<float>(real, w, h), new ImageSpan<Complex32>(halfSpectrum, half, h)), "Fft.ForwardReal2D (cached plan)");
        AllocationAssert.None(() => FftGaussian.Apply(new ReadOnlyImageSpan<byte>(bytes, w, h), new ImageSpan<float>(output, w, h), 2.0), "fft_gaussian");
        AllocationAssert.None(() => FourierGaussian.Apply(new ReadOnlyImageSpan<byte>(bytes, w, h), new ImageSpan<float>(output, w, h), 0.05), "fourier_gaussian");
        AllocationAssert.None(() => FourierUniform.Apply(new ReadOnlyImageSpan<Complex32>(spectrum, w, h), new ImageSpan<Complex32>(spectrum, w, h), 3.0), "fourier_uniform complex");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(1000)]
    [InlineData(4096)]
    public void OneDimensionalTransforms_AllocateNothing(int n)
    {
        var x = new Complex32[n];
        var y = new Complex32[n];
        var r = new float[n];
        var half = new Complex32[(n / 2) + 1];
        FftPlan plan = FftPlan.Get(n);
        AllocationAssert.None(() => plan.Forward(x, y), "fft");
        AllocationAssert.None(() => plan.Inverse(y, y), "ifft in place");
        AllocationAssert.None(() => plan.ForwardReal(r, half), "rfft");
        AllocationAssert.None(() => plan.InverseReal(half, r), "irfft");
        AllocationAssert.None(() => Fft.Forward(x, y), "Fft.Forward (cached plan)");
    }
}

using FastXray.Edges;
using FastXray.Filters;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Filters;

/// <summary>The filter kernels allocate nothing once their pools and kernel caches are warm.</summary>
public sealed class FilterAllocationTests
{
    [Fact]
    public void Filters_allocate_nothing()
    {
        const int w = 97, h = 64;
        byte[] bytes = new byte[w * h];
        new Random(3).NextBytes(bytes);
        float[] floats = Array.ConvertAll(bytes, b => (float)b);
        float[] output = new float[w * h];
        float[] weights = [1, 2, 1, 0, 0, 0, -1, -2, -1];

        AllocationAssert.None(() => GaussianFilter.Apply(new ReadOnlyImageSpan<byte>(bytes, w, h), new ImageSpan<float>(output, w, h), 2.0), "gaussian_filter u8");
        AllocationAssert.None(() => GaussianFilter.Apply(new ReadOnlyImageSpan<float>(floats, w, h), new ImageSpan<float>(output, w, h), 0.5, 2), "gaussian_filter high gain");
        AllocationAssert.None(() => GaussianLaplace.Apply(new ReadOnlyImageSpan<float>(floats, w, h), new ImageSpan<float>(output, w, h), 1.0), "gaussian_laplace");
        AllocationAssert.None(() => GaussianGradientMagnitude.Apply(new ReadOnlyImageSpan<float>(floats, w, h), new ImageSpan<float>(output, w, h), 2.0), "gaussian_gradient_magnitude");
        AllocationAssert.None(() => Sobel.Magnitude(new ReadOnlyImageSpan<byte>(bytes, w, h), new ImageSpan<float>(output, w, h)), "sobel magnitude");
        AllocationAssert.None(() => Sobel.Apply(new ReadOnlyImageSpan<float>(floats, w, h), new ImageSpan<float>(output, w, h), 1, BorderMode.Constant, 2), "sobel constant cval");
        AllocationAssert.None(() => Laplace.Apply(new ReadOnlyImageSpan<float>(floats, w, h), new ImageSpan<float>(output, w, h)), "laplace");
        AllocationAssert.None(() => Convolve.Apply(new ReadOnlyImageSpan<float>(floats, w, h), new ImageSpan<float>(output, w, h), weights, 3, 3), "convolve");
        AllocationAssert.None(() => Correlate1D.Convolve(new ReadOnlyImageSpan<float>(floats, w, h), new ImageSpan<float>(output, w, h), weights, 0), "convolve1d");
        AllocationAssert.None(() => GaussianFilter.Apply(new ReadOnlyImageSpan<float>(output, w, h), new ImageSpan<float>(output, w, h), 1.0), "gaussian in place");
    }
}

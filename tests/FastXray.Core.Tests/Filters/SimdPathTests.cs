using FastXray.Edges;
using FastXray.Filters;
using Xunit;

namespace FastXray.Core.Tests.Filters;

/// <summary>
/// Every vector path against the scalar path at all widths 0..3·16+1 (so each width class meets full vectors,
/// the overlapping last vector and the narrower fallbacks), at unaligned start offsets, with sentinels after
/// the image that must survive.
/// </summary>
public sealed class SimdPathTests
{
    private const float Sentinel = -12345.5f;

    public static TheoryData<string> Kernels => new()
    {
        "gaussian0", "gaussian1", "gaussian2", "gaussian_small_sigma", "laplace_of_gaussian", "gradient_magnitude",
        "sobel0", "sobel1", "sobel_magnitude", "prewitt_magnitude", "laplace", "correlate", "convolve_even", "correlate1d",
    };

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Vector_paths_equal_the_scalar_path(string kernel)
    {
        var rng = new Random(kernel.GetHashCode(StringComparison.Ordinal) & 0xffff);
        foreach (int height in new[] { 1, 2, 5 })
        {
            for (int width = 0; width <= (3 * 16) + 1; width++)
            {
                foreach (int offset in new[] { 0, 1, 3 })
                {
                    int n = width * height;
                    float[] source = new float[offset + n + 7];
                    for (int i = 0; i < source.Length; i++)
                    {
                        source[i] = (float)(rng.NextDouble() * 255);
                    }

                    float[] expected = Run(kernel, source, offset, width, height, SimdLevel.Scalar);
                    foreach (SimdLevel level in new[] { SimdLevel.Vector128, SimdLevel.Vector256, SimdLevel.Vector512 })
                    {
                        float[] actual = Run(kernel, source, offset, width, height, level);
                        for (int i = 0; i < actual.Length; i++)
                        {
                            float tol = 2e-5f * Math.Max(1f, Math.Abs(expected[i]));
                            Assert.True(
                                Math.Abs(actual[i] - expected[i]) <= tol || (float.IsNaN(actual[i]) && float.IsNaN(expected[i])),
                                $"{kernel} {width}x{height}+{offset} {level}: [{i}] {actual[i]} vs {expected[i]}");
                        }
                    }
                }
            }
        }
    }

    private static float[] Run(string kernel, float[] buffer, int offset, int width, int height, SimdLevel level)
    {
        int n = width * height;
        var src = new ReadOnlyImageSpan<float>(buffer.AsSpan(offset, n), width, height);
        float[] output = new float[offset + n + 5];
        output.AsSpan().Fill(Sentinel);
        var dst = new ImageSpan<float>(output.AsSpan(offset, n), width, height);
        SimdLevel? previous = SimdCapabilities.Force(level);
        try
        {
            switch (kernel)
            {
                case "gaussian0": GaussianFilter.Apply(src, dst, 1.5); break;
                case "gaussian1": GaussianFilter.Apply(src, dst, (2.0, 1.0), (1, 0), BorderMode.Mirror); break;
                case "gaussian2": GaussianFilter.Apply(src, dst, 1.0, 2, BorderMode.Constant, 3); break;
                case "gaussian_small_sigma": GaussianFilter.Apply(src, dst, 0.5, 2, BorderMode.Wrap); break;
                case "laplace_of_gaussian": GaussianLaplace.Apply(src, dst, 1.0, BorderMode.Nearest); break;
                case "gradient_magnitude": GaussianGradientMagnitude.Apply(src, dst, 2.0); break;
                case "sobel0": Sobel.Apply(src, dst, 0); break;
                case "sobel1": Sobel.Apply(src, dst, 1, BorderMode.Constant, 7); break;
                case "sobel_magnitude": Sobel.Magnitude(src, dst); break;
                case "prewitt_magnitude": Prewitt.Magnitude(src, dst, BorderMode.Wrap); break;
                case "laplace": Laplace.Apply(src, dst, BorderMode.Mirror); break;
                case "correlate": Correlate.Apply(src, dst, [1f, -2f, 0.5f, 3f, 0f, -1f, 0.25f, 2f, 1f], 3, 3); break;
                case "convolve_even": Convolve.Apply(src, dst, [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], 2, 4, BorderMode.Constant, 1); break;
                case "correlate1d": Correlate1D.Apply(src, dst, [1f, 10f, 100f, 1000f], 1, BorderMode.Reflect, 0, -1); break;
                default: throw new ArgumentException(kernel);
            }
        }
        finally
        {
            SimdCapabilities.Force(previous);
        }

        for (int i = 0; i < offset; i++)
        {
            Assert.Equal(Sentinel, output[i]);
        }

        for (int i = offset + n; i < output.Length; i++)
        {
            Assert.Equal(Sentinel, output[i]);
        }

        return output.AsSpan(offset, n).ToArray();
    }
}

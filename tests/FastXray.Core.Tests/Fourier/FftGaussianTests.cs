using System.Numerics;
using FastXray.Fourier;
using Xunit;

namespace FastXray.Core.Tests.Fourier;

/// <summary>fft_gaussian(x, σ) = real(ifft2(fourier_gaussian(fft2(x), σ))) against a float64 DFT evaluation.</summary>
public class FftGaussianTests
{
    [Theory]
    [InlineData(1, 1, 1.0)]
    [InlineData(1, 9, 0.8)]
    [InlineData(9, 1, 0.8)]
    [InlineData(2, 3, 1.0)]
    [InlineData(13, 11, 1.5)]
    [InlineData(16, 12, 2.0)]
    [InlineData(32, 20, 0.3)]
    public void MatchesTheFloat64Definition(int h, int w, double sigma)
    {
        float[] x = Dft.RandomReal(h * w, h + w);
        var actual = new float[h * w];
        FftGaussian.Apply(new ReadOnlyImageSpan<float>(x, w, h), new ImageSpan<float>(actual, w, h), sigma);

        Complex[] spectrum = Dft.Transform2D(Dft.ToDouble(x), h, w, inverse: false);
        for (int y = 0; y < h; y++)
        {
            for (int c = 0; c < w; c++)
            {
                spectrum[(y * w) + c] *= Factor(y, h, sigma) * Factor(c, w, sigma);
            }
        }

        double[] expected = Array.ConvertAll(Dft.Transform2D(spectrum, h, w, inverse: true), v => v.Real);
        double scale = x.Max(v => Math.Abs(v));
        FftTest.AssertClose([.. expected, scale], [.. actual, (float)scale], FftTest.Tolerance(h, w, h, w), $"{h}x{w}");
    }

    [Fact]
    public void ConstantImage_StaysConstant_AndSumIsPreserved()
    {
        const int h = 24;
        const int w = 19;
        float[] x = Enumerable.Repeat(77f, h * w).ToArray();
        var actual = new float[h * w];
        FftGaussian.Apply(new ReadOnlyImageSpan<float>(x, w, h), new ImageSpan<float>(actual, w, h), 3.0);
        Assert.All(actual, v => Assert.Equal(77f, v, 1e-3f));

        float[] r = Dft.RandomReal(h * w, 4);
        FftGaussian.Apply(new ReadOnlyImageSpan<float>(r, w, h), new ImageSpan<float>(actual, w, h), 2.0, 0.5);
        Assert.Equal(r.Sum(v => (double)v), actual.Sum(v => (double)v), 0.05);
    }

    [Fact]
    public void PixelTypes_AndInPlace_GiveTheSameImage()
    {
        const int h = 17;
        const int w = 30;
        var bytes = new byte[h * w];
        new Random(8).NextBytes(bytes);
        float[] floats = Array.ConvertAll(bytes, b => (float)b);
        var fromBytes = new float[h * w];
        var fromShorts = new float[h * w];
        FftGaussian.Apply(new ReadOnlyImageSpan<byte>(bytes, w, h), new ImageSpan<float>(fromBytes, w, h), 1.2);
        FftGaussian.Apply(new ReadOnlyImageSpan<ushort>(Array.ConvertAll(bytes, b => (ushort)b), w, h), new ImageSpan<float>(fromShorts, w, h), 1.2);
        FftGaussian.Apply(new ReadOnlyImageSpan<float>(floats, w, h), new ImageSpan<float>(floats, w, h), 1.2);
        Assert.Equal(fromBytes, fromShorts);
        Assert.Equal(fromBytes, floats);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => FftGaussian.Apply(new ReadOnlyImageSpan<float>([], 0, 0), new ImageSpan<float>([], 0, 0), 1.0));
        Assert.Throws<ArgumentException>(() => FftGaussian.Apply(new ReadOnlyImageSpan<float>(new float[12], 4, 3), new ImageSpan<float>(new float[12], 3, 4), 1.0));
        var shared = new float[20];
        Assert.Throws<ArgumentException>(() => FftGaussian.Apply(new ReadOnlyImageSpan<float>(shared, 4, 3), new ImageSpan<float>(shared.AsSpan(1), 4, 3), 1.0));
        Assert.Throws<NotSupportedException>(() => FftGaussian.Apply(new ReadOnlyImageSpan<double>(new double[12], 4, 3), new ImageSpan<float>(new float[12], 4, 3), 1.0));
    }

    // scipy's factor for index i of an axis of length n (complex FFT layout), in double.
    private static double Factor(int i, int n, double sigma)
    {
        if (n <= 1)
        {
            return 1;
        }

        double k = i < (n + 1) / 2 ? i : i - n;
        double a = sigma * Math.PI / n;
        double t = -2 * a * a * k * k;
        return Math.Abs(t) > 50 ? 0 : Math.Exp(t);
    }
}

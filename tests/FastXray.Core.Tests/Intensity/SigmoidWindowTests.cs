using FastXray.Intensity;
using Xunit;

namespace FastXray.Core.Tests.Intensity;

public sealed class SigmoidWindowTests
{
    /// <summary>PS3.3 C.11.2.1.3.1 in float64 with ymin 0, ymax 255.</summary>
    private static double Reference(double x, double c, double w) => 255 / (1 + Math.Exp(-4 * (x - c) / w));

    [Theory]
    [InlineData(40, 400)]
    [InlineData(2048, 4096)]
    [InlineData(-600, 1500)]
    [InlineData(33000.7, 3.25)]
    [InlineData(0.5, 1e-3)]
    public void Matches_the_standard_within_float32_rounding_of_its_argument(double c, double w)
    {
        float[] x = [.. Enumerable.Range(-70000, 140001).Where(i => i % 7 == 0).Select(i => (float)i), -0.25f, 0.5f, (float)c, 1e9f, -1e9f];
        var y = new float[x.Length];
        SigmoidWindow.Map(x, y, c, w);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Reference(x[i], c, w);

            // The argument (x - c)·4/w is formed in float32 (two roundings, each 2^-24 relative) and the curve's
            // slope is at most 255/4 per unit of argument: that bounds the error, plus TensorPrimitives' exp.
            double arg = Math.Abs(4 * (x[i] - c) / w);
            double tolerance = 1e-4 + (Math.Min(arg, 100) * 64 * 2 * Math.Pow(2, -24) * 255 / 4) + (1e-6 * 255);
            Assert.True(Math.Abs(y[i] - expected) <= tolerance, $"x={x[i]} c={c} w={w}: {y[i]} vs {expected} (tolerance {tolerance})");
            Assert.InRange(y[i], 0f, 255f);
        }
    }

    [Fact]
    public void Runs_in_place_and_through_window_apply()
    {
        float[] x = [0, 100, 200, 300, 400];
        float[] copy = [.. x];
        SigmoidWindow.Map(copy, copy, 200, 100);
        var viaWindow = new float[x.Length];
        Window.Apply(new ReadOnlyImageSpan<float>(x, 5, 1), new ImageSpan<float>(viaWindow, 5, 1), 200, 100, WindowFunction.Sigmoid);
        Assert.Equal(copy, viaWindow);
        Assert.Equal(127.5f, copy[2]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_a_width_that_is_not_positive_and_finite(double w)
    {
        float[] x = [1, 2, 3];
        Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidWindow.Map(x, x, 0, w));
    }

    [Fact]
    public void Allocates_nothing()
    {
        float[] x = [.. Enumerable.Range(0, 1000).Select(i => (float)i)];
        var y = new float[x.Length];
        SigmoidWindow.Map(x, y, 500, 200);
        long before = GC.GetAllocatedBytesForCurrentThread();
        SigmoidWindow.Map(x, y, 500, 200);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}

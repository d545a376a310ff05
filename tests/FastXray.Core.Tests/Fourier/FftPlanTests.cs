using System.Numerics;
using FastXray.Fourier;
using Xunit;

namespace FastXray.Core.Tests.Fourier;

/// <summary>1-D transforms against an O(n²) float64 DFT, with NumPy's conventions.</summary>
public class FftPlanTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (int n = 1; n <= 40; n++)
        {
            data.Add(n);
        }

        foreach (int n in new[] { 64, 100, 127, 128, 243, 256, 500, 512, 1000, 1021, 1024, 2048 })
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Forward_MatchesDft(int n)
    {
        Complex32[] x = FftTest.ZeroMeanComplex(n, n);
        var actual = new Complex32[n];
        new FftPlan(n).Forward(x, actual);
        FftTest.AssertClose(Dft.Transform(Dft.ToDouble(x), inverse: false), actual, FftTest.Tolerance(n), $"fft n={n}");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Inverse_MatchesDft(int n)
    {
        Complex32[] x = FftTest.ZeroMeanComplex(n, n + 1);
        var actual = new Complex32[n];
        FftPlan.Get(n).Inverse(x, actual);
        FftTest.AssertClose(Dft.Transform(Dft.ToDouble(x), inverse: true), actual, FftTest.Tolerance(n), $"ifft n={n}");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ForwardReal_MatchesDft(int n)
    {
        float[] x = FftTest.ZeroMeanReal(n, n + 2);
        var actual = new Complex32[(n / 2) + 1];
        FftPlan.Get(n).ForwardReal(x, actual);
        Complex[] expected = Dft.Transform(Dft.ToDouble(x), inverse: false);
        FftTest.AssertClose(expected.AsSpan(0, (n / 2) + 1), actual, FftTest.Tolerance(n), $"rfft n={n}");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void InverseReal_MatchesNumPySemantics(int n)
    {
        // An arbitrary half spectrum (not Hermitian-consistent at DC/Nyquist): those imaginary parts must be ignored.
        Complex32[] half = FftTest.ZeroMeanComplex((n / 2) + 1, n + 3);
        var actual = new float[n];
        FftPlan.Get(n).InverseReal(half, actual);
        double[] expected = FftTest.InverseRealReference(Dft.ToDouble(half), n);
        double scale = Dft.ToDouble(half).Sum(c => c.Magnitude) * 2 / n;
        FftTest.AssertClose([.. expected, scale], [.. actual, (float)scale], FftTest.Tolerance(n), $"irfft n={n}");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void InverseOfForward_IsIdentity(int n)
    {
        Complex32[] x = FftTest.ZeroMeanComplex(n, n + 4);
        var spectrum = new Complex32[n];
        var back = new Complex32[n];
        FftPlan plan = FftPlan.Get(n);
        plan.Forward(x, spectrum);
        plan.Inverse(spectrum, back);
        FftTest.AssertClose(Dft.ToDouble(x), back, 2 * FftTest.Tolerance(n), $"round trip n={n}");

        float[] r = FftTest.ZeroMeanReal(n, n + 5);
        var half = new Complex32[(n / 2) + 1];
        var real = new float[n];
        plan.ForwardReal(r, half);
        plan.InverseReal(half, real);
        FftTest.AssertClose(Array.ConvertAll(r, v => (double)v), real, 2 * FftTest.Tolerance(n), $"real round trip n={n}");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Parseval_EnergyIsPreserved(int n)
    {
        Complex32[] x = FftTest.ZeroMeanComplex(n, n + 6);
        var spectrum = new Complex32[n];
        FftPlan.Get(n).Forward(x, spectrum);
        double time = x.Sum(c => c.Magnitude * c.Magnitude);
        double frequency = spectrum.Sum(c => c.Magnitude * c.Magnitude) / n;
        Assert.True(Math.Abs(time - frequency) <= 2 * FftTest.Tolerance(n) * time, $"n={n}: {time} vs {frequency}");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void RealPath_EqualsComplexPath(int n)
    {
        float[] x = FftTest.ZeroMeanReal(n, n + 7);
        var half = new Complex32[(n / 2) + 1];
        var full = new Complex32[n];
        FftPlan.Get(n).ForwardReal(x, half);
        FftPlan.Get(n).Forward(Array.ConvertAll(x, v => new Complex32(v, 0f)), full);
        FftTest.AssertClose(Dft.ToDouble(full.AsSpan(0, half.Length)), half, 2 * FftTest.Tolerance(n), $"n={n}");
    }

    [Fact]
    public void InPlace_EqualsOutOfPlace()
    {
        foreach (int n in new[] { 1, 8, 12, 17, 256 })
        {
            Complex32[] x = FftTest.ZeroMeanComplex(n, n);
            var expected = new Complex32[n];
            FftPlan.Get(n).Forward(x, expected);
            FftPlan.Get(n).Forward(x, x);
            Assert.Equal(expected, x);
        }
    }

    [Fact]
    public void Impulse_GivesFlatSpectrum_AndConstantGivesDcOnly()
    {
        foreach (int n in new[] { 1, 2, 5, 16, 30 })
        {
            var impulse = new Complex32[n];
            impulse[0] = new Complex32(1f, 0f);
            var spectrum = new Complex32[n];
            Fft.Forward(impulse, spectrum);
            // Exact for powers of two (no twiddle touches the impulse); Bluestein's chirps round.
            Assert.All(spectrum, v => Assert.True(Math.Abs(v.Real - 1) + Math.Abs(v.Imaginary) <= FftTest.Tolerance(n), $"n={n}: {v}"));

            var ones = Enumerable.Repeat(1f, n).ToArray();
            var half = new Complex32[(n / 2) + 1];
            Fft.ForwardReal(ones, half);
            Assert.Equal(n, half[0].Real, 4);
            Assert.All(half.Skip(1), v => Assert.True(v.Magnitude < 1e-5 * n, $"n={n}: {v}"));
        }
    }

    [Fact]
    public void Plans_AreCachedAndShared()
    {
        Assert.Same(FftPlan.Get(48), FftPlan.Get(48));
        Assert.True(FftPlan.Get(48).UsesBluestein);
        Assert.False(FftPlan.Get(64).UsesBluestein);
        Assert.Equal(48, FftPlan.Get(48).Length);
    }

    [Fact]
    public void OnePlan_GivesTheSameResultOnManyThreads()
    {
        FftPlan plan = FftPlan.Get(1000);
        Complex32[] x = FftTest.ZeroMeanComplex(1000, 9);
        var expected = new Complex32[1000];
        plan.Forward(x, expected);
        Parallel.For(0, 64, _ =>
        {
            var actual = new Complex32[1000];
            plan.Forward(x, actual);
            Assert.Equal(expected, actual);
        });
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FftPlan(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FftPlan.Get(-3));
        Assert.Throws<ArgumentException>(() => FftPlan.Get(8).Forward(new Complex32[8], new Complex32[7]));
        Assert.Throws<ArgumentException>(() => FftPlan.Get(8).Inverse(new Complex32[9], new Complex32[8]));
        Assert.Throws<ArgumentException>(() => FftPlan.Get(8).ForwardReal(new float[8], new Complex32[4]));
        Assert.Throws<ArgumentException>(() => FftPlan.Get(8).InverseReal(new Complex32[5], new float[7]));
        var buffer = new Complex32[9];
        Assert.Throws<ArgumentException>(() => FftPlan.Get(8).Forward(buffer.AsSpan(0, 8), buffer.AsSpan(1, 8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fft.Forward([], []));
    }
}

using System.Numerics;
using FastXray.Fourier;

namespace FastXray.Core.Tests.Fourier;

/// <summary>O(n²) double-precision DFTs: the independent reference for every FFT test.</summary>
internal static class Dft
{
    /// <summary>X[k] = Σ x[n]·exp(∓2πi·kn/N) (sign −1 forward); the inverse also divides by N.</summary>
    public static Complex[] Transform(ReadOnlySpan<Complex> x, bool inverse)
    {
        int n = x.Length;
        var result = new Complex[n];
        double sign = inverse ? 1 : -1;
        for (int k = 0; k < n; k++)
        {
            Complex sum = Complex.Zero;
            for (int j = 0; j < n; j++)
            {
                // Exact reduction of k·j mod n keeps the angle accurate for large n.
                long kj = (long)k * j % n;
                (double sin, double cos) = Math.SinCos(sign * 2 * Math.PI * kj / n);
                sum += x[j] * new Complex(cos, sin);
            }

            result[k] = inverse ? sum / n : sum;
        }

        return result;
    }

    /// <summary>2-D DFT of a row-major H×W array (rows, then columns).</summary>
    public static Complex[] Transform2D(ReadOnlySpan<Complex> x, int height, int width, bool inverse)
    {
        var result = new Complex[height * width];
        for (int y = 0; y < height; y++)
        {
            Transform(x.Slice(y * width, width), inverse).CopyTo(result, y * width);
        }

        var column = new Complex[height];
        for (int c = 0; c < width; c++)
        {
            for (int y = 0; y < height; y++)
            {
                column[y] = result[(y * width) + c];
            }

            Complex[] t = Transform(column, inverse);
            for (int y = 0; y < height; y++)
            {
                result[(y * width) + c] = t[y];
            }
        }

        return result;
    }

    public static Complex[] ToDouble(ReadOnlySpan<Complex32> x)
    {
        var r = new Complex[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            r[i] = new Complex(x[i].Real, x[i].Imaginary);
        }

        return r;
    }

    public static Complex[] ToDouble(ReadOnlySpan<float> x)
    {
        var r = new Complex[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            r[i] = x[i];
        }

        return r;
    }

    /// <summary>Random complex values with integer-ish magnitudes like image data (0..255 plus fractions).</summary>
    public static Complex32[] RandomComplex(int n, int seed)
    {
        var rng = new Random(seed);
        var r = new Complex32[n];
        for (int i = 0; i < n; i++)
        {
            r[i] = new Complex32((float)(rng.NextDouble() * 255), (float)((rng.NextDouble() * 255) - 128));
        }

        return r;
    }

    public static float[] RandomReal(int n, int seed)
    {
        var rng = new Random(seed);
        var r = new float[n];
        for (int i = 0; i < n; i++)
        {
            r[i] = (float)(rng.NextDouble() * 255);
        }

        return r;
    }

    /// <summary>max_k |actual[k] − expected[k]| / max_k |expected[k]|.</summary>
    public static double RelativeError(ReadOnlySpan<Complex> expected, ReadOnlySpan<Complex32> actual)
    {
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, expected[i].Magnitude);
            worst = Math.Max(worst, (new Complex(actual[i].Real, actual[i].Imaginary) - expected[i]).Magnitude);
        }

        return scale == 0 ? worst : worst / scale;
    }

    public static double RelativeError(ReadOnlySpan<Complex> expected, ReadOnlySpan<float> actual)
    {
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, expected[i].Magnitude);
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i].Real));
        }

        return scale == 0 ? worst : worst / scale;
    }
}

/// <summary>Test-side helpers shared by the FFT tests.</summary>
internal static class FftTest
{
    /// <summary>
    /// Relative error allowed against a float64 reference, as a fraction of the largest reference magnitude:
    /// 2·2⁻²⁴ per radix-2 level (log2 n for a power of two, 2·log2 M + 2 for Bluestein with M ≥ 2n−1), plus one.
    /// Same rule as tools/fixtures/fourier.py.
    /// </summary>
    public static double Tolerance(params int[] lengths)
    {
        int levels = 1;
        foreach (int n in lengths)
        {
            levels += Levels(n);
        }

        return 2 * Math.Pow(2, -24) * levels;
    }

    public static int Levels(int n)
    {
        if (n <= 1)
        {
            return 0;
        }

        if ((n & (n - 1)) == 0)
        {
            return (int)Math.Log2(n);
        }

        int m = 1;
        while (m < (2 * n) - 1)
        {
            m *= 2;
        }

        return (2 * (int)Math.Log2(m)) + 2;
    }

    /// <summary>Zero-mean random complex values in [−128, 128): no DC spike, so max|X| reflects every coefficient.</summary>
    public static Complex32[] ZeroMeanComplex(int n, int seed)
    {
        var rng = new Random(seed);
        var r = new Complex32[n];
        for (int i = 0; i < n; i++)
        {
            r[i] = new Complex32((float)((rng.NextDouble() * 256) - 128), (float)((rng.NextDouble() * 256) - 128));
        }

        return r;
    }

    public static float[] ZeroMeanReal(int n, int seed)
    {
        var rng = new Random(seed);
        var r = new float[n];
        for (int i = 0; i < n; i++)
        {
            r[i] = (float)((rng.NextDouble() * 256) - 128);
        }

        return r;
    }

    /// <summary>NumPy's irfft(X, n): Hermitian extension, imaginary parts of X[0] and (n even) X[n/2] dropped.</summary>
    public static double[] InverseRealReference(ReadOnlySpan<Complex> half, int n)
    {
        var full = new Complex[n];
        for (int k = 0; k < n; k++)
        {
            int j = k <= n / 2 ? k : n - k;
            Complex v = half[j];
            if (j == 0 || 2 * j == n)
            {
                v = new Complex(v.Real, 0);
            }

            full[k] = k <= n / 2 ? v : Complex.Conjugate(v);
        }

        return Array.ConvertAll(Dft.Transform(full, inverse: true), c => c.Real);
    }

    public static void AssertClose(ReadOnlySpan<Complex> expected, ReadOnlySpan<Complex32> actual, double relative, string what)
    {
        double error = Dft.RelativeError(expected, actual);
        Xunit.Assert.True(error <= relative, $"{what}: relative error {error:E3} > {relative:E3}");
    }

    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double relative, string what)
    {
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
        }

        Xunit.Assert.True(worst <= relative * scale, $"{what}: error {worst:E3} > {relative:E3} x {scale:G4}");
    }

    /// <summary>Runs <paramref name="action"/> with the FFT lane count capped at <paramref name="lanes"/> on this thread.</summary>
    public static void WithLanes(int lanes, Action action)
    {
        int previous = FftIsa.Override;
        FftIsa.Override = lanes;
        try
        {
            action();
        }
        finally
        {
            FftIsa.Override = previous;
        }
    }
}

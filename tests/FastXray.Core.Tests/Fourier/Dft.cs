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

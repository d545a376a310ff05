using System.Diagnostics;
using System.Numerics;

namespace FastXray.Fourier;

/// <summary>
/// A plain double-precision radix-2 FFT used only while building plans (the Bluestein filter spectrum), where
/// accuracy matters more than speed and the work is done once per length.
/// </summary>
internal static class DoubleFft
{
    /// <summary>In-place forward transform <c>X[k] = Σ x[n]·exp(−2πi·nk/n)</c> of a power-of-two length.</summary>
    public static void Forward(Span<Complex> data)
    {
        int n = data.Length;
        Debug.Assert(BitOperations.IsPow2(n));
        if (n <= 1)
        {
            return;
        }

        int bits = BitOperations.Log2((uint)n);
        for (int i = 0; i < n; i++)
        {
            int j = PowerOfTwoFft.ReverseBits(i, bits);
            if (j > i)
            {
                (data[i], data[j]) = (data[j], data[i]);
            }
        }

        // One table of exp(−2πi·j/n) serves every stage (stride n/len).
        var roots = new Complex[n / 2];
        for (int j = 0; j < roots.Length; j++)
        {
            (double sin, double cos) = Math.SinCos(-2.0 * Math.PI * j / n);
            roots[j] = new Complex(cos, sin);
        }

        for (int len = 2; len <= n; len *= 2)
        {
            int half = len / 2;
            int stride = n / len;
            for (int start = 0; start < n; start += len)
            {
                for (int j = 0; j < half; j++)
                {
                    Complex t = roots[j * stride] * data[start + j + half];
                    Complex u = data[start + j];
                    data[start + j] = u + t;
                    data[start + j + half] = u - t;
                }
            }
        }
    }
}

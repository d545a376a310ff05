namespace FastXray.Tutorial;

/// <summary>
/// scipy's float64 Gaussian kernel and 1-D correlation, reproduced operation by operation for the
/// tutorial-compatible (<c>--exact</c>) mode, where outputs are truncated to uint8 between passes and one
/// ulp can flip a pixel.
/// </summary>
/// <remarks>
/// Kernel: φ(x) = exp(x·(x·(−0.5/σ²))) (numpy evaluates the polynomial by Horner), summed with numpy's
/// pairwise rule (eight interleaved accumulators for n ≥ 8, combined ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
/// then the tail), then divided. Correlation: scipy's NI_Correlate1D summation order: symmetric kernels
/// <c>x0·w_c</c> then outermost pair first; antisymmetric likewise with differences; otherwise the last tap
/// first, then taps 0…L−2. Remaining difference: numpy's AVX-512 exp is not correctly rounded, so scipy
/// itself differs by one ulp on some weights between CPUs (ndimage-semantics §4, §16).
/// </remarks>
internal static class ScipyKernel64
{
    /// <summary>scipy's correlation weights for <c>gaussian_filter1d(sigma, order, truncate, radius)</c> (a negative radius: from truncate).</summary>
    public static double[] Gaussian(double sigma, int order, double truncate = 4.0, int radius = -1)
    {
        int r = radius >= 0 ? radius : (int)((truncate * sigma) + 0.5);
        int n = (2 * r) + 1;
        double c2 = -0.5 / (sigma * sigma);
        var phi = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = i - r;
            phi[i] = Math.Exp(x * (0.0 + (x * c2)));
        }

        double sum = PairwiseSum(phi);
        for (int i = 0; i < n; i++)
        {
            phi[i] /= sum;
        }

        double[] kernel = new double[n];
        double s2 = sigma * sigma;
        for (int i = 0; i < n; i++)
        {
            double x = i - r;
            double q = order switch
            {
                0 => 1.0,
                1 => x * (1.0 / -s2),
                2 => (1.0 / -s2) + (x * x * ((1.0 / -s2) * (1.0 / -s2))),
                _ => throw new ArgumentOutOfRangeException(nameof(order), "exact mode supports orders 0-2"),
            };
            kernel[i] = order == 0 ? phi[i] : q * phi[i];
        }

        // scipy convolves: the correlation weights are the kernel reversed.
        Array.Reverse(kernel);
        return kernel;
    }

    /// <summary>numpy's pairwise sum for a short contiguous float64 array (n ≤ 128).</summary>
    public static double PairwiseSum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double s = 0;
            foreach (double v in a)
            {
                s += v;
            }

            return s;
        }

        Span<double> r = stackalloc double[8];
        a[..8].CopyTo(r);
        int i;
        for (i = 8; i < n - (n % 8); i += 8)
        {
            for (int j = 0; j < 8; j++)
            {
                r[j] += a[i + j];
            }
        }

        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++)
        {
            res += a[i];
        }

        return res;
    }

    // One output of scipy's correlate1d: line is the input extended by the kernel radius on both sides,
    // at is the output's centre sample in it, w the correlation weights.
    public static double Correlate(ReadOnlySpan<double> line, int at, ReadOnlySpan<double> w)
    {
        int c = w.Length / 2;
        if (Symmetry(w) is int sym && sym != 0)
        {
            double acc = line[at] * w[c];
            for (int k = c; k >= 1; k--)
            {
                acc += (sym > 0 ? line[at - k] + line[at + k] : line[at - k] - line[at + k]) * w[c - k];
            }

            return acc;
        }

        double sum = line[at - c + w.Length - 1] * w[^1];
        for (int j = 0; j < w.Length - 1; j++)
        {
            sum += line[at - c + j] * w[j];
        }

        return sum;
    }

    /// <summary>+1 symmetric, −1 antisymmetric, 0 neither (scipy's test: |w[c+k] ∓ w[c−k]| ≤ DBL_EPSILON, odd length).</summary>
    public static int Symmetry(ReadOnlySpan<double> w)
    {
        if (w.Length % 2 == 0)
        {
            return 0;
        }

        int c = w.Length / 2;
        bool sym = true;
        bool anti = true;
        for (int k = 1; k <= c; k++)
        {
            sym &= Math.Abs(w[c + k] - w[c - k]) <= 2.220446049250313e-16;
            anti &= Math.Abs(w[c + k] + w[c - k]) <= 2.220446049250313e-16;
        }

        return sym ? 1 : anti ? -1 : 0;
    }

    /// <summary>The C cast (uint8)(double) on x86-64: truncate toward zero, then wrap modulo 256.</summary>
    public static byte ToUInt8(double v) =>
        v is >= int.MinValue and < 2147483648.0 ? unchecked((byte)(int)v) : (byte)0;
}

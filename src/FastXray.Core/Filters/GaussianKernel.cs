using System.Collections.Concurrent;

namespace FastXray.Filters;

/// <summary>scipy's 1-D Gaussian (derivative) kernel, built once per (sigma, order, radius) and cached.</summary>
/// <remarks>
/// For x = −r…r: φ(x) = exp(−x²/(2σ²)), normalised so Σφ = 1 on the truncated support (in double); the
/// order-n kernel is q_n(x)·φ(x) with q_0 = 1 and q_{n+1} = q_n' − (x/σ²)·q_n (scipy's polynomial
/// recurrence; derivative kernels are not re-normalised, so Σk₂ ≠ 0). scipy applies it as a convolution, so
/// the correlation weights stored here are the kernel reversed. Radius r = int(truncate·σ + 0.5) unless
/// given. σ ≤ 1e-15 means the axis is skipped (weights [1]), even when an order is requested.
/// </remarks>
internal static class GaussianKernel
{
    private static readonly ConcurrentDictionary<(double Sigma, int Order, int Radius), (float[] Single, double[] Exact)> s_cache = new();

    /// <summary>sigmas at or below this skip the axis, as scipy's gaussian_filter.</summary>
    public const double SkipSigma = 1e-15;

    public static int Radius(double sigma, double truncate) => (int)((truncate * sigma) + 0.5);

    /// <summary>The correlation weights (length 2r+1) for one axis; <c>[1]</c> for a skipped axis.</summary>
    public static float[] Weights(double sigma, int order, double truncate, int? radius) =>
        Both(sigma, order, truncate, radius).Single;

    /// <summary>The axis kernel with its float64 weights attached (used by high-gain kernels).</summary>
    public static Kernel1D Kernel(double sigma, int order, double truncate, int? radius)
    {
        (float[] single, double[] exact) = Both(sigma, order, truncate, radius);
        return new Kernel1D(single, single.Length / 2, exact);
    }

    private static (float[] Single, double[] Exact) Both(double sigma, int order, double truncate, int? radius)
    {
        if (!(sigma >= 0) || double.IsInfinity(sigma))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(sigma), "sigma must be a finite number >= 0.");
        }

        if (order < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(order), "order must be >= 0.");
        }

        if (sigma <= SkipSigma)
        {
            return (s_identity, s_identityExact);
        }

        int r = radius ?? Radius(sigma, truncate);
        if (r < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(radius), "radius must be >= 0.");
        }

        if (r > 1 << 20)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(radius), $"radius {r} is too large.");
        }

        return s_cache.GetOrAdd((sigma, order, r), static key => Build(key.Sigma, key.Order, key.Radius));
    }

    private static readonly float[] s_identity = [1f];
    private static readonly double[] s_identityExact = [1.0];

    private static (float[] Single, double[] Exact) Build(double sigma, int order, int r)
    {
        int n = (2 * r) + 1;
        double s2 = sigma * sigma;
        var phi = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double x = i - r;
            phi[i] = Math.Exp(-0.5 / s2 * x * x);
            sum += phi[i];
        }

        for (int i = 0; i < n; i++)
        {
            phi[i] /= sum;
        }

        // q holds polynomial coefficients q[0] + q[1]x + ...; apply (D + P) order times.
        var q = new double[order + 1];
        q[0] = 1;
        for (int step = 0; step < order; step++)
        {
            var next = new double[order + 1];
            for (int e = 0; e <= order; e++)
            {
                if (e + 1 <= order)
                {
                    next[e] += (e + 1) * q[e + 1];
                }

                if (e >= 1)
                {
                    next[e] += q[e - 1] * (-1.0 / s2);
                }
            }

            q = next;
        }

        var weights = new float[n];
        var exact = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = i - r;
            double poly = 0;
            for (int e = order; e >= 0; e--)
            {
                poly = (poly * x) + q[e];
            }

            // Reversed: correlation weight j is the kernel at x = r − j.
            exact[n - 1 - i] = poly * phi[i];
            weights[n - 1 - i] = (float)exact[n - 1 - i];
        }

        return (weights, exact);
    }
}

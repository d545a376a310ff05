namespace FastXray.Fourier;

/// <summary>
/// The per-axis multipliers of scipy.ndimage's fourier_gaussian and fourier_uniform (scipy 1.10 ni_fourier.c),
/// computed in double with the same operation order and rounded to float once.
/// </summary>
/// <remarks>
/// <para>Frequency index along an axis of length N: the complex-FFT layout <c>k = 0, 1, …, (N+1)/2 − 1, −(N/2), …, −1</c>;
/// or, on the real-transform axis when <c>n ≥ 0</c>, <c>k = 0 … N−1</c> with N replaced by n.
/// Axes of length ≤ 1 get factor 1 whatever the parameter.</para>
/// <para>Gaussian: <c>a = −2·(σπ/N)²</c>, <c>t = a·k·k</c>, factor <c>|t| &gt; 50 ? 0 : exp(t)</c>.
/// Uniform: <c>t = π·size/N</c>, factor 1 at k = 0, else <c>t &gt; 0 ? sin(t·k)/(t·k) : 0</c>.</para>
/// </remarks>
internal static class FourierFactors
{
    /// <summary>Gaussian factors for an axis of <paramref name="length"/> elements.</summary>
    public static void Gaussian(Span<float> factor, int length, double sigma, bool realAxis, int n)
    {
        if (length <= 1)
        {
            factor[..length].Fill(1f);
            return;
        }

        double a = sigma * Math.PI / (realAxis ? n : length);
        a = -2.0 * a * a;
        for (int i = 0; i < length; i++)
        {
            double k = Frequency(i, length, realAxis);
            double t = a * k * k;
            factor[i] = Math.Abs(t) > 50.0 ? 0f : (float)Math.Exp(t);
        }
    }

    /// <summary>Uniform (box) factors for an axis of <paramref name="length"/> elements.</summary>
    public static void Uniform(Span<float> factor, int length, double size, bool realAxis, int n)
    {
        if (length <= 1)
        {
            factor[..length].Fill(1f);
            return;
        }

        double t = Math.PI * size / (realAxis ? n : length);
        factor[0] = 1f;
        for (int i = 1; i < length; i++)
        {
            double k = Frequency(i, length, realAxis);
            factor[i] = t > 0.0 ? (float)(Math.Sin(t * k) / (t * k)) : 0f;
        }
    }

    /// <summary>scipy's axis argument for a 2-D array (−2..1) normalised to 0 or 1.</summary>
    public static int NormalizeAxis(int axis)
    {
        if (axis < -2 || axis > 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(axis), $"axis {axis} is out of bounds for a 2-D image (use -2..1).");
        }

        return axis < 0 ? axis + 2 : axis;
    }

    private static double Frequency(int index, int length, bool realAxis) =>
        realAxis || index < (length + 1) / 2 ? index : index - length;
}

namespace FastXray.Tutorial;

/// <summary>
/// The tutorial's "Canny" panel exactly as NumPy/scipy compute it for a uint8 image, in float64:
/// <c>fourier_gaussian(img, 0.05)</c> (a pointwise factor, no FFT), <c>prewitt</c> along both axes,
/// <c>np.hypot</c>, then <c>*= 255 / max</c> (ndimage-semantics §11, §12).
/// </summary>
/// <remarks>
/// Factor per axis of length N: k = fftfreq index, e = −2(σπ/N)²k², f = exp(e) unless |e| > 50; the element
/// factor is <c>(1·f0[i])·f1[j]</c> in scipy's order. Prewitt along axis 0 is <c>[-1,0,1]</c> down the rows then
/// <c>[1,1,1]</c> along them (axis 1 the other way round), with scipy's antisymmetric/symmetric summation and
/// reflect borders. A flat image gives max 0 and NaN everywhere, as NumPy.
/// </remarks>
public static class TutorialCanny64
{
    /// <summary>Computes the panel into <paramref name="destination"/> (width·height doubles).</summary>
    public static void Compute(ReadOnlySpan<byte> source, Span<double> destination, int width, int height, double sigma = 0.05)
    {
        int n = checked(width * height);
        if (source.Length < n || destination.Length < n)
        {
            ThrowHelper.ThrowArgument(nameof(source), "source and destination must hold width x height samples.");
        }

        double[] f0 = AxisFactors(height, sigma);
        double[] f1 = AxisFactors(width, sigma);
        var smoothed = new double[n];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double factor = 1.0 * f0[y] * f1[x];
                smoothed[(y * width) + x] = source[(y * width) + x] * factor;
            }
        }

        double[] gx = Prewitt(smoothed, width, height, axis: 0);
        double[] gy = Prewitt(smoothed, width, height, axis: 1);
        double max = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            double h = double.Hypot(gx[i], gy[i]);
            destination[i] = h;
            max = Math.Max(max, h);
        }

        double scale = 255.0 / max;
        for (int i = 0; i < n; i++)
        {
            destination[i] *= scale;
        }
    }

    private static double[] AxisFactors(int length, double sigma)
    {
        var f = new double[length];
        double a = sigma * Math.PI / length;
        a = -2.0 * a * a;
        for (int i = 0; i < length; i++)
        {
            int k = i < (length + 1) / 2 ? i : i - length;
            double e = a * k * k;
            f[i] = Math.Abs(e) > 50 ? 0 : Math.Exp(e);
        }

        return f;
    }

    private static double[] Prewitt(double[] input, int width, int height, int axis)
    {
        // The derivative pass along `axis`, then the [1,1,1] smoothing along the other axis.
        double[] first = Pass(input, width, height, axis, derivative: true);
        return Pass(first, width, height, 1 - axis, derivative: false);
    }

    private static double[] Pass(double[] input, int width, int height, int axis, bool derivative)
    {
        var output = new double[input.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double before = axis == 0
                    ? input[(BorderIndex.Map(y - 1, height, BorderMode.Reflect) * width) + x]
                    : input[(y * width) + BorderIndex.Map(x - 1, width, BorderMode.Reflect)];
                double after = axis == 0
                    ? input[(BorderIndex.Map(y + 1, height, BorderMode.Reflect) * width) + x]
                    : input[(y * width) + BorderIndex.Map(x + 1, width, BorderMode.Reflect)];
                double center = input[(y * width) + x];

                // scipy: antisymmetric [-1,0,1]: x0·0 + (x[-1] − x[+1])·(−1); symmetric [1,1,1]: x0·1 + (x[-1] + x[+1])·1.
                output[(y * width) + x] = derivative
                    ? (center * 0.0) + ((before - after) * -1.0)
                    : (center * 1.0) + ((before + after) * 1.0);
            }
        }

        return output;
    }
}

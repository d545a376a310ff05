namespace FastXray.Tutorial;

/// <summary>
/// What scipy.ndimage returns for a uint8 input when no output dtype is given (the NumPy X-ray tutorial's
/// own arrays): every 1-D pass is computed in float64 and stored as uint8 by the C cast (truncate toward
/// zero, wrap modulo 256) before the next pass (ndimage-semantics §5, §6, §12, §15).
/// </summary>
/// <remarks>
/// This is the <c>--exact</c> mode, not the recommended one: the results wrap (a Laplacian of −3 becomes
/// 253). Scalar float64 code with scipy's kernel and summation order; reflect mode as the tutorial.
/// </remarks>
public static class ScipyUInt8Filters
{
    /// <summary><c>ndimage.gaussian_laplace(uint8_image, sigma)</c>: two wrapped terms added modulo 256.</summary>
    public static void GaussianLaplace(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, double sigma)
    {
        Check(source, destination, width, height);
        double[] k0 = ScipyKernel64.Gaussian(sigma, 0);
        double[] k2 = ScipyKernel64.Gaussian(sigma, 2);
        byte[] a = Gaussian(source, width, height, k2, k0);
        byte[] b = Gaussian(source, width, height, k0, k2);
        for (int i = 0; i < a.Length; i++)
        {
            destination[i] = unchecked((byte)(a[i] + b[i]));
        }
    }

    /// <summary><c>ndimage.gaussian_gradient_magnitude(uint8_image, sigma)</c>: wrapped derivatives, squares and sum modulo 256, then ⌊√·⌋.</summary>
    /// <remarks>numpy takes the square root of a uint8 array in float16 and casts back; for every uint8 value that equals the integer square root.</remarks>
    public static void GaussianGradientMagnitude(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, double sigma)
    {
        Check(source, destination, width, height);
        double[] k0 = ScipyKernel64.Gaussian(sigma, 0);
        double[] k1 = ScipyKernel64.Gaussian(sigma, 1);
        byte[] d0 = Gaussian(source, width, height, k1, k0);
        byte[] d1 = Gaussian(source, width, height, k0, k1);
        for (int i = 0; i < d0.Length; i++)
        {
            byte sum = unchecked((byte)((byte)(d0[i] * d0[i]) + (byte)(d1[i] * d1[i])));
            destination[i] = (byte)Math.Sqrt(sum);
        }
    }

    /// <summary><c>ndimage.sobel(uint8_image, axis)</c>: the true Sobel result modulo 256 (all weights are integers).</summary>
    public static void Sobel(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, int axis)
    {
        Check(source, destination, width, height);
        bool vertical = axis is 0 or -2;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int acc = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int d = vertical ? dy : dx;
                        int s = vertical ? dx : dy;
                        int weight = d * (s == 0 ? 2 : 1);
                        int sy = BorderIndex.Map(y + dy, height, BorderMode.Reflect);
                        int sx = BorderIndex.Map(x + dx, width, BorderMode.Reflect);
                        acc += weight * source[(sy * width) + sx];
                    }
                }

                destination[(y * width) + x] = unchecked((byte)acc);
            }
        }
    }

    /// <summary>gaussian_filter on uint8 with per-axis correlation weights: axis 0 pass, cast, axis 1 pass, cast.</summary>
    private static byte[] Gaussian(ReadOnlySpan<byte> source, int width, int height, double[] axis0, double[] axis1)
    {
        byte[] pass0 = new byte[width * height];
        byte[] pass1 = new byte[width * height];
        int r0 = axis0.Length / 2;
        int r1 = axis1.Length / 2;
        double[] column = new double[height + (2 * r0)];
        for (int x = 0; x < width; x++)
        {
            for (int i = 0; i < column.Length; i++)
            {
                column[i] = source[(BorderIndex.Map(i - r0, height, BorderMode.Reflect) * width) + x];
            }

            for (int y = 0; y < height; y++)
            {
                pass0[(y * width) + x] = ScipyKernel64.ToUInt8(ScipyKernel64.Correlate(column, y + r0, axis0));
            }
        }

        double[] row = new double[width + (2 * r1)];
        for (int y = 0; y < height; y++)
        {
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = pass0[(y * width) + BorderIndex.Map(i - r1, width, BorderMode.Reflect)];
            }

            for (int x = 0; x < width; x++)
            {
                pass1[(y * width) + x] = ScipyKernel64.ToUInt8(ScipyKernel64.Correlate(row, x + r1, axis1));
            }
        }

        return pass1;
    }

    private static void Check(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height)
    {
        if (width < 0 || height < 0 || source.Length < width * height || destination.Length < width * height)
        {
            ThrowHelper.ThrowArgument(nameof(source), "source and destination must hold width x height samples.");
        }
    }
}

using System.Buffers;
using FastXray.Filters;

namespace FastXray.Edges;

/// <summary>
/// skimage's Canny "bleed-over" correction in constant mode without a mask: the smoothed image divided by the
/// Gaussian of an all-ones image (same σ, mode and cval) plus eps, so that the zero padding does not darken the border.
/// </summary>
/// <remarks>
/// The Gaussian of ones is separable into per-row and per-column weight sums: the vertical pass gives
/// <c>v(y) = A(y) + cval·O(y)</c> (A: weights that land inside the image, O: outside), the horizontal pass
/// <c>v(y)·A(x) + cval·O(x)</c>. Away from the border (farther than the kernel radius) it is Σw² ≈ 1 − 2e-16,
/// which cannot change a float32 quotient, so only the border band is divided. The division is in float64, as
/// NumPy divides skimage's float image.
/// </remarks>
internal static class BleedOver
{
    public static void Divide(ImageSpan<float> smoothed, double sigma, double cval, double epsilon)
    {
        Kernel1D kernel = GaussianKernel.Kernel(sigma, 0, 4.0, null);
        ReadOnlySpan<double> w = kernel.ExactWeights;
        int r = kernel.Left;
        int width = smoothed.Width;
        int height = smoothed.Height;
        double[] rowWeight = ArrayPool<double>.Shared.Rent(height);
        double[] colInside = ArrayPool<double>.Shared.Rent(width);
        double[] colOutside = ArrayPool<double>.Shared.Rent(width);
        try
        {
            for (int y = 0; y < height; y++)
            {
                (double inside, double outside) = Sums(w, r, y, height);
                rowWeight[y] = inside + (cval * outside);
            }

            for (int x = 0; x < width; x++)
            {
                (colInside[x], colOutside[x]) = Sums(w, r, x, width);
            }

            for (int y = 0; y < height; y++)
            {
                Span<float> row = smoothed.Row(y);
                double v = rowWeight[y];
                if (y < r || y >= height - r)
                {
                    DivideRange(row, 0, width, v, colInside, colOutside, cval, epsilon);
                }
                else
                {
                    int leftEnd = Math.Min(r, width);
                    DivideRange(row, 0, leftEnd, v, colInside, colOutside, cval, epsilon);
                    DivideRange(row, Math.Max(width - r, leftEnd), width, v, colInside, colOutside, cval, epsilon);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rowWeight);
            ArrayPool<double>.Shared.Return(colInside);
            ArrayPool<double>.Shared.Return(colOutside);
        }
    }

    private static void DivideRange(Span<float> row, int start, int end, double v, double[] inside, double[] outside, double cval, double epsilon)
    {
        for (int x = start; x < end; x++)
        {
            double bleed = (v * inside[x]) + (cval * outside[x]) + epsilon;
            row[x] = (float)(row[x] / bleed);
        }
    }

    // Σ of the weights whose taps fall inside 0..n-1 around index i, and of those outside (cval there).
    private static (double Inside, double Outside) Sums(ReadOnlySpan<double> w, int r, int i, int n)
    {
        double inside = 0;
        double outside = 0;
        for (int k = 0; k < w.Length; k++)
        {
            int j = i + k - r;
            if ((uint)j < (uint)n)
            {
                inside += w[k];
            }
            else
            {
                outside += w[k];
            }
        }

        return (inside, outside);
    }
}

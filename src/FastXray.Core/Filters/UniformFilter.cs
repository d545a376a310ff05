using FastXray.Rank;

namespace FastXray.Filters;

/// <summary>scipy.ndimage.uniform_filter: the mean of each pixel's rectangular window.</summary>
/// <remarks>
/// <para><c>out[y,x] = (1 / (sizeY·sizeX)) · Σ_{i&lt;sizeY} Σ_{j&lt;sizeX} in[y + i - sizeY/2 - originY, x + j - sizeX/2 - originX]</c>
/// (ndimage-semantics §7): size 2 covers {-1, 0}, size 4 {-2..1}; <c>0 ≤ s/2 + o &lt; s</c>. Pixels outside
/// the image follow the border mode; in constant mode they are cval (a double, not cast to the input type).</para>
/// <para>scipy runs a 1-D running double sum along axis 0, then along axis 1. Here the sums are exact
/// (float32 integer arithmetic below 2^24 for 8/16-bit input and integer cval, else double) and the mean is
/// rounded once to float32, so results are within float32 rounding of scipy's float64 output (≤ 1e-4 for
/// 8-bit data, ≤ 5e-2 for 16-bit). Vertical running column sums are vectorised across columns, the row pass
/// adds window columns directly (up to 8) or with a running sum. Allocates nothing but pooled scratch.</para>
/// </remarks>
public static class UniformFilter
{
    /// <summary>Mean over a sizeY x sizeX window, into float32.</summary>
    /// <param name="source">Input image (byte, ushort or float).</param>
    /// <param name="destination">Output, same size; must not overlap the source.</param>
    /// <param name="sizeY">Window rows (axis 0), ≥ 1.</param>
    /// <param name="sizeX">Window columns (axis 1), ≥ 1.</param>
    /// <param name="mode">Border mode.</param>
    /// <param name="cval">Value outside the image in <see cref="BorderMode.Constant"/>.</param>
    /// <param name="originY">Window shift along rows.</param>
    /// <param name="originX">Window shift along columns.</param>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, int sizeY, int sizeX, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        // The window checks are scipy's rank-filter rules (size ≥ 1, 0 ≤ s/2 + o < s); nothing is rented for a box.
        int lowY = RankWindow.Low(sizeY, originY, nameof(sizeY));
        int lowX = RankWindow.Low(sizeX, originX, nameof(sizeX));
        RankEngine.Validate(source, destination, mode);
        if (source.IsEmpty)
        {
            return;
        }

        if (UniformKernel.ExactInSingle<T>(sizeY, sizeX, mode, cval))
        {
            switch (SimdCapabilities.Active)
            {
                case SimdLevel.Vector512: UniformKernel.Run<T, float, Lanes512<float>>(source, destination, sizeY, sizeX, lowY, lowX, mode, cval); break;
                case SimdLevel.Vector256: UniformKernel.Run<T, float, Lanes256<float>>(source, destination, sizeY, sizeX, lowY, lowX, mode, cval); break;
                case SimdLevel.Vector128: UniformKernel.Run<T, float, Lanes128<float>>(source, destination, sizeY, sizeX, lowY, lowX, mode, cval); break;
                default: UniformKernel.Run<T, float, Lanes1<float>>(source, destination, sizeY, sizeX, lowY, lowX, mode, cval); break;
            }
        }
        else
        {
            switch (SimdCapabilities.Active)
            {
                case SimdLevel.Vector512: UniformKernel.Run<T, double, Lanes512<double>>(source, destination, sizeY, sizeX, lowY, lowX, mode, cval); break;
                case SimdLevel.Vector256: UniformKernel.Run<T, double, Lanes256<double>>(source, destination, sizeY, sizeX, lowY, lowX, mode, cval); break;
                case SimdLevel.Vector128: UniformKernel.Run<T, double, Lanes128<double>>(source, destination, sizeY, sizeX, lowY, lowX, mode, cval); break;
                default: UniformKernel.Run<T, double, Lanes1<double>>(source, destination, sizeY, sizeX, lowY, lowX, mode, cval); break;
            }
        }
    }

    /// <summary>Mean over a size x size window, into float32.</summary>
    /// <param name="source">Input image (byte, ushort or float).</param>
    /// <param name="destination">Output, same size; must not overlap the source.</param>
    /// <param name="size">Window size along both axes, ≥ 1.</param>
    /// <param name="mode">Border mode.</param>
    /// <param name="cval">Value outside the image in <see cref="BorderMode.Constant"/>.</param>
    /// <param name="origin">Window shift along both axes.</param>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, int size, BorderMode mode = BorderMode.Reflect, double cval = 0, int origin = 0)
        where T : unmanaged => Apply(source, destination, size, size, mode, cval, origin, origin);
}

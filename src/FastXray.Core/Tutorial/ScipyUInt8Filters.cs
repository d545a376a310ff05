using FastXray.ScipyCast;

namespace FastXray.Tutorial;

/// <summary>
/// What scipy.ndimage returns for a uint8 input when no output dtype is given (the NumPy X-ray tutorial's
/// own arrays): every 1-D pass is computed in float64 and stored as uint8 by the C cast (truncate toward
/// zero, wrap modulo 256) before the next pass (ndimage-semantics §5, §6, §12, §15).
/// </summary>
/// <remarks>
/// This is the <c>--exact</c> mode, not the recommended one: the results wrap (a Laplacian of −3 becomes
/// 253). The tutorial's calls with reflect borders, on the general integer-output kernels of
/// <see cref="StoredFilters"/> (scipy's kernel and summation order, any border mode, uint8 or uint16).
/// </remarks>
public static class ScipyUInt8Filters
{
    /// <summary><c>ndimage.gaussian_laplace(uint8_image, sigma)</c>: two wrapped terms added modulo 256.</summary>
    public static void GaussianLaplace(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, double sigma)
    {
        Check(source, destination, width, height);
        StoredFilters.GaussianLaplace(Source(source, width, height), Destination(destination, width, height), (sigma, sigma), BorderMode.Reflect, 0);
    }

    /// <summary><c>ndimage.gaussian_gradient_magnitude(uint8_image, sigma)</c>: wrapped derivatives, squares and sum modulo 256, then ⌊√·⌋.</summary>
    /// <remarks>numpy takes the square root of a uint8 array in float16 and casts back; for every uint8 value that equals the integer square root.</remarks>
    public static void GaussianGradientMagnitude(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, double sigma)
    {
        Check(source, destination, width, height);
        StoredFilters.GaussianGradientMagnitude(Source(source, width, height), Destination(destination, width, height), (sigma, sigma), BorderMode.Reflect, 0);
    }

    /// <summary><c>ndimage.sobel(uint8_image, axis)</c>: the true Sobel result modulo 256 (all weights are integers).</summary>
    public static void Sobel(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, int axis)
    {
        Check(source, destination, width, height);
        StoredFilters.Sobel(Source(source, width, height), Destination(destination, width, height), axis, BorderMode.Reflect, 0);
    }

    private static ReadOnlyImageSpan<byte> Source(ReadOnlySpan<byte> source, int width, int height) => new(source[..(width * height)], width, height);

    private static ImageSpan<byte> Destination(Span<byte> destination, int width, int height) => new(destination[..(width * height)], width, height);

    private static void Check(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height)
    {
        if (width < 0 || height < 0 || source.Length < width * height || destination.Length < width * height)
        {
            ThrowHelper.ThrowArgument(nameof(source), "source and destination must hold width x height samples.");
        }
    }
}

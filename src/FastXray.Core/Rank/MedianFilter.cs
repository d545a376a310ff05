namespace FastXray.Rank;

/// <summary>scipy.ndimage.median_filter: the median of each pixel's window.</summary>
/// <remarks>
/// <para><c>out[y,x] = sorted(window(y,x))[N/2]</c> with N active window elements: for an even N the upper of
/// the two middle values, never their mean (ndimage-semantics §8). The window of size s (per axis) with origin
/// o covers offsets <c>k - s/2 - o</c>, k = 0..s-1 (size 2 is {-1, 0}); <c>0 ≤ s/2 + o &lt; s</c>. Pixels
/// outside the image follow the border mode (scipy's periodic extension, also for windows longer than
/// the image; scipy's out-of-bounds read in reflect mode on tiny images is not reproduced).</para>
/// <para>cval: for 0 &lt; N/2 &lt; N-1 scipy casts cval to the input type first (byte: truncate, wrap; so
/// -1 → 255, 300 → 44); windows of 1 or 2 elements are scipy's separable min/max, which compare cval as a
/// double. Results are window elements, so float32 outputs are exact and typed outputs equal scipy's default
/// (same-dtype) output. Kernels: a min/max network for 3x3, a vectorised radix select for small and medium
/// windows, a sliding histogram (Huang) for large 8/16-bit windows. Allocates nothing but pooled scratch.</para>
/// </remarks>
public static class MedianFilter
{
    /// <summary>Median over a sizeY x sizeX window, into float32.</summary>
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
        using RankWindow window = RankWindow.Box(sizeY, sizeX, originY, originX);
        RankEngine.Select(source, destination, window, window.Count / 2, mode, cval);
    }

    /// <summary>Median over a size x size window, into float32.</summary>
    /// <param name="source">Input image (byte, ushort or float).</param>
    /// <param name="destination">Output, same size; must not overlap the source.</param>
    /// <param name="size">Window size along both axes, ≥ 1.</param>
    /// <param name="mode">Border mode.</param>
    /// <param name="cval">Value outside the image in <see cref="BorderMode.Constant"/>.</param>
    /// <param name="origin">Window shift along both axes.</param>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, int size, BorderMode mode = BorderMode.Reflect, double cval = 0, int origin = 0)
        where T : unmanaged => Apply(source, destination, size, size, mode, cval, origin, origin);

    /// <summary>Median over the true elements of a footprint, into float32.</summary>
    /// <param name="source">Input image (byte, ushort or float).</param>
    /// <param name="destination">Output, same size; must not overlap the source.</param>
    /// <param name="footprint">Window shape; at least one element true.</param>
    /// <param name="mode">Border mode.</param>
    /// <param name="cval">Value outside the image in <see cref="BorderMode.Constant"/>.</param>
    /// <param name="originY">Window shift along rows.</param>
    /// <param name="originX">Window shift along columns.</param>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, ReadOnlyImageSpan<bool> footprint, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Footprint(footprint, originY, originX);
        RankEngine.Select(source, destination, window, window.Count / 2, mode, cval);
    }

    /// <summary>Median over a sizeY x sizeX window, into the input type (scipy's default output).</summary>
    /// <inheritdoc cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, int, int, BorderMode, double, int, int)" path="/param"/>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, int sizeY, int sizeX, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Box(sizeY, sizeX, originY, originX);
        RankEngine.Select(source, destination, window, window.Count / 2, mode, cval);
    }

    /// <summary>Median over a size x size window, into the input type (scipy's default output).</summary>
    /// <inheritdoc cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, int, BorderMode, double, int)" path="/param"/>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, int size, BorderMode mode = BorderMode.Reflect, double cval = 0, int origin = 0)
        where T : unmanaged => Apply(source, destination, size, size, mode, cval, origin, origin);

    /// <summary>Median over the true elements of a footprint, into the input type (scipy's default output).</summary>
    /// <inheritdoc cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, ReadOnlyImageSpan{bool}, BorderMode, double, int, int)" path="/param"/>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, ReadOnlyImageSpan<bool> footprint, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Footprint(footprint, originY, originX);
        RankEngine.Select(source, destination, window, window.Count / 2, mode, cval);
    }
}

namespace FastXray.Rank;

/// <summary>scipy.ndimage.percentile_filter: the given percentile of each pixel's window.</summary>
/// <remarks>
/// <para><c>out[y,x] = sorted(window(y,x))[r]</c> with N active elements and, as scipy, p &lt; 0 → p + 100,
/// <c>r = N - 1</c> for p = 100, else <c>r = int(N·p/100)</c> (truncated; p = 25 on 5 elements is r = 1). No
/// interpolation: the result is always a window element. Window geometry, border modes and origins as
/// <see cref="MedianFilter"/>.</para>
/// <para>r = 0 and r = N-1 are scipy's minimum/maximum filters: over a full rectangle separable, with cval
/// compared as a double (byte input, cval -1, p = 0: float32 output -1, typed output 255); otherwise cval is
/// cast to the input type first. See ndimage-semantics §8.</para>
/// </remarks>
public static class PercentileFilter
{
    /// <summary>Percentile over a sizeY x sizeX window, into float32.</summary>
    /// <param name="source">Input image (byte, ushort or float).</param>
    /// <param name="destination">Output, same size; must not overlap the source.</param>
    /// <param name="percentile">Percentile in [-100, 100]; negative values count from 100.</param>
    /// <param name="sizeY">Window rows (axis 0), ≥ 1.</param>
    /// <param name="sizeX">Window columns (axis 1), ≥ 1.</param>
    /// <param name="mode">Border mode.</param>
    /// <param name="cval">Value outside the image in <see cref="BorderMode.Constant"/>.</param>
    /// <param name="originY">Window shift along rows.</param>
    /// <param name="originX">Window shift along columns.</param>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double percentile, int sizeY, int sizeX, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Box(sizeY, sizeX, originY, originX);
        RankEngine.Select(source, destination, window, RankEngine.PercentileRank(percentile, window.Count), mode, cval);
    }

    /// <summary>Percentile over a size x size window, into float32.</summary>
    /// <param name="source">Input image (byte, ushort or float).</param>
    /// <param name="destination">Output, same size; must not overlap the source.</param>
    /// <param name="percentile">Percentile in [-100, 100]; negative values count from 100.</param>
    /// <param name="size">Window size along both axes, ≥ 1.</param>
    /// <param name="mode">Border mode.</param>
    /// <param name="cval">Value outside the image in <see cref="BorderMode.Constant"/>.</param>
    /// <param name="origin">Window shift along both axes.</param>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double percentile, int size, BorderMode mode = BorderMode.Reflect, double cval = 0, int origin = 0)
        where T : unmanaged => Apply(source, destination, percentile, size, size, mode, cval, origin, origin);

    /// <summary>Percentile over the true elements of a footprint, into float32.</summary>
    /// <param name="source">Input image (byte, ushort or float).</param>
    /// <param name="destination">Output, same size; must not overlap the source.</param>
    /// <param name="percentile">Percentile in [-100, 100]; negative values count from 100.</param>
    /// <param name="footprint">Window shape; at least one element true.</param>
    /// <param name="mode">Border mode.</param>
    /// <param name="cval">Value outside the image in <see cref="BorderMode.Constant"/>.</param>
    /// <param name="originY">Window shift along rows.</param>
    /// <param name="originX">Window shift along columns.</param>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double percentile, ReadOnlyImageSpan<bool> footprint, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Footprint(footprint, originY, originX);
        RankEngine.Select(source, destination, window, RankEngine.PercentileRank(percentile, window.Count), mode, cval);
    }

    /// <summary>Percentile over a sizeY x sizeX window, into the input type (scipy's default output).</summary>
    /// <inheritdoc cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, double, int, int, BorderMode, double, int, int)" path="/param"/>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, double percentile, int sizeY, int sizeX, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Box(sizeY, sizeX, originY, originX);
        RankEngine.Select(source, destination, window, RankEngine.PercentileRank(percentile, window.Count), mode, cval);
    }

    /// <summary>Percentile over a size x size window, into the input type (scipy's default output).</summary>
    /// <inheritdoc cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, double, int, BorderMode, double, int)" path="/param"/>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, double percentile, int size, BorderMode mode = BorderMode.Reflect, double cval = 0, int origin = 0)
        where T : unmanaged => Apply(source, destination, percentile, size, size, mode, cval, origin, origin);

    /// <summary>Percentile over the true elements of a footprint, into the input type (scipy's default output).</summary>
    /// <inheritdoc cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, double, ReadOnlyImageSpan{bool}, BorderMode, double, int, int)" path="/param"/>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, double percentile, ReadOnlyImageSpan<bool> footprint, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Footprint(footprint, originY, originX);
        RankEngine.Select(source, destination, window, RankEngine.PercentileRank(percentile, window.Count), mode, cval);
    }
}

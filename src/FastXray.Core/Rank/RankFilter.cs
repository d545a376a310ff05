namespace FastXray.Rank;

/// <summary>scipy.ndimage.rank_filter: the element of a given rank in each pixel's sorted window.</summary>
/// <remarks>
/// <para><c>out[y,x] = sorted(window(y,x))[r]</c>, r counted from 0; a negative rank counts from the end
/// (r + N), and must land in [0, N). Window geometry, border modes and origins as <see cref="MedianFilter"/>.</para>
/// <para>r = 0 and r = N-1 are scipy's minimum/maximum filters: over a full rectangle separable, with cval
/// compared as a double; otherwise (and for every other rank) cval is cast to the input type first. See
/// ndimage-semantics §8.</para>
/// </remarks>
public static class RankFilter
{
    /// <summary>Rank over a sizeY x sizeX window, into float32.</summary>
    /// <param name="source">Input image (byte, ushort or float).</param>
    /// <param name="destination">Output, same size; must not overlap the source.</param>
    /// <param name="rank">Rank in the sorted window, from 0; negative values count from the end.</param>
    /// <param name="sizeY">Window rows (axis 0), ≥ 1.</param>
    /// <param name="sizeX">Window columns (axis 1), ≥ 1.</param>
    /// <param name="mode">Border mode.</param>
    /// <param name="cval">Value outside the image in <see cref="BorderMode.Constant"/>.</param>
    /// <param name="originY">Window shift along rows.</param>
    /// <param name="originX">Window shift along columns.</param>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, int rank, int sizeY, int sizeX, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Box(sizeY, sizeX, originY, originX);
        RankEngine.Select(source, destination, window, RankEngine.ResolveRank(rank, window.Count), mode, cval);
    }

    /// <summary>Rank over a size x size window, into float32.</summary>
    /// <param name="source">Input image (byte, ushort or float).</param>
    /// <param name="destination">Output, same size; must not overlap the source.</param>
    /// <param name="rank">Rank in the sorted window, from 0; negative values count from the end.</param>
    /// <param name="size">Window size along both axes, ≥ 1.</param>
    /// <param name="mode">Border mode.</param>
    /// <param name="cval">Value outside the image in <see cref="BorderMode.Constant"/>.</param>
    /// <param name="origin">Window shift along both axes.</param>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, int rank, int size, BorderMode mode = BorderMode.Reflect, double cval = 0, int origin = 0)
        where T : unmanaged => Apply(source, destination, rank, size, size, mode, cval, origin, origin);

    /// <summary>Rank over the true elements of a footprint, into float32.</summary>
    /// <param name="source">Input image (byte, ushort or float).</param>
    /// <param name="destination">Output, same size; must not overlap the source.</param>
    /// <param name="rank">Rank in the sorted window, from 0; negative values count from the end.</param>
    /// <param name="footprint">Window shape; at least one element true.</param>
    /// <param name="mode">Border mode.</param>
    /// <param name="cval">Value outside the image in <see cref="BorderMode.Constant"/>.</param>
    /// <param name="originY">Window shift along rows.</param>
    /// <param name="originX">Window shift along columns.</param>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, int rank, ReadOnlyImageSpan<bool> footprint, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Footprint(footprint, originY, originX);
        RankEngine.Select(source, destination, window, RankEngine.ResolveRank(rank, window.Count), mode, cval);
    }

    /// <summary>Rank over a sizeY x sizeX window, into the input type (scipy's default output).</summary>
    /// <inheritdoc cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, int, int, int, BorderMode, double, int, int)" path="/param"/>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, int rank, int sizeY, int sizeX, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Box(sizeY, sizeX, originY, originX);
        RankEngine.Select(source, destination, window, RankEngine.ResolveRank(rank, window.Count), mode, cval);
    }

    /// <summary>Rank over a size x size window, into the input type (scipy's default output).</summary>
    /// <inheritdoc cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, int, int, BorderMode, double, int)" path="/param"/>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, int rank, int size, BorderMode mode = BorderMode.Reflect, double cval = 0, int origin = 0)
        where T : unmanaged => Apply(source, destination, rank, size, size, mode, cval, origin, origin);

    /// <summary>Rank over the true elements of a footprint, into the input type (scipy's default output).</summary>
    /// <inheritdoc cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, int, ReadOnlyImageSpan{bool}, BorderMode, double, int, int)" path="/param"/>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, int rank, ReadOnlyImageSpan<bool> footprint, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Footprint(footprint, originY, originX);
        RankEngine.Select(source, destination, window, RankEngine.ResolveRank(rank, window.Count), mode, cval);
    }
}

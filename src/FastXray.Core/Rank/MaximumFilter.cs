namespace FastXray.Rank;

/// <summary>scipy.ndimage.maximum_filter: the maximum of each pixel's window.</summary>
/// <remarks>
/// <para><c>out[y,x] = max(window(y,x))</c>. Window geometry, border modes and origins as
/// <see cref="MedianFilter"/>. A full rectangle (sizes, or an all-true footprint) runs as scipy's separable
/// filter, one vectorised pass per axis; windows longer than 8 use van Herk/Gil-Werman (rows) and doubling
/// (columns), so the cost hardly grows with the size. A footprint with false elements is reduced directly.</para>
/// <para>cval (constant mode): the separable filter compares cval as a double, then stores in the output
/// type. A float32 output therefore holds (float)cval where cval wins even if the input is byte (cval -1 gives
/// -1), and a typed output takes scipy's C cast (cval -1 gives 255 for byte). With a non-rectangular
/// footprint scipy casts cval to the input type first (cval -1 is then 255 for byte in both outputs).</para>
/// </remarks>
public static class MaximumFilter
{
    /// <summary>Maximum over a sizeY x sizeX window, into float32.</summary>
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
        RankEngine.Extremum<MaximumOperator, T, float>(source, destination, window, mode, cval);
    }

    /// <summary>Maximum over a size x size window, into float32.</summary>
    /// <param name="source">Input image (byte, ushort or float).</param>
    /// <param name="destination">Output, same size; must not overlap the source.</param>
    /// <param name="size">Window size along both axes, ≥ 1.</param>
    /// <param name="mode">Border mode.</param>
    /// <param name="cval">Value outside the image in <see cref="BorderMode.Constant"/>.</param>
    /// <param name="origin">Window shift along both axes.</param>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, int size, BorderMode mode = BorderMode.Reflect, double cval = 0, int origin = 0)
        where T : unmanaged => Apply(source, destination, size, size, mode, cval, origin, origin);

    /// <summary>Maximum over the true elements of a footprint, into float32.</summary>
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
        RankEngine.Extremum<MaximumOperator, T, float>(source, destination, window, mode, cval);
    }

    /// <summary>Maximum over a sizeY x sizeX window, into the input type (scipy's default output).</summary>
    /// <inheritdoc cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, int, int, BorderMode, double, int, int)" path="/param"/>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, int sizeY, int sizeX, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Box(sizeY, sizeX, originY, originX);
        RankEngine.Extremum<MaximumOperator, T, T>(source, destination, window, mode, cval);
    }

    /// <summary>Maximum over a size x size window, into the input type (scipy's default output).</summary>
    /// <inheritdoc cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, int, BorderMode, double, int)" path="/param"/>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, int size, BorderMode mode = BorderMode.Reflect, double cval = 0, int origin = 0)
        where T : unmanaged => Apply(source, destination, size, size, mode, cval, origin, origin);

    /// <summary>Maximum over the true elements of a footprint, into the input type (scipy's default output).</summary>
    /// <inheritdoc cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{float}, ReadOnlyImageSpan{bool}, BorderMode, double, int, int)" path="/param"/>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, ReadOnlyImageSpan<bool> footprint, BorderMode mode = BorderMode.Reflect, double cval = 0, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        using RankWindow window = RankWindow.Footprint(footprint, originY, originX);
        RankEngine.Extremum<MaximumOperator, T, T>(source, destination, window, mode, cval);
    }
}

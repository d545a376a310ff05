namespace FastXray.Edges;

/// <summary>scipy.ndimage.prewitt, and its magnitude <c>hypot(prewitt(axis 0), prewitt(axis 1))</c>.</summary>
public static class Prewitt
{
    /// <summary>Prewitt derivative along <paramref name="axis"/> (0 = down the rows, 1 or -1 = along a row).</summary>
    /// <remarks>Correlates <c>[-1, 0, 1]</c> along the axis and <c>[1, 1, 1]</c> along the other: for axis 0 the 2-D kernel is <c>[[-1,-1,-1],[0,0,0],[1,1,1]]</c>.</remarks>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, int axis = -1, BorderMode mode = BorderMode.Reflect, double cval = 0)
        where T : unmanaged =>
        Gradient.Apply(source, destination, axis, DifferenceKernels.PrewittSmooth, mode, cval);

    /// <summary><c>hypot(prewitt(axis=0), prewitt(axis=1))</c> in one pass (the tutorial's "Canny" edge step).</summary>
    /// <remarks>Computed as sqrt(a² + b²) in float32.</remarks>
    public static void Magnitude<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, BorderMode mode = BorderMode.Reflect, double cval = 0)
        where T : unmanaged =>
        Gradient.Magnitude(source, destination, DifferenceKernels.PrewittSmooth, mode, cval);
}

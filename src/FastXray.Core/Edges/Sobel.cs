using FastXray.Filters;

namespace FastXray.Edges;

/// <summary>scipy.ndimage.sobel, and the magnitude <c>hypot(sobel(axis 0), sobel(axis 1))</c> of the X-ray tutorial.</summary>
public static class Sobel
{
    /// <summary>Sobel derivative along <paramref name="axis"/> (0 = down the rows, 1 or -1 = along a row; scipy's default is -1).</summary>
    /// <remarks>
    /// Correlates <c>[-1, 0, 1]</c> along the axis and <c>[1, 2, 1]</c> along the other: for axis 0 the 2-D kernel is
    /// <c>[[-1,-2,-1],[0,0,0],[1,2,1]]</c>. Integer inputs give exact integers in float32 (no wraparound: the
    /// float output is the true result, which is what scipy returns for float input).
    /// </remarks>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, int axis = -1, BorderMode mode = BorderMode.Reflect, double cval = 0)
        where T : unmanaged =>
        Gradient.Apply(source, destination, axis, DifferenceKernels.SobelSmooth, mode, cval);

    /// <summary><c>hypot(sobel(axis=0), sobel(axis=1))</c> in one pass.</summary>
    /// <remarks>Computed as sqrt(a² + b²) in float32; the tutorial's later <c>* 255 / max</c> is a separate step.</remarks>
    public static void Magnitude<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, BorderMode mode = BorderMode.Reflect, double cval = 0)
        where T : unmanaged =>
        Gradient.Magnitude(source, destination, DifferenceKernels.SobelSmooth, mode, cval);
}

/// <summary>The shared shape of Sobel and Prewitt: a central difference along one axis, smoothing along the other.</summary>
internal static class Gradient
{
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, int axis, float[] smooth, BorderMode mode, double cval)
        where T : unmanaged
    {
        DifferenceKernels.CheckAxis(axis);
        var d = new Kernel1D(DifferenceKernels.Derivative, 1);
        var s = new Kernel1D(smooth, 1);
        if (axis is 0 or -2)
        {
            SeparableFilter.Apply(source, destination, d, s, mode, (float)cval);
        }
        else
        {
            // scipy differentiates along axis 1 first, then smooths along axis 0.
            SeparableFilter.Apply(source, destination, s, d, mode, (float)cval, horizontalFirst: true);
        }
    }

    public static void Magnitude<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, float[] smooth, BorderMode mode, double cval)
        where T : unmanaged
    {
        var d = new Kernel1D(DifferenceKernels.Derivative, 1);
        var s = new Kernel1D(smooth, 1);
        SeparableFilter.Apply(source, destination, d, s, s, d, TermCombine.Hypot, mode, (float)cval, bHorizontalFirst: true);
    }
}

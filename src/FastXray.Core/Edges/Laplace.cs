using FastXray.Filters;

namespace FastXray.Edges;

/// <summary>scipy.ndimage.laplace on 2-D images.</summary>
public static class Laplace
{
    /// <summary>Discrete Laplacian: <c>[1,-2,1]</c> along axis 0 plus <c>[1,-2,1]</c> along axis 1.</summary>
    /// <remarks>Equivalent to correlating with <c>[[0,1,0],[1,-4,1],[0,1,0]]</c>; exact integers in float32 for integer inputs.</remarks>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, BorderMode mode = BorderMode.Reflect, double cval = 0)
        where T : unmanaged
    {
        var d2 = new Kernel1D(DifferenceKernels.SecondDerivative, 1);
        SeparableFilter.Apply(source, destination, d2, Kernel1D.Identity, Kernel1D.Identity, d2, TermCombine.Sum, mode, (float)cval);
    }
}

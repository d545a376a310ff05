namespace FastXray.Edges;

/// <summary>The fixed 3-tap kernels of scipy's sobel, prewitt and laplace (correlation weights).</summary>
internal static class DifferenceKernels
{
    /// <summary>Central difference <c>[-1, 0, 1]</c>: +2 on an increasing unit ramp.</summary>
    public static readonly float[] Derivative = [-1f, 0f, 1f];

    /// <summary>Sobel smoothing <c>[1, 2, 1]</c>.</summary>
    public static readonly float[] SobelSmooth = [1f, 2f, 1f];

    /// <summary>Prewitt smoothing <c>[1, 1, 1]</c>.</summary>
    public static readonly float[] PrewittSmooth = [1f, 1f, 1f];

    /// <summary>Second difference <c>[1, -2, 1]</c>.</summary>
    public static readonly float[] SecondDerivative = [1f, -2f, 1f];

    public static void CheckAxis(int axis)
    {
        if (axis is < -2 or > 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(axis), "axis must be 0, 1, -1 or -2 for a 2-D image.");
        }
    }
}

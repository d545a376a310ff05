namespace FastXray.Fourier;

/// <summary>
/// <c>scipy.ndimage.fourier_uniform</c>: multiplies an array, assumed to be a Fourier spectrum, by the Fourier
/// transform of a box of the given size. No FFT is performed.
/// </summary>
/// <remarks>
/// <para><c>out[y,x] = in[y,x]·u₀(k_y)·u₁(k_x)</c> with <c>u(0) = 1</c> and <c>u(k) = sin(πsk/N)/(πsk/N)</c> (the
/// continuous box's sinc, not the DFT of uniform_filter); when <c>πs/N ≤ 0</c> every k ≠ 0 gives 0. k and N follow
/// the same layout rules as <see cref="FourierGaussian"/> (complex FFT layout, or the rfft half spectrum along
/// <c>axis</c> when <c>n ≥ 0</c>, with N = n). Axes of length 1 contribute 1.</para>
/// <para>Computed in float32. Real sources may be byte, ushort or float; a float or complex source may be its own destination.</para>
/// </remarks>
public static class FourierUniform
{
    /// <summary>Real image, one box size for both axes.</summary>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double size, int n = -1, int axis = -1)
        where T : unmanaged =>
        Apply(source, destination, size, size, n, axis);

    /// <summary>Real image, box size per axis (rows, columns).</summary>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double sizeY, double sizeX, int n, int axis)
        where T : unmanaged
    {
        FourierOp.RunReal(source, destination, FourierOp.Kind.Uniform, sizeY, sizeX, n, axis);
    }

    /// <summary>Complex spectrum, one box size for both axes.</summary>
    public static void Apply(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination, double size, int n = -1, int axis = -1) =>
        Apply(source, destination, size, size, n, axis);

    /// <summary>Complex spectrum, box size per axis (rows, columns).</summary>
    public static void Apply(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination, double sizeY, double sizeX, int n, int axis)
    {
        FourierOp.RunComplex(source, destination, FourierOp.Kind.Uniform, sizeY, sizeX, n, axis);
    }
}

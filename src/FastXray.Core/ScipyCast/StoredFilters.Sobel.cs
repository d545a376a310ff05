namespace FastXray.ScipyCast;

public static partial class StoredFilters
{
    private static readonly double[] s_difference = [-1, 0, 1];
    private static readonly double[] s_sobelSmooth = [1, 2, 1];
    private static readonly double[] s_prewittSmooth = [1, 1, 1];

    /// <summary>
    /// <c>ndimage.sobel(image, axis, mode=mode, cval=cval)</c> on a uint8/uint16 image: correlate1d with
    /// <c>[-1, 0, 1]</c> along <paramref name="axis"/>, stored (wraps: −3 → 253), then <c>[1, 2, 1]</c> along the
    /// other axis on the stored values, stored again. The weights are integers, so each pass is exact before the cast.
    /// </summary>
    public static void Sobel<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, int axis, BorderMode mode, double cval)
        where T : unmanaged => Difference(source, destination, axis, mode, cval, s_sobelSmooth);

    /// <summary><c>ndimage.prewitt(image, axis, mode=mode, cval=cval)</c>: as <see cref="Sobel{T}"/> with <c>[1, 1, 1]</c> smoothing.</summary>
    public static void Prewitt<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, int axis, BorderMode mode, double cval)
        where T : unmanaged => Difference(source, destination, axis, mode, cval, s_prewittSmooth);

    private static void Difference<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, int axis, BorderMode mode, double cval, double[] smooth)
        where T : unmanaged
    {
        Check(source, destination);
        int a = NormalizeAxis(axis);
        StoredPasses.Correlate1D(source, destination, s_difference, a, mode, cval, 0);
        StoredPasses.Correlate1D(destination, destination, smooth, 1 - a, mode, cval, 0);
    }
}

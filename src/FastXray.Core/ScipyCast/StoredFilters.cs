namespace FastXray.ScipyCast;

/// <summary>
/// scipy.ndimage's filters on a uint8 or uint16 image called without <c>output=</c>: the result has the input's
/// dtype, every sample is computed in float64 and stored by the C cast (<see cref="CCast"/>: truncate toward zero,
/// wrap modulo 2^bits), and separable filters store after each 1-D pass (ndimage-semantics §1, §5–§7, §12).
/// </summary>
/// <remarks>
/// Bit-exact with scipy 1.10 when the float64 arithmetic is (scipy's summation orders are reproduced; see
/// <see cref="StoredPasses"/> and <see cref="Correlate{T}"/>). The one known difference is inherited from numpy:
/// on AVX-512 CPUs its float64 <c>exp</c> is not correctly rounded, so Gaussian weights can differ by an ulp from
/// <see cref="Math.Exp"/> and a truncated sample can then differ by one. <c>source</c> and <c>destination</c> are
/// the same size; they may be the same image.
/// </remarks>
public static partial class StoredFilters
{
    private static void Check<T>(in ReadOnlyImageSpan<T> source, in ImageSpan<T> destination)
        where T : unmanaged
    {
        CCast.CheckType<T>();
        ImageSpanValidation.SameSize(source, destination);
    }

    // scipy's axis argument for a 2-D array: -1 and 1 are along a row, -2 and 0 down the columns.
    private static int NormalizeAxis(int axis) => axis switch
    {
        0 or -2 => 0,
        1 or -1 => 1,
        _ => ThrowHelper.ThrowArgumentOutOfRange<int>(nameof(axis), "axis must be -2..1 for a 2-D image."),
    };

    private static void Copy<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination)
        where T : unmanaged
    {
        for (int y = 0; y < source.Height; y++)
        {
            source.Row(y).CopyTo(destination.Row(y));
        }
    }
}

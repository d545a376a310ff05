using System.Buffers;

namespace FastXray.ScipyCast;

public static partial class StoredFilters
{
    private static readonly double[] s_second = [1, -2, 1];

    /// <summary>
    /// <c>ndimage.laplace(image, mode=mode, cval=cval)</c> on a uint8/uint16 image: <c>[1, -2, 1]</c> along axis 0
    /// stored, the same along axis 1 stored in a second array, then added in the dtype (wraps).
    /// </summary>
    public static void Laplace<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, BorderMode mode, double cval)
        where T : unmanaged
    {
        Check(source, destination);
        int w = source.Width;
        T[] term = ArrayPool<T>.Shared.Rent(Math.Max(checked(w * source.Height), 1));
        try
        {
            var second = new ImageSpan<T>(term.AsSpan(0, w * source.Height), w, source.Height);
            StoredPasses.Correlate1D(source, second, s_second, 1, mode, cval, 0);
            StoredPasses.Correlate1D(source, destination, s_second, 0, mode, cval, 0);
            AddWrapped(second, destination);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(term);
        }
    }
}

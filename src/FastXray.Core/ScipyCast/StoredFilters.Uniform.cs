namespace FastXray.ScipyCast;

public static partial class StoredFilters
{
    /// <summary>
    /// <c>ndimage.uniform_filter(image, size, mode=mode, cval=cval, origin=origin)</c> on a uint8/uint16 image: one
    /// running-mean pass per axis with size &gt; 1 (axis 0 first), each stored into the dtype (a truncated mean
    /// per axis), a copy when both sizes are 1.
    /// </summary>
    /// <remarks>scipy's NI_UniformFilter1D: <c>tmp</c> starts at 0.0 and sums the first window left to right, then
    /// <c>tmp += new − old</c>; each output is <c>tmp / size</c> (ndimage-semantics §7).</remarks>
    public static void UniformFilter<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, (int Axis0, int Axis1) size,
        BorderMode mode, double cval, (int Axis0, int Axis1) origin = default)
        where T : unmanaged
    {
        Check(source, destination);
        CheckWindow(size.Axis0, origin.Axis0);
        CheckWindow(size.Axis1, origin.Axis1);
        bool any = false;
        if (size.Axis0 > 1)
        {
            StoredPasses.Uniform1D(source, destination, size.Axis0, 0, mode, cval, origin.Axis0);
            any = true;
        }

        if (size.Axis1 > 1)
        {
            StoredPasses.Uniform1D(any ? destination : source, destination, size.Axis1, 1, mode, cval, origin.Axis1);
            any = true;
        }

        if (!any)
        {
            Copy(source, destination);
        }
    }

    // scipy: size >= 1 and 0 <= size//2 + origin < size.
    private static void CheckWindow(int size, int origin)
    {
        if (size < 1 || (size / 2) + origin < 0 || (size / 2) + origin >= size)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(origin), $"origin {origin} is outside {-(size / 2)}..{(size - 1) / 2} for a window of size {size}.");
        }
    }
}

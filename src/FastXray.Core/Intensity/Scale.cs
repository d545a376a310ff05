namespace FastXray.Intensity;

/// <summary>Multiplication by a constant, as NumPy multiplies an array by a Python float.</summary>
public static class Scale
{
    /// <summary><c>out = x · (float)factor</c> in float32.</summary>
    /// <remarks>
    /// The factor is rounded to float32 first, as NumPy does for <c>float32_array * python_float</c>, so float32
    /// images match NumPy bit for bit; 8/16-bit images (float64 in NumPy) match to float32 precision.
    /// Source and destination may be the same float buffer.
    /// </remarks>
    public static void Multiply<T>(ReadOnlyImageSpan<T> source, double factor, ImageSpan<float> destination)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        ImageSpanValidation.SameSize(source, destination);
        FloatMaps.Affine(source, destination, 0, (float)factor, hasAdd: false);
    }
}

namespace FastXray.Intensity;

/// <summary>
/// Intensity normalisation to 0..255 as float32: the tutorial's <c>x *= 255.0 / np.max(x)</c>
/// (<see cref="ByMax{T}"/>, the CLI's <c>normalize</c>) and min-max stretching (<see cref="MinMax{T}"/>,
/// <c>normalize:method=minmax</c>).
/// </summary>
public static class Normalize
{
    /// <summary>The tutorial's <c>x *= 255.0 / np.max(x)</c>, as float32.</summary>
    /// <remarks>
    /// <c>scale = (float)(255.0 / max)</c> (float64 division, rounded to float32 as NumPy does when it multiplies a
    /// float32 array by a Python float), <c>out = x · scale</c> in float32: bit-exact against NumPy for float32
    /// images; for 8/16-bit images NumPy's result is float64 and this is it to float32 precision.
    /// Like NumPy, a maximum of 0 gives an infinite scale, so zero pixels become NaN (0·inf) and negative ones
    /// -inf; a NaN pixel makes the maximum, and so every output, NaN. Source and destination may be the same float buffer.
    /// </remarks>
    public static void ByMax<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        ImageSpanValidation.SameSize(source, destination);
        if (source.IsEmpty)
        {
            return;
        }

        double max = Stats.MinMax(source, wantMax: true);
        FloatMaps.Affine(source, destination, 0, (float)(255.0 / max), hasAdd: false);
    }

    /// <summary>Min-max stretch to 0..255, as float32; a constant image gives 0 everywhere.</summary>
    /// <remarks>
    /// <c>out = (x - min) · (float)(255.0 / (max - min))</c> (subtraction, then multiplication, in float32), so
    /// min maps to 0 and max to 255 up to float32 rounding. If min = max every output is 0; a NaN pixel makes
    /// every output NaN (NumPy's min/max propagate NaN). Source and destination may be the same float buffer.
    /// </remarks>
    public static void MinMax<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        ImageSpanValidation.SameSize(source, destination);
        if (source.IsEmpty)
        {
            return;
        }

        double min = Stats.MinMax(source, wantMax: false);
        double max = Stats.MinMax(source, wantMax: true);
        if (min == max)
        {
            for (int y = 0; y < destination.Height; y++)
            {
                destination.Row(y).Clear();
            }

            return;
        }

        FloatMaps.Affine(source, destination, (float)-min, (float)(255.0 / (max - min)), hasAdd: true);
    }
}

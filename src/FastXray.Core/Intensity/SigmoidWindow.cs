using System.Numerics.Tensors;

namespace FastXray.Intensity;

/// <summary>The DICOM SIGMOID VOI LUT function (PS3.3 C.11.2.1.3.1) with output range 0..255.</summary>
/// <remarks>
/// <c>y = 255 / (1 + exp(-4 (x - c) / w))</c>, computed in float32 as <c>255 · σ((x - c) · (4 / w))</c> with
/// <see cref="TensorPrimitives.Sigmoid{T}(ReadOnlySpan{T}, Span{T})"/> (its SIMD exp differs from the scalar one in the
/// last bits, so results depend on the vector width by a few ulps). The centre is split into a float32 and its
/// float32 remainder, subtracted one after the other, as <see cref="Window"/> does: near the centre x − c_hi is exact,
/// so a large centre with a narrow width (33000.7 / 3.25) loses nothing to the centre's rounding. What remains is
/// the argument's own float32 rounding. Source and destination may be the same memory.
/// </remarks>
public static class SigmoidWindow
{
    /// <summary>Maps <paramref name="source"/> to <paramref name="destination"/> (same length).</summary>
    /// <param name="source">Modality values.</param>
    /// <param name="destination">Values in 0..255.</param>
    /// <param name="center">Window centre c.</param>
    /// <param name="width">Window width w, greater than 0.</param>
    public static void Map(ReadOnlySpan<float> source, Span<float> destination, double center, double width)
    {
        if (destination.Length < source.Length)
        {
            ThrowHelper.ThrowArgument(nameof(destination), "The destination is shorter than the source.");
        }

        if (!(width > 0) || double.IsInfinity(width) || !double.IsFinite(center))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(width), "The SIGMOID window needs a finite centre and a width greater than 0.");
        }

        Span<float> dst = destination[..source.Length];
        float centerHi = (float)center;
        TensorPrimitives.Subtract(source, centerHi, dst);
        TensorPrimitives.Subtract(dst, (float)(center - centerHi), dst);
        TensorPrimitives.Multiply(dst, (float)(4.0 / width), dst);
        TensorPrimitives.Sigmoid(dst, dst);
        TensorPrimitives.Multiply(dst, 255f, dst);
    }
}

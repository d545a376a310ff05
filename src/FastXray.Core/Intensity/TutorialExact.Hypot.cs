using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace FastXray.Intensity;

/// <summary>
/// The NumPy X-ray tutorial's float16 steps, reproduced bit for bit (ndimage-semantics §12, §15): on uint8
/// Sobel outputs, <c>np.hypot</c> returns float16 and <c>h *= 255.0 / np.max(h)</c> multiplies in float16.
/// For the CLI's <c>tutorial --exact</c>.
/// </summary>
public static partial class TutorialExact
{
    private const int Chunk = 512;

    /// <summary><c>np.hypot(x, y)</c> of two uint8 images: float16 <c>Half(sqrt(x² + y²))</c>, round to nearest even.</summary>
    /// <remarks>
    /// <c>x² + y² ≤ 130050</c> is exact in float32, float32 <c>sqrt</c> is correctly rounded, and rounding that to
    /// float16 equals rounding the exact root (float32 has more than 2·11 + 2 bits), so this equals NumPy's
    /// <c>float16(hypotf(x, y))</c> for all 65536 pairs; hypot(255, 255) = 360.5. Each chunk of 512 pixels is
    /// widened to float32, squared and summed, rooted and converted with TensorPrimitives.
    /// </remarks>
    [SkipLocalsInit]
    public static void Hypot(ReadOnlyImageSpan<byte> x, ReadOnlyImageSpan<byte> y, ImageSpan<Half> destination)
    {
        ImageRows.EnsureSameSize(x, y, nameof(y));
        ImageSpanValidation.SameSize(x, destination);
        Span<float> a = stackalloc float[Chunk];
        Span<float> b = stackalloc float[Chunk];
        for (int row = 0; row < x.Height; row++)
        {
            ReadOnlySpan<byte> xr = x.Row(row);
            ReadOnlySpan<byte> yr = y.Row(row);
            Span<Half> dr = destination.Row(row);
            for (int i = 0; i < xr.Length; i += Chunk)
            {
                int len = Math.Min(Chunk, xr.Length - i);
                Span<float> fa = a[..len];
                Span<float> fb = b[..len];
                PixelConvert.ToSingle(xr.Slice(i, len), fa);
                PixelConvert.ToSingle(yr.Slice(i, len), fb);
                TensorPrimitives.Multiply(fa, fa, fa);
                TensorPrimitives.MultiplyAdd(fb, fb, fa, fa);
                TensorPrimitives.Sqrt(fa, fa);
                TensorPrimitives.ConvertToHalf(fa, dr.Slice(i, len));
            }
        }
    }
}

using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace FastXray.Intensity;

public static partial class TutorialExact
{
    /// <summary><c>np.max</c> of a float16 image (NaN if any sample is NaN; -inf for an empty image).</summary>
    [SkipLocalsInit]
    public static Half Max(ReadOnlyImageSpan<Half> source)
    {
        Span<float> buffer = stackalloc float[Chunk];
        float max = float.NegativeInfinity;
        for (int row = 0; row < source.Height; row++)
        {
            ReadOnlySpan<Half> r = source.Row(row);
            for (int i = 0; i < r.Length; i += Chunk)
            {
                int len = Math.Min(Chunk, r.Length - i);
                TensorPrimitives.ConvertToSingle(r.Slice(i, len), buffer[..len]);
                max = MathF.Max(max, TensorPrimitives.Max<float>(buffer[..len]));
            }
        }

        return (Half)max;
    }

    /// <summary>NumPy's in-place <c>h *= scale</c> on a float16 array with a Python float: <c>h = Half(h · Half(scale))</c>.</summary>
    /// <remarks>
    /// NumPy 1.24 casts the float64 scalar to float16 first (value-based casting), then multiplies in float16:
    /// the product of two float16 values is exact in float32, so one rounding to float16 (nearest even)
    /// reproduces it. Multiplying by the unrounded scale instead disagrees in about a fifth of the pixels.
    /// </remarks>
    [SkipLocalsInit]
    public static void Scale(ImageSpan<Half> image, double scale)
    {
        float s = (float)(Half)scale;
        Span<float> buffer = stackalloc float[Chunk];
        for (int row = 0; row < image.Height; row++)
        {
            Span<Half> r = image.Row(row);
            for (int i = 0; i < r.Length; i += Chunk)
            {
                int len = Math.Min(Chunk, r.Length - i);
                Span<float> f = buffer[..len];
                TensorPrimitives.ConvertToSingle(r.Slice(i, len), f);
                TensorPrimitives.Multiply(f, s, f);
                TensorPrimitives.ConvertToHalf(f, r.Slice(i, len));
            }
        }
    }

    /// <summary>The tutorial's <c>h *= 255.0 / np.max(h)</c> on a float16 image; returns the float64 scale.</summary>
    /// <remarks>
    /// <c>scale = 255.0 / (double)max(h)</c>, then <see cref="Scale"/>: <c>h = Half(h · Half(scale))</c>. The maximum
    /// afterwards is not always exactly 255 (the scale was rounded to float16). A maximum of 0 gives an infinite
    /// scale and NaN everywhere (0·inf), as in NumPy.
    /// </remarks>
    public static double ScaleToMax(ImageSpan<Half> image)
    {
        double scale = 255.0 / (double)Max(image);
        Scale(image, scale);
        return scale;
    }
}

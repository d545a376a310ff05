using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace FastXray.Intensity;

/// <summary>
/// <c>destination = (float)x · m</c> or <c>((float)x + a) · m</c> over an image of byte, ushort or float:
/// the shared body of scaling and normalisation.
/// </summary>
/// <remarks>
/// Integer pixels are widened to float32 (exact) by <see cref="PixelConvert"/> in chunks of 4096 that stay in
/// L1, then TensorPrimitives adds (<c>x + a</c>) and multiplies (<c>· m</c>) in place: two roundings, no FMA,
/// each with TensorPrimitives' own SIMD dispatch and overlapping-last-vector tail. Float input goes through
/// the same TensorPrimitives calls (in chunks when there is an addition), so source and destination may be
/// the same float buffer.
/// </remarks>
internal static class FloatMaps
{
    private const int Chunk = 4096;

    public static void Affine<T>(in ReadOnlyImageSpan<T> source, in ImageSpan<float> destination, float add, float multiply, bool hasAdd)
        where T : unmanaged
    {
        int spans = ImageRows.Count(source, destination);
        for (int r = 0; r < spans; r++)
        {
            ReadOnlySpan<T> src = ImageRows.GetSource(source, destination, r);
            Span<float> dst = ImageRows.GetDestination(source, destination, r);
            if (typeof(T) == typeof(float) && !hasAdd)
            {
                TensorPrimitives.Multiply(MemoryMarshal.Cast<T, float>(src), multiply, dst);
                continue;
            }

            for (int i = 0; i < src.Length; i += Chunk)
            {
                int len = Math.Min(Chunk, src.Length - i);
                Span<float> d = dst.Slice(i, len);
                if (typeof(T) == typeof(float))
                {
                    TensorPrimitives.Add(MemoryMarshal.Cast<T, float>(src.Slice(i, len)), add, d);
                    TensorPrimitives.Multiply(d, multiply, d);
                }
                else
                {
                    PixelConvert.ToSingle(src.Slice(i, len), d);
                    if (hasAdd)
                    {
                        TensorPrimitives.Add(d, add, d);
                    }

                    TensorPrimitives.Multiply(d, multiply, d);
                }
            }
        }
    }
}

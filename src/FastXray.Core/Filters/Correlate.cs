using System.Buffers;
using System.Runtime.Intrinsics;

namespace FastXray.Filters;

/// <summary>scipy.ndimage.correlate: general (non-separable) 2-D correlation with a weights matrix.</summary>
public static unsafe class Correlate
{
    /// <summary>The largest weight magnitude scipy drops from n-D correlation (DBL_EPSILON).</summary>
    internal const double DroppedWeight = 2.220446049250313e-16;

    /// <summary>
    /// <c>out[i,j] = Σ_{a,b} W[a,b] · in[i + a − (kh//2 + originY), j + b − (kw//2 + originX)]</c>.
    /// </summary>
    /// <remarks>
    /// <paramref name="weights"/> is row-major <paramref name="kernelHeight"/> × <paramref name="kernelWidth"/>.
    /// Origins must satisfy <c>−(k//2) ≤ origin ≤ (k−1)//2</c>, as scipy. Weights with |w| ≤ 2.22e-16 are
    /// dropped, as scipy's n-D path does. Borders follow scipy's periodic formulas (not its n-D reflect
    /// out-of-bounds bug). The source is copied once into a padded float image; each output vector then
    /// accumulates every non-zero tap in a register. Computed in float32.
    /// </remarks>
    public static void Apply<T>(
        ReadOnlyImageSpan<T> source,
        ImageSpan<float> destination,
        ReadOnlySpan<float> weights,
        int kernelHeight,
        int kernelWidth,
        BorderMode mode = BorderMode.Reflect,
        double cval = 0,
        int originY = 0,
        int originX = 0)
        where T : unmanaged
    {
        ImageSpanValidation.SameSize(source, destination);
        if (kernelHeight < 1 || kernelWidth < 1 || weights.Length != kernelHeight * kernelWidth)
        {
            ThrowHelper.ThrowArgument(nameof(weights), $"weights must hold kernelHeight x kernelWidth = {kernelHeight}x{kernelWidth} values, got {weights.Length}.");
        }

        CheckOrigin(originY, kernelHeight, nameof(originY));
        CheckOrigin(originX, kernelWidth, nameof(originX));
        if (!PixelConvert.IsSupported<T>())
        {
            ThrowHelper.ThrowNotSupportedType<T>();
        }

        if (source.IsEmpty)
        {
            return;
        }

        int width = source.Width;
        int height = source.Height;
        int top = (kernelHeight / 2) + originY;
        int left = (kernelWidth / 2) + originX;
        int padWidth = width + kernelWidth - 1;
        int padHeight = height + kernelHeight - 1;
        int taps = 0;
        foreach (float w in weights)
        {
            taps += Math.Abs((double)w) > DroppedWeight ? 1 : 0;
        }

        float[] padded = ArrayPool<float>.Shared.Rent(checked(padWidth * padHeight));
        float[] row = ArrayPool<float>.Shared.Rent(width);
        float[] tapWeights = ArrayPool<float>.Shared.Rent(Math.Max(taps, 1));
        nint[] tapOffsets = ArrayPool<nint>.Shared.Rent(Math.Max(taps, 1));
        try
        {
            Pad(source, padded.AsSpan(0, padWidth * padHeight), top, left, kernelHeight, kernelWidth, mode, (float)cval, row);
            int t = 0;
            for (int a = 0; a < kernelHeight; a++)
            {
                for (int b = 0; b < kernelWidth; b++)
                {
                    float w = weights[(a * kernelWidth) + b];
                    if (Math.Abs((double)w) > DroppedWeight)
                    {
                        tapWeights[t] = w;
                        tapOffsets[t] = ((nint)a * padWidth) + b;
                        t++;
                    }
                }
            }

            fixed (float* p = padded)
            fixed (float* tw = tapWeights)
            fixed (nint* to = tapOffsets)
            {
                for (int y = 0; y < height; y++)
                {
                    fixed (float* o = destination.Row(y))
                    {
                        Row(p + ((nint)y * padWidth), tw, to, taps, o, width);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(padded);
            ArrayPool<float>.Shared.Return(row);
            ArrayPool<float>.Shared.Return(tapWeights);
            ArrayPool<nint>.Shared.Return(tapOffsets);
        }
    }

    internal static void CheckOrigin(int origin, int size, string name)
    {
        if (origin < -(size / 2) || origin > (size - 1) / 2)
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, $"origin {origin} is outside [{-(size / 2)}, {(size - 1) / 2}] for a kernel of size {size}.");
        }
    }

    /// <summary>Copies the source into a float image extended by the kernel reach on every side.</summary>
    private static void Pad<T>(ReadOnlyImageSpan<T> source, Span<float> padded, int top, int left, int kh, int kw, BorderMode mode, float cval, float[] row)
        where T : unmanaged
    {
        int width = source.Width;
        int height = source.Height;
        int padWidth = width + kw - 1;
        for (int py = 0; py < height + kh - 1; py++)
        {
            Span<float> dst = padded.Slice(py * padWidth, padWidth);
            int sy = BorderIndex.Map(py - top, height, mode);
            if (sy < 0)
            {
                dst.Fill(cval);
                continue;
            }

            Span<float> center = row.AsSpan(0, width);
            PixelConvert.ToSingle(source.Row(sy), center);
            center.CopyTo(dst.Slice(left));
            for (int px = 0; px < left; px++)
            {
                int sx = BorderIndex.Map(px - left, width, mode);
                dst[px] = sx < 0 ? cval : center[sx];
            }

            for (int px = left + width; px < padWidth; px++)
            {
                int sx = BorderIndex.Map(px - left, width, mode);
                dst[px] = sx < 0 ? cval : center[sx];
            }
        }
    }

    private static void Row(float* p, float* w, nint* offsets, int taps, float* output, int width)
    {
        switch (SimdCapabilities.Active)
        {
            case SimdLevel.Vector512 when width >= Vector512<float>.Count:
                Row<Vector512<float>, Vector512Ops>(p, w, offsets, taps, output, width);
                break;
            case >= SimdLevel.Vector256 when width >= Vector256<float>.Count:
                Row<Vector256<float>, Vector256Ops>(p, w, offsets, taps, output, width);
                break;
            case >= SimdLevel.Vector128 when width >= Vector128<float>.Count:
                Row<Vector128<float>, Vector128Ops>(p, w, offsets, taps, output, width);
                break;
            default:
                Row<float, ScalarOps>(p, w, offsets, taps, output, width);
                break;
        }
    }

    // scipy's n-D order: acc = 0, then taps in raster order. Overlapping last vector (output is not an input).
    private static void Row<TV, TOps>(float* p, float* w, nint* offsets, int taps, float* output, int width)
        where TV : unmanaged
        where TOps : struct, IVectorOps<TV>
    {
        int c = TOps.Count;
        int last = width - c;
        for (int x = 0; ; x += c)
        {
            if (x > last)
            {
                x = last;
            }

            TV acc = TOps.Broadcast(0f);
            for (int t = 0; t < taps; t++)
            {
                acc = TOps.MultiplyAdd(TOps.Broadcast(w[t]), TOps.Load(in p[offsets[t] + x], 0), acc);
            }

            TOps.Store(acc, ref output[x], 0);
            if (x == last)
            {
                break;
            }
        }
    }
}

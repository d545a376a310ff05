using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace FastXray.ScipyCast;

public static partial class StoredFilters
{
    // C's DBL_EPSILON: scipy drops weights at or below it.
    private const double DblEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// <c>ndimage.correlate(image, weights, mode=mode, cval=cval, origin=(originY, originX))</c> on a uint8/uint16
    /// image, reproducing scipy's n-D NI_Correlate: weights with |w| ≤ DBL_EPSILON are dropped, the sum starts at
    /// 0.0 and adds <c>w·x</c> over the remaining weights in raster order, and the sample is stored by the C cast.
    /// </summary>
    /// <param name="source">The image.</param>
    /// <param name="destination">The result (same size; may be <paramref name="source"/>: the input is copied to float64 first).</param>
    /// <param name="weights">Row-major weights, <paramref name="rows"/> × <paramref name="columns"/>.</param>
    /// <param name="rows">Weight rows (axis 0).</param>
    /// <param name="columns">Weight columns (axis 1).</param>
    /// <param name="mode">Border mode (one for both axes, as scipy's n-D functions).</param>
    /// <param name="cval">Value outside the image in constant mode (used as a double, not cast).</param>
    /// <param name="originY">Axis-0 origin, −(rows/2) ≤ o ≤ (rows−1)/2.</param>
    /// <param name="originX">Axis-1 origin.</param>
    /// <remarks>
    /// Sample (y, x) reads input (y + i − (rows/2 + originY), x + j − (columns/2 + originX)) for weight (i, j). The
    /// summation order matters after truncation: 0.11·100·8 + 0.12·100 is not exactly 100 in every order.
    /// </remarks>
    public static void Correlate<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, ReadOnlySpan<double> weights, int rows, int columns,
        BorderMode mode, double cval, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        Check(source, destination);
        if (rows < 1 || columns < 1 || weights.Length != checked(rows * columns))
        {
            ThrowHelper.ThrowArgument(nameof(weights), "weights must hold rows x columns values.");
        }

        CheckWindow(rows, originY);
        CheckWindow(columns, originX);
        int w = source.Width;
        int h = source.Height;
        int cy = (rows / 2) + originY;
        int cx = (columns / 2) + originX;

        // Horizontally extended float64 rows (stride w + columns − 1) and one cval row for rows outside.
        int stride = w + columns - 1;
        double[] extended = ArrayPool<double>.Shared.Rent(checked((h + 1) * stride));
        int[] map = ArrayPool<int>.Shared.Rent(stride);
        double[] acc = ArrayPool<double>.Shared.Rent(Math.Max(w, 1));
        try
        {
            for (int t = 0; t < stride; t++)
            {
                map[t] = BorderIndex.Map((long)t - cx, w, mode);
            }

            for (int y = 0; y < h; y++)
            {
                StoredPasses.Extend(source.Row(y), map.AsSpan(0, stride), cval, extended.AsSpan(y * stride, stride));
            }

            extended.AsSpan(h * stride, stride).Fill(cval);
            // The weights scipy keeps (|w| > DBL_EPSILON), in raster order, and each one's start in the extended rows.
            int kept = 0;
            foreach (double wt in weights)
            {
                kept += Math.Abs(wt) > DblEpsilon ? 1 : 0;
            }

            double[] taps = ArrayPool<double>.Shared.Rent(Math.Max(kept, 1));
            int[] offsets = ArrayPool<int>.Shared.Rent(Math.Max(kept, 1));
            Span<double> sum = acc.AsSpan(0, w);
            for (int y = 0; y < h; y++)
            {
                int t = 0;
                for (int i = 0; i < rows; i++)
                {
                    int r = BorderIndex.Map((long)y + i - cy, h, mode);
                    int rowStart = (r < 0 ? h : r) * stride;
                    for (int j = 0; j < columns; j++)
                    {
                        double wt = weights[(i * columns) + j];
                        if (Math.Abs(wt) > DblEpsilon)
                        {
                            taps[t] = wt;
                            offsets[t++] = rowStart + j;
                        }
                    }
                }

                SumTaps(extended, offsets.AsSpan(0, kept), taps.AsSpan(0, kept), sum);
                CCast.Store(sum, destination.Row(y));
            }

            ArrayPool<int>.Shared.Return(offsets);
            ArrayPool<double>.Shared.Return(taps);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(acc);
            ArrayPool<int>.Shared.Return(map);
            ArrayPool<double>.Shared.Return(extended);
        }
    }

    // NI_Correlate's sum for one row of outputs: tmp = 0.0, then tmp += w·x over the kept weights in raster order;
    // a vector of outputs stays in a register through all taps (the same operations per lane, in the same order).
    private static void SumTaps(ReadOnlySpan<double> buffer, ReadOnlySpan<int> offsets, ReadOnlySpan<double> taps, Span<double> sum)
    {
        ref double b = ref MemoryMarshal.GetReference(buffer);
        int x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; x <= sum.Length - Vector<double>.Count; x += Vector<double>.Count)
            {
                Vector<double> s = Vector<double>.Zero;
                for (int t = 0; t < taps.Length; t++)
                {
                    s += new Vector<double>(taps[t]) * Vector.LoadUnsafe(ref b, (nuint)(offsets[t] + x));
                }

                s.CopyTo(sum.Slice(x));
            }
        }

        for (; x < sum.Length; x++)
        {
            double s = 0.0;
            for (int t = 0; t < taps.Length; t++)
            {
                s += taps[t] * buffer[offsets[t] + x];
            }

            sum[x] = s;
        }
    }

    /// <summary>
    /// <c>ndimage.convolve(image, weights, mode=mode, cval=cval, origin=(originY, originX))</c> on a uint8/uint16
    /// image: scipy correlates with the weights reversed on both axes and each origin negated, minus one more on an
    /// axis of even length.
    /// </summary>
    public static void Convolve<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, ReadOnlySpan<double> weights, int rows, int columns,
        BorderMode mode, double cval, int originY = 0, int originX = 0)
        where T : unmanaged
    {
        if (rows < 1 || columns < 1 || weights.Length != checked(rows * columns))
        {
            ThrowHelper.ThrowArgument(nameof(weights), "weights must hold rows x columns values.");
        }

        CheckWindow(rows, originY);
        CheckWindow(columns, originX);
        double[] reversed = ArrayPool<double>.Shared.Rent(weights.Length);
        try
        {
            for (int k = 0; k < weights.Length; k++)
            {
                reversed[k] = weights[weights.Length - 1 - k];
            }

            Correlate(source, destination, reversed.AsSpan(0, weights.Length), rows, columns, mode, cval,
                -originY - (rows % 2 == 0 ? 1 : 0), -originX - (columns % 2 == 0 ? 1 : 0));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(reversed);
        }
    }
}

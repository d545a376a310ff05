using System.Buffers;
using FastXray.Tutorial;

namespace FastXray.ScipyCast;

/// <summary>
/// The per-pass driver of scipy's 1-D filters on integer arrays: one pass reads the array along an axis as
/// float64 lines extended by the border mode (scipy's line buffer), computes every sample in scipy's own
/// summation order and stores the line into the output dtype by the C cast before the next pass reads it.
/// </summary>
/// <remarks>
/// Lines are computed a whole row at a time: along axis 1 from one extended row, along axis 0 from a float64
/// copy of the image whose rows are picked by the border map (a row of cval outside in constant mode). Each
/// output sample still sees exactly scipy's sequence of operations (<see cref="RowArithmetic"/>). The float64
/// copy is taken before anything is written, so <c>source</c> and <c>destination</c> may be the same image, as
/// scipy's later passes run in place on its output array. Scratch is rented once per pass.
/// </remarks>
internal static class StoredPasses
{
    /// <summary><c>correlate1d(source, weights, axis, destination, mode, cval, origin)</c> into <typeparamref name="T"/>.</summary>
    public static void Correlate1D<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, ReadOnlySpan<double> weights, int axis, BorderMode mode, double cval, int origin)
        where T : unmanaged
    {
        int w = source.Width;
        int h = source.Height;
        int length = weights.Length;
        int size1 = length / 2;
        int symmetry = ScipyKernel64.Symmetry(weights);
        int[] starts = ArrayPool<int>.Shared.Rent(length);
        double[] acc = ArrayPool<double>.Shared.Rent(w);
        try
        {
            if (axis == 1)
            {
                // One extended row: e[t] = row[map(t − size1 − origin)]; output x's tap k reads e[x + k].
                int extended = w + length - 1;
                int[] map = ArrayPool<int>.Shared.Rent(extended);
                double[] line = ArrayPool<double>.Shared.Rent(extended);
                for (int t = 0; t < extended; t++)
                {
                    map[t] = BorderIndex.Map((long)t - size1 - origin, w, mode);
                }

                for (int k = 0; k < length; k++)
                {
                    starts[k] = k;
                }

                for (int y = 0; y < h; y++)
                {
                    Extend(source.Row(y), map.AsSpan(0, extended), cval, line);
                    Line(line, starts.AsSpan(0, length), w, weights, symmetry, acc.AsSpan(0, w));
                    CCast.Store(acc.AsSpan(0, w), destination.Row(y));
                }

                ArrayPool<double>.Shared.Return(line);
                ArrayPool<int>.Shared.Return(map);
                return;
            }

            double[] copy = WidenImage(source, cval);
            for (int y = 0; y < h; y++)
            {
                for (int k = 0; k < length; k++)
                {
                    int r = BorderIndex.Map((long)y - origin + k - size1, h, mode);
                    starts[k] = (r < 0 ? h : r) * w;
                }

                Line(copy, starts.AsSpan(0, length), w, weights, symmetry, acc.AsSpan(0, w));
                CCast.Store(acc.AsSpan(0, w), destination.Row(y));
            }

            ArrayPool<double>.Shared.Return(copy);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(acc);
            ArrayPool<int>.Shared.Return(starts);
        }
    }

    /// <summary>
    /// <c>uniform_filter1d(source, size, axis, destination, mode, cval, origin)</c> into <typeparamref name="T"/>:
    /// scipy's running sum <c>tmp</c> (the first window summed from 0.0 left to right, then <c>tmp += new − old</c>,
    /// the difference taken first) and <c>tmp / size</c> per sample.
    /// </summary>
    public static void Uniform1D<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, int size, int axis, BorderMode mode, double cval, int origin)
        where T : unmanaged
    {
        int w = source.Width;
        int h = source.Height;
        int size1 = size / 2;
        double[] output = ArrayPool<double>.Shared.Rent(w);
        try
        {
            if (axis == 1)
            {
                int extended = w + size - 1;
                int[] map = ArrayPool<int>.Shared.Rent(extended);
                double[] line = ArrayPool<double>.Shared.Rent(extended);
                for (int t = 0; t < extended; t++)
                {
                    map[t] = BorderIndex.Map((long)t - size1 - origin, w, mode);
                }

                for (int y = 0; y < h; y++)
                {
                    Extend(source.Row(y), map.AsSpan(0, extended), cval, line);
                    double tmp = 0.0;
                    for (int l = 0; l < size; l++)
                    {
                        tmp += line[l];
                    }

                    output[0] = tmp / size;
                    for (int l = 1; l < w; l++)
                    {
                        tmp += line[l + size - 1] - line[l - 1];
                        output[l] = tmp / size;
                    }

                    CCast.Store(output.AsSpan(0, w), destination.Row(y));
                }

                ArrayPool<double>.Shared.Return(line);
                ArrayPool<int>.Shared.Return(map);
                return;
            }

            // Down the columns: the running sums of a whole row of columns advance together.
            double[] copy = WidenImage(source, cval);
            double[] sums = ArrayPool<double>.Shared.Rent(w);
            Span<double> tmpRow = sums.AsSpan(0, w);
            tmpRow.Clear();
            for (int l = 0; l < size; l++)
            {
                RowArithmetic.Add(tmpRow, RowOf(copy, w, h, (long)l - size1 - origin, mode));
            }

            for (int y = 0; y < h; y++)
            {
                if (y > 0)
                {
                    RowArithmetic.AddDifference(tmpRow, RowOf(copy, w, h, (long)y + size - 1 - size1 - origin, mode), RowOf(copy, w, h, (long)y - 1 - size1 - origin, mode));
                }

                RowArithmetic.Divide(tmpRow, size, output.AsSpan(0, w));
                CCast.Store(output.AsSpan(0, w), destination.Row(y));
            }

            ArrayPool<double>.Shared.Return(sums);
            ArrayPool<double>.Shared.Return(copy);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(output);
        }
    }

    /// <summary>A float64 copy of <paramref name="source"/> (dense) followed by one row of <paramref name="cval"/>; rented, the caller returns it.</summary>
    internal static double[] WidenImage<T>(ReadOnlyImageSpan<T> source, double cval)
        where T : unmanaged
    {
        int w = source.Width;
        int h = source.Height;
        double[] copy = ArrayPool<double>.Shared.Rent(checked((h + 1) * w));
        for (int y = 0; y < h; y++)
        {
            CCast.Widen(source.Row(y), copy.AsSpan(y * w, w));
        }

        copy.AsSpan(h * w, w).Fill(cval);
        return copy;
    }

    /// <summary>Row <paramref name="r"/> of a <see cref="WidenImage"/> copy after the border map (the cval row outside in constant mode).</summary>
    internal static ReadOnlySpan<double> RowOf(double[] copy, int w, int h, long r, BorderMode mode)
    {
        int m = BorderIndex.Map(r, h, mode);
        return copy.AsSpan((m < 0 ? h : m) * w, w);
    }

    /// <summary>Fills an extended float64 line from <paramref name="row"/> through the precomputed border map (−1 = cval).</summary>
    internal static void Extend<T>(ReadOnlySpan<T> row, ReadOnlySpan<int> map, double cval, Span<double> line)
        where T : unmanaged
    {
        for (int t = 0; t < map.Length; t++)
        {
            int m = map[t];
            line[t] = m < 0 ? cval : CCast.Value(row[m]);
        }
    }

    // scipy's NI_Correlate1D for one line of outputs; tap k of output i reads buffer[starts[k] + i].
    //   symmetric:      acc = x0·w_c, then for k = 0 … c−1: acc += (x_k + x_{L−1−k})·w_k   (outermost pair first)
    //   antisymmetric:  the same with x_k − x_{L−1−k}
    //   otherwise:      acc = x_{L−1}·w_{L−1}, then acc += x_k·w_k for k = 0 … L−2
    private static void Line(ReadOnlySpan<double> buffer, ReadOnlySpan<int> starts, int w, ReadOnlySpan<double> weights, int symmetry, Span<double> acc)
    {
        int length = weights.Length;
        int c = length / 2;
        if (symmetry != 0)
        {
            RowArithmetic.Multiply(acc, buffer.Slice(starts[c], w), weights[c]);
            for (int k = 0; k < c; k++)
            {
                ReadOnlySpan<double> a = buffer.Slice(starts[k], w);
                ReadOnlySpan<double> b = buffer.Slice(starts[length - 1 - k], w);
                if (symmetry > 0)
                {
                    RowArithmetic.AddSumProduct(acc, a, b, weights[k]);
                }
                else
                {
                    RowArithmetic.AddDifferenceProduct(acc, a, b, weights[k]);
                }
            }

            return;
        }

        RowArithmetic.Multiply(acc, buffer.Slice(starts[length - 1], w), weights[length - 1]);
        for (int k = 0; k < length - 1; k++)
        {
            RowArithmetic.AddProduct(acc, buffer.Slice(starts[k], w), weights[k]);
        }
    }
}

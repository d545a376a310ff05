using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastXray.Rank;

namespace FastXray.Filters;

/// <summary>
/// The box mean behind <see cref="UniformFilter"/>: running column sums down the image (vectorised across
/// columns), window sums along each row, one division per pixel.
/// </summary>
/// <remarks>
/// <para>Accumulator: float32 when every partial sum is an integer below 2^24 (byte/ushort input, an
/// integer cval in constant mode, and (N + sizeY + sizeX)·max|value| &lt; 2^24), so all sums are exact and the
/// only rounding is the final division, which is correctly rounded; double otherwise (float input, a
/// fractional cval, very large 16-bit windows), where the running sums drift by about 1e-16 relative per step,
/// far below float32 output precision.</para>
/// <para>Vertical: colsum[x] over the window rows, updated per output row by adding the entering row and
/// subtracting the leaving one (rows found through the border row map; constant rows are cval). The column
/// sums sit in the middle of a padded row whose border columns come from the column map (constant: cval·sizeY,
/// which is what scipy's second pass sees: cval padding of the first pass's mean, times sizeY). Horizontal:
/// up to <see cref="DirectLimit"/> columns are added directly (SIMD, one load per column), longer windows use a
/// running sum along the row. Output = window sum / (sizeY·sizeX), rounded once to float32.</para>
/// </remarks>
internal static class UniformKernel
{
    /// <summary>Widest window summed directly along a row; wider ones use a running sum.</summary>
    public const int DirectLimit = 8;

    /// <summary>True when float32 accumulation is exact for this call.</summary>
    public static bool ExactInSingle<T>(int sizeY, int sizeX, BorderMode mode, double cval)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return false;
        }

        double max = typeof(T) == typeof(byte) ? byte.MaxValue : ushort.MaxValue;
        if (mode == BorderMode.Constant)
        {
            if (cval != Math.Floor(cval) || Math.Abs(cval) > ushort.MaxValue)
            {
                return false;
            }

            max = Math.Max(max, Math.Abs(cval));
        }

        return (((double)sizeY * sizeX) + sizeY + sizeX) * max < 16777216.0;
    }

    public static void Run<T, TAcc, TV>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, int sizeY, int sizeX, int lowY, int lowX, BorderMode mode, double cval)
        where T : unmanaged
        where TAcc : unmanaged
        where TV : struct, ILanes<TV, TAcc>
    {
        int width = source.Width;
        int height = source.Height;
        int perVector = 64 / Unsafe.SizeOf<TAcc>();
        int padded = width + sizeX - 1;
        int stride = (padded + (2 * perVector) - 1) / perVector * perVector;
        int left = -lowX;

        // Scratch rows: entering, leaving, padded column sums (colsum at offset left), result.
        TAcc[] rented = ArrayPool<TAcc>.Shared.Rent(4 * stride);
        int[] columnMap = ArrayPool<int>.Shared.Rent(sizeX);
        try
        {
            // Cleared so the lanes past the row end (computed, never stored) hold ordinary numbers.
            rented.AsSpan(0, 4 * stride).Clear();
            Span<TAcc> enter = rented.AsSpan(0, stride);
            Span<TAcc> leave = rented.AsSpan(stride, stride);
            Span<TAcc> sums = rented.AsSpan(2 * stride, stride);
            Span<TAcc> result = rented.AsSpan(3 * stride, stride);
            Span<TAcc> colsum = sums.Slice(left, stride - left);
            Span<int> map = columnMap.AsSpan(0, sizeX - 1);
            for (int p = 0; p < map.Length; p++)
            {
                int virtualColumn = p < left ? p + lowX : width + (p - left);
                map[p] = BorderIndex.Map(virtualColumn, width, mode);
            }

            TAcc fill = FromDouble<TAcc>(cval);
            TAcc fillSum = FromDouble<TAcc>(cval * sizeY);
            TV n = TV.Broadcast(FromDouble<TAcc>((double)sizeY * sizeX));
            ref TAcc c = ref MemoryMarshal.GetReference(colsum);
            ref TAcc e = ref MemoryMarshal.GetReference(enter);
            ref TAcc l = ref MemoryMarshal.GetReference(leave);

            // First window: the column sums of rows lowY .. lowY+sizeY-1.
            colsum[..width].Clear();
            for (int i = 0; i < sizeY; i++)
            {
                LoadRow(source, lowY + i, mode, fill, enter[..width]);
                for (int x = 0; x < width; x += TV.Count)
                {
                    TV.Store(TV.Add(TV.Load(ref c, x), TV.Load(ref e, x)), ref c, x);
                }
            }

            for (int y = 0; y < height; y++)
            {
                if (y > 0)
                {
                    LoadRow(source, y + lowY + sizeY - 1, mode, fill, enter[..width]);
                    LoadRow(source, y + lowY - 1, mode, fill, leave[..width]);
                    for (int x = 0; x < width; x += TV.Count)
                    {
                        TV.Store(TV.Add(TV.Load(ref c, x), TV.Subtract(TV.Load(ref e, x), TV.Load(ref l, x))), ref c, x);
                    }
                }

                for (int p = 0; p < map.Length; p++)
                {
                    int at = p < left ? p : width + p;
                    sums[at] = map[p] < 0 ? fillSum : colsum[map[p]];
                }

                if (sizeX <= DirectLimit)
                {
                    SumDirect<TAcc, TV>(sums, sizeX, n, result, width);
                }
                else
                {
                    SumRunning(sums, sizeX, (double)sizeY * sizeX, result, width);
                }

                Store(result[..width], destination.Row(y));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(columnMap);
            ArrayPool<TAcc>.Shared.Return(rented);
        }
    }

    /// <summary>Row <paramref name="virtualRow"/> through the border map, as accumulator values (cval outside).</summary>
    private static void LoadRow<T, TAcc>(ReadOnlyImageSpan<T> source, int virtualRow, BorderMode mode, TAcc fill, Span<TAcc> row)
        where T : unmanaged
        where TAcc : unmanaged
    {
        int r = BorderIndex.Map(virtualRow, source.Height, mode);
        if (r < 0)
        {
            row.Fill(fill);
        }
        else if (typeof(TAcc) == typeof(float))
        {
            PixelConvert.ToSingle(source.Row(r), MemoryMarshal.Cast<TAcc, float>(row));
        }
        else
        {
            ReadOnlySpan<T> src = source.Row(r);
            Span<double> dst = MemoryMarshal.Cast<TAcc, double>(row);
            for (int x = 0; x < src.Length; x++)
            {
                dst[x] = PixelConvert.ToSingle(src[x]);
            }
        }
    }

    /// <summary>result[x] = (Σ_d sums[x+d]) / N, vectorised across x.</summary>
    private static void SumDirect<TAcc, TV>(Span<TAcc> sums, int sizeX, TV n, Span<TAcc> result, int width)
        where TAcc : unmanaged
        where TV : struct, ILanes<TV, TAcc>
    {
        ref TAcc src = ref MemoryMarshal.GetReference(sums);
        ref TAcc dst = ref MemoryMarshal.GetReference(result);
        for (int x = 0; x < width; x += TV.Count)
        {
            TV acc = TV.Load(ref src, x);
            for (int d = 1; d < sizeX; d++)
            {
                acc = TV.Add(acc, TV.Load(ref src, x + d));
            }

            TV.Store(TV.Divide(acc, n), ref dst, x);
        }
    }

    /// <summary>result[x] = window sum / N with a running sum along the row (exact for the float32 path).</summary>
    private static void SumRunning<TAcc>(Span<TAcc> sums, int sizeX, double count, Span<TAcc> result, int width)
        where TAcc : unmanaged
    {
        if (typeof(TAcc) == typeof(float))
        {
            Span<float> q = MemoryMarshal.Cast<TAcc, float>(sums);
            Span<float> r = MemoryMarshal.Cast<TAcc, float>(result);
            float n = (float)count;
            float s = 0;
            for (int d = 0; d < sizeX; d++)
            {
                s += q[d];
            }

            r[0] = s / n;
            for (int x = 1; x < width; x++)
            {
                s += q[x + sizeX - 1] - q[x - 1];
                r[x] = s / n;
            }
        }
        else
        {
            Span<double> q = MemoryMarshal.Cast<TAcc, double>(sums);
            Span<double> r = MemoryMarshal.Cast<TAcc, double>(result);
            double s = 0;
            for (int d = 0; d < sizeX; d++)
            {
                s += q[d];
            }

            r[0] = s / count;
            for (int x = 1; x < width; x++)
            {
                s += q[x + sizeX - 1] - q[x - 1];
                r[x] = s / count;
            }
        }
    }

    private static void Store<TAcc>(ReadOnlySpan<TAcc> result, Span<float> destination)
        where TAcc : unmanaged
    {
        if (typeof(TAcc) == typeof(float))
        {
            MemoryMarshal.Cast<TAcc, float>(result).CopyTo(destination);
        }
        else
        {
            ReadOnlySpan<double> r = MemoryMarshal.Cast<TAcc, double>(result);
            for (int x = 0; x < r.Length; x++)
            {
                destination[x] = (float)r[x];
            }
        }
    }

    private static TAcc FromDouble<TAcc>(double value)
        where TAcc : unmanaged
    {
        if (typeof(TAcc) == typeof(float))
        {
            float f = (float)value;
            return Unsafe.As<float, TAcc>(ref f);
        }

        return Unsafe.As<double, TAcc>(ref value);
    }
}

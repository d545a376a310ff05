using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Intensity;

/// <summary>CLAHE step 1: per-tile histograms of the (virtually) padded image, clipping, redistribution and the LUTs.</summary>
/// <remarks>
/// The reflect-101 padding is never materialised: padded rows and columns are read through small index maps
/// (<see cref="BorderIndex"/> with <see cref="BorderMode.Mirror"/>, which is OpenCV's BORDER_REFLECT_101 including
/// its periodic continuation for pads longer than the image). 8-bit histograms count into four interleaved copies so
/// runs of equal pixels, common in radiographs, do not serialise on one counter.
/// </remarks>
internal static class ClaheLut
{
    public static void Build<T>(ReadOnlyImageSpan<T> source, in ClaheGrid grid, double clipLimit, Span<float> luts)
        where T : unmanaged
    {
        int bins = grid.Bins;
        int area = grid.TileArea;
        int shift = typeof(T) == typeof(byte) ? 0 : 16 - BitOperations.Log2((uint)bins);
        float top = typeof(T) == typeof(byte) ? byte.MaxValue : ushort.MaxValue;

        // OpenCV: static_cast<float>(histSize - 1) / tileSizeTotal, a float division; for fewer 16-bit bins the
        // numerator stays 65535 so the output keeps the full range (our extension).
        float lutScale = top / area;
        int limit = 0;
        if (clipLimit > 0.0)
        {
            limit = Math.Max((int)(clipLimit * area / bins), 1);
        }

        int copies = typeof(T) == typeof(byte) ? 4 : 1;
        int padRows = grid.PaddedHeight - source.Height;
        int padCols = grid.PaddedWidth - source.Width;
        int[] hist = ArrayPool<int>.Shared.Rent(bins * copies);
        int[] maps = ArrayPool<int>.Shared.Rent(padRows + padCols);
        try
        {
            Span<int> rowMap = maps.AsSpan(0, padRows);
            Span<int> colMap = maps.AsSpan(padRows, padCols);
            for (int i = 0; i < padRows; i++)
            {
                rowMap[i] = BorderIndex.Map(source.Height + i, source.Height, BorderMode.Mirror);
            }

            for (int i = 0; i < padCols; i++)
            {
                colMap[i] = BorderIndex.Map(source.Width + i, source.Width, BorderMode.Mirror);
            }

            Span<int> h = hist.AsSpan(0, bins * copies);
            for (int ty = 0; ty < grid.TilesY; ty++)
            {
                for (int tx = 0; tx < grid.TilesX; tx++)
                {
                    h.Clear();
                    int x0 = tx * grid.TileWidth;
                    int x1 = x0 + grid.TileWidth;
                    int inside = Math.Max(Math.Min(x1, source.Width) - x0, 0);
                    for (int py = ty * grid.TileHeight; py < (ty + 1) * grid.TileHeight; py++)
                    {
                        ReadOnlySpan<T> row = source.Row(py < source.Height ? py : rowMap[py - source.Height]);
                        if (inside > 0)
                        {
                            Count(row.Slice(x0, inside), h, shift);
                        }

                        for (int px = Math.Max(x0, source.Width); px < x1; px++)
                        {
                            h[Bin(row[colMap[px - source.Width]], shift)]++;
                        }
                    }

                    for (int c = 1; c < copies; c++)
                    {
                        TensorPrimitives.Add(h[..bins], h.Slice(c * bins, bins), h[..bins]);
                    }

                    Span<float> lut = luts.Slice(((ty * grid.TilesX) + tx) * bins, bins);
                    ClipAndMap(h[..bins], limit, lutScale, top, lut);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(maps);
            ArrayPool<int>.Shared.Return(hist);
        }
    }

    /// <summary>Clips at <paramref name="limit"/> (0 = off), redistributes as OpenCV, then writes the rounded cumulative LUT.</summary>
    internal static void ClipAndMap(Span<int> hist, int limit, float lutScale, float top, Span<float> lut)
    {
        int bins = hist.Length;
        if (limit > 0)
        {
            int clipped = 0;
            for (int i = 0; i < bins; i++)
            {
                int excess = hist[i] - limit;
                if (excess > 0)
                {
                    clipped += excess;
                    hist[i] = limit;
                }
            }

            int batch = clipped / bins;
            int residual = clipped - (batch * bins);
            if (batch != 0)
            {
                for (int i = 0; i < bins; i++)
                {
                    hist[i] += batch;
                }
            }

            if (residual != 0)
            {
                int step = Math.Max(bins / residual, 1);
                for (int i = 0; i < bins && residual > 0; i += step, residual--)
                {
                    hist[i]++;
                }
            }
        }

        int sum = 0;
        for (int i = 0; i < bins; i++)
        {
            sum += hist[i];
            // saturate_cast<T>(float): cvRound (nearest, ties to even), then clamp.
            lut[i] = Math.Clamp(MathF.Round(sum * lutScale), 0f, top);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bin<T>(T value, int shift)
        where T : unmanaged =>
        typeof(T) == typeof(byte) ? Unsafe.As<T, byte>(ref value) : Unsafe.As<T, ushort>(ref value) >> shift;

    private static void Count<T>(ReadOnlySpan<T> values, Span<int> hist, int shift)
        where T : unmanaged
    {
        ref int h = ref MemoryMarshal.GetReference(hist);
        if (typeof(T) == typeof(byte))
        {
            // Four copies, 256 bins apart: consecutive pixels never wait for each other's increment.
            ReadOnlySpan<byte> v = MemoryMarshal.Cast<T, byte>(values);
            ref byte p = ref MemoryMarshal.GetReference(v);
            int i = 0;
            for (; i + 4 <= v.Length; i += 4)
            {
                Unsafe.Add(ref h, Unsafe.Add(ref p, i))++;
                Unsafe.Add(ref h, 256 + Unsafe.Add(ref p, i + 1))++;
                Unsafe.Add(ref h, 512 + Unsafe.Add(ref p, i + 2))++;
                Unsafe.Add(ref h, 768 + Unsafe.Add(ref p, i + 3))++;
            }

            for (; i < v.Length; i++)
            {
                Unsafe.Add(ref h, Unsafe.Add(ref p, i))++;
            }
        }
        else
        {
            ReadOnlySpan<ushort> v = MemoryMarshal.Cast<T, ushort>(values);
            for (int i = 0; i < v.Length; i++)
            {
                hist[v[i] >> shift]++;
            }
        }
    }
}

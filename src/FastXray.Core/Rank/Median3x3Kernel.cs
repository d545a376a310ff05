using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Rank;

/// <summary>
/// The 3x3 median as a min/max network vectorised across pixels: each padded column of three is sorted once
/// (3 compare-exchanges) and shared by the three windows that contain it; the median of the window is then
/// med3(max of the three column minima, med3 of the three column medians, min of the three column maxima).
/// </summary>
/// <remarks>
/// The identity is the classic 3x3 median network (Paeth, Graphics Gems 1990; Smith, "Implementing median
/// filters in XC4000E FPGAs", 1996): it selects the 5th of 9 without a full sort, 12 min/max per vector of
/// outputs plus 6 per padded column. Min/max on keys is exact for every sample type. Every lane is an independent pixel, so the row tail is computed
/// in whole vectors inside the padded scratch rows and ignored.
/// </remarks>
internal static class Median3x3Kernel
{
    public static void Run<T, TKey, TOut, TV>(ReadOnlyImageSpan<T> source, ImageSpan<TOut> destination, BorderMode mode, TKey fill, int lowY, int lowX)
        where T : unmanaged
        where TKey : unmanaged
        where TOut : unmanaged
        where TV : struct, ILanes<TV, TKey>
    {
        int width = source.Width;
        int stride = RankRows<T, TKey>.StrideFor(width, 3);
        int ringLength = RankRows<T, TKey>.BufferLength(width, 3, 3);
        TKey[] keys = ArrayPool<TKey>.Shared.Rent(ringLength + (4 * stride));
        int[] columnMap = ArrayPool<int>.Shared.Rent(3);
        try
        {
            var rows = new RankRows<T, TKey>(source, keys.AsSpan(0, ringLength), columnMap, 3, lowY, 3, lowX, mode, fill);
            ref TKey lo = ref keys[ringLength];
            ref TKey mid = ref Unsafe.Add(ref lo, stride);
            ref TKey hi = ref Unsafe.Add(ref mid, stride);
            ref TKey res = ref Unsafe.Add(ref hi, stride);
            Span<TKey> result = keys.AsSpan(ringLength + (3 * stride), stride);
            int padded = rows.PaddedWidth;
            for (int y = 0; y < source.Height; y++)
            {
                rows.MoveTo(y);
                ref TKey ring = ref MemoryMarshal.GetReference(rows.Buffer);
                ref TKey r0 = ref Unsafe.Add(ref ring, rows.RowOffset(0));
                ref TKey r1 = ref Unsafe.Add(ref ring, rows.RowOffset(1));
                ref TKey r2 = ref Unsafe.Add(ref ring, rows.RowOffset(2));
                for (int x = 0; x < padded; x += TV.Count)
                {
                    TV a = TV.Load(ref r0, x);
                    TV b = TV.Load(ref r1, x);
                    TV c = TV.Load(ref r2, x);
                    TV l1 = TV.Min(a, b);
                    TV h1 = TV.Max(a, b);
                    TV t = TV.Max(l1, c);
                    TV.Store(TV.Min(l1, c), ref lo, x);
                    TV.Store(TV.Min(h1, t), ref mid, x);
                    TV.Store(TV.Max(h1, t), ref hi, x);
                }

                for (int x = 0; x < width; x += TV.Count)
                {
                    TV maxLo = TV.Max(TV.Max(TV.Load(ref lo, x), TV.Load(ref lo, x + 1)), TV.Load(ref lo, x + 2));
                    TV minHi = TV.Min(TV.Min(TV.Load(ref hi, x), TV.Load(ref hi, x + 1)), TV.Load(ref hi, x + 2));
                    TV medMid = Median3<TKey, TV>(TV.Load(ref mid, x), TV.Load(ref mid, x + 1), TV.Load(ref mid, x + 2));
                    TV.Store(Median3<TKey, TV>(maxLo, medMid, minHi), ref res, x);
                }

                RankKeys.Emit<T, TKey, TOut>(result[..width], destination.Row(y));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(columnMap);
            ArrayPool<TKey>.Shared.Return(keys);
        }
    }

    /// <summary>med3(a, b, c) = max(min(a, b), min(max(a, b), c)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Median3<TKey, TV>(TV a, TV b, TV c)
        where TKey : unmanaged
        where TV : struct, ILanes<TV, TKey> => TV.Max(TV.Min(a, b), TV.Min(TV.Max(a, b), c));
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Rank;

/// <summary>
/// Any rank over large windows on 8- and 16-bit data: Huang's sliding histogram with an incrementally tracked
/// rank position. Memory is fixed (256 counts for bytes; 65536 + 4096 + 256 counts for 16-bit: a
/// two-level 256 x 256 split with a middle level of 16-value blocks), independent of window and image size.
/// </summary>
/// <remarks>
/// <para>Each output row starts from an empty histogram, adds its first window, then slides right: per step
/// only the elements that leave and enter the window change (for a footprint: per window row, the columns
/// active at d+1 but not d leave, active at d but not d+1 enter), about 2·sizeY updates for a rectangle.
/// At the row end the last window is removed again, so the histogram is empty without clearing it.</para>
/// <para>Rank tracking: m is a key and below = #elements &lt; m. Adding or removing v &lt; m adjusts below;
/// then m walks until below ≤ rank &lt; below + count[m], which makes m the rank-th smallest. Neighbouring
/// windows share most elements, so the walk is short. 16-bit keys walk whole 256-value coarse bins when m
/// sits on a bin boundary and the bin can be skipped, and 16-value blocks likewise, so a long jump costs tens
/// of steps. State lives in registers for a whole row; histogram updates are branch-free.</para>
/// </remarks>
internal static class HistogramRankKernel
{
    private const int Bins8 = 256;
    private const int Fine16 = 65536;
    private const int Mid16 = 4096;
    private const int Coarse16 = 256;

    public static void Run<T, TKey, TOut>(ReadOnlyImageSpan<T> source, ImageSpan<TOut> destination, in RankWindow window, int rank, BorderMode mode, TKey fill)
        where T : unmanaged
        where TKey : unmanaged
        where TOut : unmanaged
    {
        bool wide = typeof(TKey) == typeof(ushort);
        int width = source.Width;
        int sizeY = window.SizeY;
        int sizeX = window.SizeX;
        int stride = RankRows<T, TKey>.StrideFor(width, sizeX);
        int ringLength = RankRows<T, TKey>.BufferLength(width, sizeX, sizeY);
        int bins = wide ? Fine16 + Mid16 + Coarse16 : Bins8;

        // Ints: column map | row offsets | entering (row, column) pairs | leaving pairs | box mask | histogram.
        int pairs = 2 * window.Count;
        int box = sizeY * (sizeX + 1);
        TKey[] keys = ArrayPool<TKey>.Shared.Rent(ringLength + stride);
        int[] ints = ArrayPool<int>.Shared.Rent(sizeX + sizeY + (2 * pairs) + box + bins);
        try
        {
            Span<int> all = ints;
            var rows = new RankRows<T, TKey>(source, keys.AsSpan(0, ringLength), all[..sizeX], sizeY, window.LowY, sizeX, window.LowX, mode, fill);
            Span<int> offsets = all.Slice(sizeX, sizeY);
            Span<int> enter = all.Slice(sizeX + sizeY, pairs);
            Span<int> leave = all.Slice(sizeX + sizeY + pairs, pairs);
            Span<int> mask = all.Slice(sizeX + sizeY + (2 * pairs), box);
            Span<int> histogram = all.Slice(sizeX + sizeY + (2 * pairs) + box, bins);
            histogram.Clear();
            (int enterCount, int leaveCount) = Edges(window, mask, enter, leave);
            enter = enter[..(2 * enterCount)];
            leave = leave[..(2 * leaveCount)];

            Span<TKey> result = keys.AsSpan(ringLength, stride);
            var state = default(Position);
            for (int y = 0; y < source.Height; y++)
            {
                rows.MoveTo(y);
                for (int i = 0; i < sizeY; i++)
                {
                    offsets[i] = rows.RowOffset(i);
                }

                if (wide)
                {
                    Row16(MemoryMarshal.Cast<TKey, ushort>(rows.Buffer), offsets, window, enter, leave, histogram, rank, MemoryMarshal.Cast<TKey, ushort>(result), width, ref state);
                }
                else
                {
                    Row8(MemoryMarshal.Cast<TKey, byte>(rows.Buffer), offsets, window, enter, leave, histogram, rank, MemoryMarshal.Cast<TKey, byte>(result), width, ref state);
                }

                RankKeys.Emit<T, TKey, TOut>(result[..width], destination.Row(y));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ints);
            ArrayPool<TKey>.Shared.Return(keys);
        }
    }

    /// <summary>One output row of 8-bit keys: fill the first window, slide, empty the histogram again.</summary>
    private static void Row8(ReadOnlySpan<byte> ring, ReadOnlySpan<int> offsets, in RankWindow window, ReadOnlySpan<int> enter, ReadOnlySpan<int> leave, Span<int> histogram, int rank, Span<byte> result, int width, ref Position state)
    {
        ref byte keys = ref MemoryMarshal.GetReference(ring);
        ref int h = ref MemoryMarshal.GetReference(histogram);
        ref int off = ref MemoryMarshal.GetReference(offsets);
        ReadOnlySpan<int> starts = window.RowStarts;
        ReadOnlySpan<int> columns = window.Columns;

        // m: the tracked key; below: the number of window elements < m (kept in registers for the row).
        int m = state.Key;
        int below = 0;
        for (int i = 0; i < offsets.Length; i++)
        {
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                int v = Unsafe.Add(ref keys, offsets[i] + columns[k]);
                Unsafe.Add(ref h, v)++;
                below += Less(v, m);
            }
        }

        for (int x = 0; ; x++)
        {
            while (below > rank)
            {
                m--;
                below -= Unsafe.Add(ref h, m);
            }

            while (below + Unsafe.Add(ref h, m) <= rank)
            {
                below += Unsafe.Add(ref h, m);
                m++;
            }

            result[x] = (byte)m;
            if (x + 1 == width)
            {
                break;
            }

            for (int p = 0; p < leave.Length; p += 2)
            {
                int v = Unsafe.Add(ref keys, Unsafe.Add(ref off, leave[p]) + x + 1 + leave[p + 1]);
                Unsafe.Add(ref h, v)--;
                below -= Less(v, m);
            }

            for (int p = 0; p < enter.Length; p += 2)
            {
                int v = Unsafe.Add(ref keys, Unsafe.Add(ref off, enter[p]) + x + 1 + enter[p + 1]);
                Unsafe.Add(ref h, v)++;
                below += Less(v, m);
            }
        }

        // Empty the histogram by removing the last window (cheaper than clearing it).
        for (int i = 0; i < offsets.Length; i++)
        {
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                Unsafe.Add(ref h, Unsafe.Add(ref keys, offsets[i] + width - 1 + columns[k]))--;
            }
        }

        state.Key = m;
    }

    /// <summary>
    /// One output row of 16-bit keys. Three count levels (65536 fine, 4096 by key/16, 256 by key/256): m walks
    /// by whole 256- or 16-value blocks whenever it sits on a block boundary and the block can be skipped, so
    /// a jump of d values costs at most about 2·15 + 2·15 + d/256 steps instead of d.
    /// </summary>
    private static void Row16(ReadOnlySpan<ushort> ring, ReadOnlySpan<int> offsets, in RankWindow window, ReadOnlySpan<int> enter, ReadOnlySpan<int> leave, Span<int> histogram, int rank, Span<ushort> result, int width, ref Position state)
    {
        ref ushort keys = ref MemoryMarshal.GetReference(ring);
        ref int fine = ref MemoryMarshal.GetReference(histogram);
        ref int mid = ref Unsafe.Add(ref fine, Fine16);
        ref int coarse = ref Unsafe.Add(ref mid, Mid16);
        ref int off = ref MemoryMarshal.GetReference(offsets);
        ReadOnlySpan<int> starts = window.RowStarts;
        ReadOnlySpan<int> columns = window.Columns;

        int m = state.Key;
        int below = 0;
        for (int i = 0; i < offsets.Length; i++)
        {
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                int v = Unsafe.Add(ref keys, offsets[i] + columns[k]);
                Unsafe.Add(ref fine, v)++;
                Unsafe.Add(ref mid, v >> 4)++;
                Unsafe.Add(ref coarse, v >> 8)++;
                below += Less(v, m);
            }
        }

        for (int x = 0; ; x++)
        {
            while (below > rank)
            {
                if ((m & 255) == 0 && below - Unsafe.Add(ref coarse, (m >> 8) - 1) > rank)
                {
                    below -= Unsafe.Add(ref coarse, (m >> 8) - 1);
                    m -= 256;
                }
                else if ((m & 15) == 0 && below - Unsafe.Add(ref mid, (m >> 4) - 1) > rank)
                {
                    below -= Unsafe.Add(ref mid, (m >> 4) - 1);
                    m -= 16;
                }
                else
                {
                    m--;
                    below -= Unsafe.Add(ref fine, m);
                }
            }

            while (below + Unsafe.Add(ref fine, m) <= rank)
            {
                if ((m & 255) == 0 && below + Unsafe.Add(ref coarse, m >> 8) <= rank)
                {
                    below += Unsafe.Add(ref coarse, m >> 8);
                    m += 256;
                }
                else if ((m & 15) == 0 && below + Unsafe.Add(ref mid, m >> 4) <= rank)
                {
                    below += Unsafe.Add(ref mid, m >> 4);
                    m += 16;
                }
                else
                {
                    below += Unsafe.Add(ref fine, m);
                    m++;
                }
            }

            result[x] = (ushort)m;
            if (x + 1 == width)
            {
                break;
            }

            for (int p = 0; p < leave.Length; p += 2)
            {
                int v = Unsafe.Add(ref keys, Unsafe.Add(ref off, leave[p]) + x + 1 + leave[p + 1]);
                Unsafe.Add(ref fine, v)--;
                Unsafe.Add(ref mid, v >> 4)--;
                Unsafe.Add(ref coarse, v >> 8)--;
                below -= Less(v, m);
            }

            for (int p = 0; p < enter.Length; p += 2)
            {
                int v = Unsafe.Add(ref keys, Unsafe.Add(ref off, enter[p]) + x + 1 + enter[p + 1]);
                Unsafe.Add(ref fine, v)++;
                Unsafe.Add(ref mid, v >> 4)++;
                Unsafe.Add(ref coarse, v >> 8)++;
                below += Less(v, m);
            }
        }

        for (int i = 0; i < offsets.Length; i++)
        {
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                int v = Unsafe.Add(ref keys, offsets[i] + width - 1 + columns[k]);
                Unsafe.Add(ref fine, v)--;
                Unsafe.Add(ref mid, v >> 4)--;
                Unsafe.Add(ref coarse, v >> 8)--;
            }
        }

        state.Key = m;
    }

    /// <summary>1 when v &lt; m, branch-free (both are non-negative ints).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Less(int v, int m) => (int)((uint)(v - m) >> 31);

    /// <summary>
    /// The (row, column offset) pairs that leave and enter when the window moves one column right; a column
    /// offset d addresses padded column x + d of the new position x (d = -1 is the column just left behind).
    /// </summary>
    private static (int Enter, int Leave) Edges(in RankWindow window, Span<int> mask, Span<int> enter, Span<int> leave)
    {
        int sizeX = window.SizeX;
        int stride = sizeX + 1;
        mask.Clear();
        ReadOnlySpan<int> starts = window.RowStarts;
        ReadOnlySpan<int> columns = window.Columns;
        for (int i = 0; i < window.SizeY; i++)
        {
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                mask[(i * stride) + columns[k]] = 1;
            }
        }

        int e = 0;
        int l = 0;
        for (int i = 0; i < window.SizeY; i++)
        {
            // mask[i * stride + sizeX] is the always-zero column past the box.
            for (int d = -1; d < sizeX; d++)
            {
                bool now = d >= 0 && mask[(i * stride) + d] != 0;
                bool next = mask[(i * stride) + d + 1] != 0;
                if (now && !next)
                {
                    enter[2 * e] = i;
                    enter[(2 * e) + 1] = d;
                    e++;
                }
                else if (next && !now)
                {
                    leave[2 * l] = i;
                    leave[(2 * l) + 1] = d;
                    l++;
                }
            }
        }

        return (e, l);
    }

    /// <summary>The tracked key carried from one row to the next (the histogram itself is empty between rows).</summary>
    private struct Position
    {
        public int Key;
    }
}

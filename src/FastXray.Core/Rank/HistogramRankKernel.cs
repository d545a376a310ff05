using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Rank;

/// <summary>
/// Any rank over large windows on 8- and 16-bit data: Huang's sliding histogram with an incrementally tracked
/// rank position. Memory is fixed (256 counts for bytes; 256 coarse + 65536 fine counts for 16-bit), independent
/// of window and image size.
/// </summary>
/// <remarks>
/// <para>Each output row starts from an empty histogram, adds its first window, then slides right: per step
/// only the elements that leave and enter the window change (for a footprint: per window row, the columns
/// active at d+1 but not d leave, active at d but not d+1 enter), about 2·sizeY updates for a rectangle.
/// At the row end the last window is removed again, so the histogram is empty without clearing it.</para>
/// <para>Rank tracking: m is a key and below = #elements &lt; m. Adding or removing v &lt; m adjusts below;
/// then m walks until below ≤ rank &lt; below + count[m], which makes m the rank-th smallest. Neighbouring
/// windows share most elements, so the walk is short. 16-bit keys walk whole 256-value coarse bins when m
/// sits on a bin boundary and the bin can be skipped, so a long jump costs at most a few hundred steps.</para>
/// </remarks>
internal static class HistogramRankKernel
{
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
        int bins = wide ? 65536 + 256 : 256;

        // Ints: column map | row offsets | entering (row, column) pairs | leaving pairs | box mask | histogram.
        int pairs = 2 * window.Count;
        int box = sizeY * (sizeX + 1);
        TKey[] keys = ArrayPool<TKey>.Shared.Rent(ringLength + stride);
        int[] ints = ArrayPool<int>.Shared.Rent(sizeX + sizeY + (4 * pairs) + box + bins);
        try
        {
            Span<int> all = ints;
            var rows = new RankRows<T, TKey>(source, keys.AsSpan(0, ringLength), all[..sizeX], sizeY, window.LowY, sizeX, window.LowX, mode, fill);
            Span<int> offsets = all.Slice(sizeX, sizeY);
            Span<int> enter = all.Slice(sizeX + sizeY, 2 * pairs);
            Span<int> leave = all.Slice(sizeX + sizeY + (2 * pairs), 2 * pairs);
            Span<int> mask = all.Slice(sizeX + sizeY + (4 * pairs), box);
            Span<int> histogram = all.Slice(sizeX + sizeY + (4 * pairs) + box, bins);
            histogram.Clear();
            (int enterCount, int leaveCount) = Edges(window, mask, enter, leave);
            enter = enter[..(2 * enterCount)];
            leave = leave[..(2 * leaveCount)];

            Span<TKey> result = keys.AsSpan(ringLength, stride);
            var tracker = new Tracker(histogram, wide);
            ReadOnlySpan<int> starts = window.RowStarts;
            ReadOnlySpan<int> columns = window.Columns;
            for (int y = 0; y < source.Height; y++)
            {
                rows.MoveTo(y);
                for (int i = 0; i < sizeY; i++)
                {
                    offsets[i] = rows.RowOffset(i);
                }

                ref TKey ring = ref MemoryMarshal.GetReference(rows.Buffer);
                ForWindow(ref tracker, ref ring, offsets, starts, columns, 0, +1);
                result[0] = FromInt<TKey>(tracker.Select(rank));
                for (int x = 1; x < width; x++)
                {
                    for (int p = 0; p < leave.Length; p += 2)
                    {
                        tracker.Remove(Key(ref ring, offsets[leave[p]] + x + leave[p + 1]));
                    }

                    for (int p = 0; p < enter.Length; p += 2)
                    {
                        tracker.Add(Key(ref ring, offsets[enter[p]] + x + enter[p + 1]));
                    }

                    result[x] = FromInt<TKey>(tracker.Select(rank));
                }

                ForWindow(ref tracker, ref ring, offsets, starts, columns, width - 1, -1);
                RankKeys.Emit<T, TKey, TOut>(result[..width], destination.Row(y));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ints);
            ArrayPool<TKey>.Shared.Return(keys);
        }
    }

    /// <summary>Adds (+1) or removes (-1) every element of the window at output column <paramref name="x"/>.</summary>
    private static void ForWindow<TKey>(ref Tracker tracker, ref TKey ring, ReadOnlySpan<int> offsets, ReadOnlySpan<int> starts, ReadOnlySpan<int> columns, int x, int sign)
        where TKey : unmanaged
    {
        for (int i = 0; i < offsets.Length; i++)
        {
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                int v = Key(ref ring, offsets[i] + x + columns[k]);
                if (sign > 0)
                {
                    tracker.Add(v);
                }
                else
                {
                    tracker.Remove(v);
                }
            }
        }
    }

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Key<TKey>(ref TKey ring, int index)
        where TKey : unmanaged
    {
        TKey k = Unsafe.Add(ref ring, index);
        return typeof(TKey) == typeof(byte) ? Unsafe.As<TKey, byte>(ref k) : Unsafe.As<TKey, ushort>(ref k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TKey FromInt<TKey>(int value)
        where TKey : unmanaged
    {
        if (typeof(TKey) == typeof(byte))
        {
            byte b = (byte)value;
            return Unsafe.As<byte, TKey>(ref b);
        }

        ushort u = (ushort)value;
        return Unsafe.As<ushort, TKey>(ref u);
    }

    /// <summary>The histogram and the tracked rank position.</summary>
    private ref struct Tracker
    {
        private readonly Span<int> _fine;
        private readonly Span<int> _coarse;
        private readonly bool _wide;
        private int _m;
        private int _below;

        public Tracker(Span<int> histogram, bool wide)
        {
            _wide = wide;
            _fine = wide ? histogram[..65536] : histogram[..256];
            _coarse = wide ? histogram.Slice(65536, 256) : default;
            _m = 0;
            _below = 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int v)
        {
            _fine[v]++;
            if (_wide)
            {
                _coarse[v >> 8]++;
            }

            if (v < _m)
            {
                _below++;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Remove(int v)
        {
            _fine[v]--;
            if (_wide)
            {
                _coarse[v >> 8]--;
            }

            if (v < _m)
            {
                _below--;
            }
        }

        /// <summary>Moves m to the rank-th smallest element (invariant: _below = #elements &lt; _m).</summary>
        public int Select(int rank)
        {
            int m = _m;
            int below = _below;
            Span<int> fine = _fine;
            if (!_wide)
            {
                while (below > rank)
                {
                    m--;
                    below -= fine[m];
                }

                while (below + fine[m] <= rank)
                {
                    below += fine[m];
                    m++;
                }
            }
            else
            {
                Span<int> coarse = _coarse;
                while (below > rank)
                {
                    if ((m & 255) == 0 && below - coarse[(m >> 8) - 1] > rank)
                    {
                        below -= coarse[(m >> 8) - 1];
                        m -= 256;
                    }
                    else
                    {
                        m--;
                        below -= fine[m];
                    }
                }

                while (below + fine[m] <= rank)
                {
                    if ((m & 255) == 0 && below + coarse[m >> 8] <= rank)
                    {
                        below += coarse[m >> 8];
                        m += 256;
                    }
                    else
                    {
                        below += fine[m];
                        m++;
                    }
                }
            }

            _m = m;
            _below = below;
            return m;
        }
    }
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Rank;

/// <summary>Selects minimum or maximum in <see cref="ExtremumKernel"/>; a JIT constant after inlining.</summary>
internal interface IExtremumOperator
{
    static abstract bool IsMinimum { get; }
}

/// <summary>The minimum of a window.</summary>
internal readonly struct MinimumOperator : IExtremumOperator
{
    public static bool IsMinimum => true;
}

/// <summary>The maximum of a window.</summary>
internal readonly struct MaximumOperator : IExtremumOperator
{
    public static bool IsMinimum => false;
}

/// <summary>
/// Minimum and maximum filters: separable (rectangular windows, scipy's <c>minimum_filter1d</c> per axis) and
/// direct over a footprint's elements (scipy's n-D path).
/// </summary>
/// <remarks>
/// <para>Separable: per output row, a vertical pass over the window's padded rows, then a horizontal pass
/// along that row; both are vectorised across pixels. Vertically, windows up to <see cref="DirectLimit"/> rows
/// reduce their rows directly (size-1 operations per pixel); taller ones use van Herk/Gil-Werman over blocks of
/// sizeY output rows (a suffix extremum from the block's shared row upwards, kept for the block, and a running
/// prefix downwards: about 3 operations per pixel for any size). Horizontally, short windows reduce directly and
/// longer ones double in place (block extrema of 2, 4, 8 ... columns, then two overlapping blocks), so a row
/// costs log2(sizeX)+1 vector operations per pixel.</para>
/// <para>cval: scipy compares cval as a double in the separable filter, so the border keys are the operation's
/// identity and cval is applied to the output pixels whose window leaves the image, in double precision (typed
/// outputs then take scipy's C cast, ndimage-semantics §8). Footprint windows take cval already cast to the
/// input type, as scipy's n-D path does; the caller passes that key as the fill.</para>
/// </remarks>
internal static class ExtremumKernel
{
    /// <summary>Longest window axis reduced directly; longer ones use van Herk/Gil-Werman (rows) or doubling (columns).</summary>
    public const int DirectLimit = 8;

    /// <summary>Separable minimum or maximum over a full rectangle.</summary>
    public static void Separable<TOp, T, TKey, TOut, TV>(ReadOnlyImageSpan<T> source, ImageSpan<TOut> destination, in RankWindow window, BorderMode mode, double cval)
        where TOp : struct, IExtremumOperator
        where T : unmanaged
        where TKey : unmanaged
        where TOut : unmanaged
        where TV : struct, ILanes<TV, TKey>
    {
        int width = source.Width;
        int height = source.Height;
        int sizeY = window.SizeY;
        int sizeX = window.SizeX;
        bool blocks = sizeY > DirectLimit;
        int stride = RankRows<T, TKey>.StrideFor(width, sizeX);

        // Scratch: the ring, the vertical result row t (doubling reads up to sizeX + one vector past the padded
        // width), the result row, and for van Herk/Gil-Werman the block's suffix rows plus the running prefix.
        int tLength = stride + sizeX + 64;
        int ringLength = RankRows<T, TKey>.BufferLength(width, sizeX, sizeY);
        int suffixLength = blocks ? sizeY * stride : 0;
        TKey[] keys = ArrayPool<TKey>.Shared.Rent(ringLength + tLength + stride + suffixLength + (blocks ? stride : 0));
        int[] columnMap = ArrayPool<int>.Shared.Rent(sizeX + sizeY);
        try
        {
            Span<TKey> all = keys;
            TKey identity = TOp.IsMinimum ? AllBits<TKey>() : default;
            var rows = new RankRows<T, TKey>(source, all[..ringLength], columnMap, sizeY, window.LowY, sizeX, window.LowX, mode, identity);
            Span<TKey> t = all.Slice(ringLength, tLength);
            Span<TKey> result = all.Slice(ringLength + tLength, stride);
            Span<TKey> suffix = all.Slice(ringLength + tLength + stride, suffixLength);
            Span<TKey> prefix = blocks ? all.Slice(ringLength + tLength + stride + suffixLength, stride) : default;
            Span<int> offsets = columnMap.AsSpan(sizeX, sizeY);
            int padded = rows.PaddedWidth;
            for (int y = 0; y < height; y++)
            {
                rows.MoveTo(y);
                for (int i = 0; i < sizeY; i++)
                {
                    offsets[i] = rows.RowOffset(i);
                }

                ref TKey ring = ref MemoryMarshal.GetReference(rows.Buffer);
                if (!blocks)
                {
                    VerticalDirect<TOp, TKey, TV>(ref ring, offsets, t, padded);
                }
                else
                {
                    VerticalBlock<TOp, TKey, TV>(ref ring, offsets, y % sizeY, suffix, prefix, t, stride, padded);
                }

                if (sizeX <= DirectLimit)
                {
                    HorizontalDirect<TOp, TKey, TV>(t, sizeX, result, width);
                }
                else
                {
                    HorizontalDoubling<TOp, TKey, TV>(t, sizeX, result, width);
                }

                Span<TOut> output = destination.Row(y);
                RankKeys.Emit<T, TKey, TOut>(result[..width], output);
                if (mode == BorderMode.Constant)
                {
                    ApplyCval<TOp, T, TOut>(output, window, y, height, cval);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(columnMap);
            ArrayPool<TKey>.Shared.Return(keys);
        }
    }

    /// <summary>Minimum or maximum over a footprint's active elements; <paramref name="fill"/> is the cast cval key.</summary>
    public static void Footprint<TOp, T, TKey, TOut, TV>(ReadOnlyImageSpan<T> source, ImageSpan<TOut> destination, in RankWindow window, BorderMode mode, TKey fill)
        where TOp : struct, IExtremumOperator
        where T : unmanaged
        where TKey : unmanaged
        where TOut : unmanaged
        where TV : struct, ILanes<TV, TKey>
    {
        int width = source.Width;
        int sizeY = window.SizeY;
        int stride = RankRows<T, TKey>.StrideFor(width, window.SizeX);
        int ringLength = RankRows<T, TKey>.BufferLength(width, window.SizeX, sizeY);
        TKey[] keys = ArrayPool<TKey>.Shared.Rent(ringLength + stride);
        int[] ints = ArrayPool<int>.Shared.Rent(window.SizeX + sizeY);
        try
        {
            var rows = new RankRows<T, TKey>(source, keys.AsSpan(0, ringLength), ints, sizeY, window.LowY, window.SizeX, window.LowX, mode, fill);
            Span<TKey> result = keys.AsSpan(ringLength, stride);
            Span<int> offsets = ints.AsSpan(window.SizeX, sizeY);
            ReadOnlySpan<int> starts = window.RowStarts;
            ReadOnlySpan<int> columns = window.Columns;
            for (int y = 0; y < source.Height; y++)
            {
                rows.MoveTo(y);
                for (int i = 0; i < sizeY; i++)
                {
                    offsets[i] = rows.RowOffset(i);
                }

                ref TKey buffer = ref MemoryMarshal.GetReference(rows.Buffer);
                ref TKey res = ref MemoryMarshal.GetReference(result);
                TV start = TV.Broadcast(TOp.IsMinimum ? AllBits<TKey>() : default);
                for (int x = 0; x < width; x += TV.Count)
                {
                    TV acc = start;
                    for (int i = 0; i < sizeY; i++)
                    {
                        ref TKey row = ref Unsafe.Add(ref buffer, offsets[i] + x);
                        for (int k = starts[i]; k < starts[i + 1]; k++)
                        {
                            acc = Op<TOp, TKey, TV>(acc, TV.Load(ref row, columns[k]));
                        }
                    }

                    TV.Store(acc, ref res, x);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Op<TOp, TKey, TV>(TV a, TV b)
        where TOp : struct, IExtremumOperator
        where TKey : unmanaged
        where TV : struct, ILanes<TV, TKey> => TOp.IsMinimum ? TV.Min(a, b) : TV.Max(a, b);

    /// <summary>t[p] = extremum over the window rows at padded column p.</summary>
    private static void VerticalDirect<TOp, TKey, TV>(ref TKey ring, ReadOnlySpan<int> offsets, Span<TKey> t, int padded)
        where TOp : struct, IExtremumOperator
        where TKey : unmanaged
        where TV : struct, ILanes<TV, TKey>
    {
        ref TKey dst = ref MemoryMarshal.GetReference(t);
        int first = offsets[0];
        for (int x = 0; x < padded; x += TV.Count)
        {
            TV acc = TV.Load(ref ring, first + x);
            for (int i = 1; i < offsets.Length; i++)
            {
                acc = Op<TOp, TKey, TV>(acc, TV.Load(ref ring, offsets[i] + x));
            }

            TV.Store(acc, ref dst, x);
        }
    }

    /// <summary>
    /// van Herk/Gil-Werman over rows. Output rows come in blocks of sizeY starting at multiples of sizeY; every
    /// window of a block contains the block's row c (the top window's last row). At phase 0 the suffix rows
    /// S[j] = extremum(window rows j..sizeY-1) are built; at phase i the window is S[i] combined with the prefix
    /// P = extremum of the i rows after c, which grows by the newest window row each step.
    /// </summary>
    private static void VerticalBlock<TOp, TKey, TV>(ref TKey ring, ReadOnlySpan<int> offsets, int phase, Span<TKey> suffix, Span<TKey> prefix, Span<TKey> t, int stride, int padded)
        where TOp : struct, IExtremumOperator
        where TKey : unmanaged
        where TV : struct, ILanes<TV, TKey>
    {
        int sizeY = offsets.Length;
        ref TKey dst = ref MemoryMarshal.GetReference(t);
        ref TKey s = ref MemoryMarshal.GetReference(suffix);
        ref TKey p = ref MemoryMarshal.GetReference(prefix);
        int newest = offsets[sizeY - 1];
        if (phase == 0)
        {
            for (int x = 0; x < padded; x += TV.Count)
            {
                TV acc = TV.Load(ref ring, newest + x);
                TV.Store(acc, ref s, ((sizeY - 1) * stride) + x);
                for (int j = sizeY - 2; j >= 0; j--)
                {
                    acc = Op<TOp, TKey, TV>(acc, TV.Load(ref ring, offsets[j] + x));
                    TV.Store(acc, ref s, (j * stride) + x);
                }

                TV.Store(acc, ref dst, x);
            }
        }
        else
        {
            int row = phase * stride;
            for (int x = 0; x < padded; x += TV.Count)
            {
                TV n = TV.Load(ref ring, newest + x);
                TV acc = phase == 1 ? n : Op<TOp, TKey, TV>(TV.Load(ref p, x), n);
                TV.Store(acc, ref p, x);
                TV.Store(Op<TOp, TKey, TV>(TV.Load(ref s, row + x), acc), ref dst, x);
            }
        }
    }

    /// <summary>result[x] = extremum of t[x .. x+sizeX-1], one load per column of the window.</summary>
    private static void HorizontalDirect<TOp, TKey, TV>(Span<TKey> t, int sizeX, Span<TKey> result, int width)
        where TOp : struct, IExtremumOperator
        where TKey : unmanaged
        where TV : struct, ILanes<TV, TKey>
    {
        ref TKey src = ref MemoryMarshal.GetReference(t);
        ref TKey dst = ref MemoryMarshal.GetReference(result);
        for (int x = 0; x < width; x += TV.Count)
        {
            TV acc = TV.Load(ref src, x);
            for (int d = 1; d < sizeX; d++)
            {
                acc = Op<TOp, TKey, TV>(acc, TV.Load(ref src, x + d));
            }

            TV.Store(acc, ref dst, x);
        }
    }

    /// <summary>
    /// result[x] = extremum of t[x .. x+sizeX-1] by doubling in place: after the pass for block b, t[x] holds the
    /// extremum of 2b columns from x (left to right is safe: a store at x never precedes a load of x+b). With
    /// B the largest power of two ≤ sizeX, two blocks of B starting at x and x+sizeX-B cover the window.
    /// </summary>
    private static void HorizontalDoubling<TOp, TKey, TV>(Span<TKey> t, int sizeX, Span<TKey> result, int width)
        where TOp : struct, IExtremumOperator
        where TKey : unmanaged
        where TV : struct, ILanes<TV, TKey>
    {
        ref TKey src = ref MemoryMarshal.GetReference(t);
        ref TKey dst = ref MemoryMarshal.GetReference(result);
        int b = 1;
        for (; 2 * b <= sizeX; b *= 2)
        {
            int count = width + sizeX - (2 * b);
            for (int x = 0; x < count; x += TV.Count)
            {
                TV.Store(Op<TOp, TKey, TV>(TV.Load(ref src, x), TV.Load(ref src, x + b)), ref src, x);
            }
        }

        int shift = sizeX - b;
        for (int x = 0; x < width; x += TV.Count)
        {
            TV.Store(Op<TOp, TKey, TV>(TV.Load(ref src, x), TV.Load(ref src, x + shift)), ref dst, x);
        }
    }

    /// <summary>
    /// Constant mode of the separable filter: output pixels whose window leaves the image also compare cval, as a
    /// double, then store in the output type (float32 rounding, or scipy's C cast for typed outputs). Rounding is
    /// monotone, so for float32 outputs this equals comparing with (float)cval.
    /// </summary>
    private static void ApplyCval<TOp, T, TOut>(Span<TOut> output, in RankWindow window, int y, int height, double cval)
        where TOp : struct, IExtremumOperator
        where T : unmanaged
        where TOut : unmanaged
    {
        int width = output.Length;
        int top = y + window.LowY;
        bool outsideRows = top < 0 || top + window.SizeY - 1 >= height;
        int left = Math.Min(-window.LowX, width);
        int right = Math.Max(width - (window.SizeX - 1 + window.LowX), left);
        if (outsideRows)
        {
            Fix<TOp, T, TOut>(output, cval);
        }
        else
        {
            Fix<TOp, T, TOut>(output[..left], cval);
            Fix<TOp, T, TOut>(output[right..], cval);
        }
    }

    private static void Fix<TOp, T, TOut>(Span<TOut> output, double cval)
        where TOp : struct, IExtremumOperator
        where T : unmanaged
        where TOut : unmanaged
    {
        if (typeof(TOut) == typeof(float))
        {
            Span<float> f = MemoryMarshal.Cast<TOut, float>(output);
            float c = (float)cval;
            for (int x = 0; x < f.Length; x++)
            {
                f[x] = TOp.IsMinimum ? (c < f[x] ? c : f[x]) : (c > f[x] ? c : f[x]);
            }

            return;
        }

        Span<T> typed = MemoryMarshal.Cast<TOut, T>(output);
        for (int x = 0; x < typed.Length; x++)
        {
            double v = PixelConvert.ToSingle(typed[x]);
            typed[x] = RankKeys.CastFromDouble<T>(TOp.IsMinimum ? (cval < v ? cval : v) : (cval > v ? cval : v));
        }
    }

    /// <summary>The largest key (all bits set): the identity of the minimum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TKey AllBits<TKey>()
        where TKey : unmanaged
    {
        ulong bits = ulong.MaxValue;
        return Unsafe.As<ulong, TKey>(ref bits);
    }
}

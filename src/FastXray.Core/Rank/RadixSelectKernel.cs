using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Rank;

/// <summary>
/// Any rank over any window, by a bitwise binary search on the key, vectorised across pixels: each lane finds the
/// largest key t with fewer than rank+1 window elements below it, which is exactly the rank-th smallest element.
/// </summary>
/// <remarks>
/// <para>From the top bit down: candidate = prefix | bit; count the window elements whose key is below the
/// candidate (a compare gives all-ones lanes, i.e. -1, so subtracting the mask counts); if count ≤ rank the
/// result is at least the candidate, so keep the bit. bits(key) × window-size compares per vector, no sort, no
/// data-dependent branch, and the result is an element bit for bit (the search ends on a key that exists).</para>
/// <para>Counts live in the key's own lanes (byte counts need a window of at most 255 elements; larger byte
/// windows go to the histogram kernel). This is the fast path for small and medium windows on 8-bit data (64
/// pixels per 512-bit vector, 8 passes); 16-bit keys need 16 passes at half the lanes and float keys 32 at a
/// quarter, so they prefer the histogram (16-bit) for larger windows, and stay here (float) at any size.</para>
/// </remarks>
internal static class RadixSelectKernel
{
    /// <summary>Largest window a key type can count in its own lanes.</summary>
    public static int MaxCount<TKey>()
        where TKey : unmanaged => Unsafe.SizeOf<TKey>() switch
        {
            1 => byte.MaxValue,
            2 => ushort.MaxValue,
            _ => int.MaxValue,
        };

    public static void Run<T, TKey, TOut, TV>(ReadOnlyImageSpan<T> source, ImageSpan<TOut> destination, in RankWindow window, int rank, BorderMode mode, TKey fill)
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
            TV limit = TV.Broadcast(FromInt<TKey>(rank));
            int bits = Unsafe.SizeOf<TKey>() * 8;
            for (int y = 0; y < source.Height; y++)
            {
                rows.MoveTo(y);
                for (int i = 0; i < sizeY; i++)
                {
                    offsets[i] = rows.RowOffset(i);
                }

                ref TKey ring = ref MemoryMarshal.GetReference(rows.Buffer);
                ref TKey res = ref MemoryMarshal.GetReference(result);
                for (int x = 0; x < width; x += TV.Count)
                {
                    TV prefix = TV.Broadcast(default);
                    for (int b = bits - 1; b >= 0; b--)
                    {
                        TV candidate = TV.Or(prefix, TV.Broadcast(FromBit<TKey>(b)));
                        TV count = CountBelow<TKey, TV>(ref ring, offsets, window, x, candidate);
                        prefix = TV.Select(TV.LessThanOrEqual(count, limit), candidate, prefix);
                    }

                    TV.Store(prefix, ref res, x);
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

    /// <summary>Per lane, the number of window elements with a key below <paramref name="candidate"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV CountBelow<TKey, TV>(ref TKey ring, ReadOnlySpan<int> offsets, in RankWindow window, int x, TV candidate)
        where TKey : unmanaged
        where TV : struct, ILanes<TV, TKey>
    {
        TV count = TV.Broadcast(default);
        ReadOnlySpan<int> starts = window.RowStarts;
        ReadOnlySpan<int> columns = window.Columns;
        for (int i = 0; i < offsets.Length; i++)
        {
            ref TKey row = ref Unsafe.Add(ref ring, offsets[i] + x);
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                count = TV.Subtract(count, TV.LessThan(TV.Load(ref row, columns[k]), candidate));
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TKey FromBit<TKey>(int bit)
        where TKey : unmanaged
    {
        ulong value = 1UL << bit;
        return Unsafe.As<ulong, TKey>(ref value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TKey FromInt<TKey>(int value)
        where TKey : unmanaged
    {
        ulong wide = (ulong)value;
        return Unsafe.As<ulong, TKey>(ref wide);
    }
}

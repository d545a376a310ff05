using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Intensity;

/// <summary>
/// Per-value occurrence tables of 8- and 16-bit images: the exact basis of their histograms, medians,
/// equalisation and statistics (every question about an integer image's distribution is a question about
/// at most 65536 counts).
/// </summary>
/// <remarks>
/// Byte counting spreads consecutive samples over four sub-tables: in flat regions (common in radiographs)
/// consecutive increments of one counter would otherwise wait on each other's store. The 16-bit table uses
/// the same trick with two 256 KiB sub-tables, rented per call. Counts are int: a span holds at most 2^31-1
/// samples.
/// </remarks>
internal static class ValueCounts
{
    /// <summary>Number of distinct values of <typeparamref name="T"/> (256 or 65536).</summary>
    public static int TableLength<T>()
        where T : unmanaged =>
        typeof(T) == typeof(byte) ? 256 : 65536;

    /// <summary>Sets <paramref name="counts"/>[v] to the number of samples equal to v (byte or ushort images).</summary>
    public static void Count<T>(in ReadOnlyImageSpan<T> source, Span<int> counts)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            CountBytes(ImageRows.As<T, byte>(source), counts);
        }
        else
        {
            Debug.Assert(typeof(T) == typeof(ushort));
            CountUInt16(ImageRows.As<T, ushort>(source), counts);
        }
    }

    [SkipLocalsInit]
    private static void CountBytes(in ReadOnlyImageSpan<byte> source, Span<int> counts)
    {
        Debug.Assert(counts.Length >= 256);
        Span<int> tables = stackalloc int[4 * 256];
        tables.Clear();
        ref int t = ref MemoryMarshal.GetReference(tables);
        int spans = ImageRows.Count(source);
        for (int r = 0; r < spans; r++)
        {
            ReadOnlySpan<byte> row = ImageRows.Get(source, r);
            ref byte p = ref MemoryMarshal.GetReference(row);
            int n = row.Length;
            int i = 0;
            for (; i <= n - 8; i += 8)
            {
                ulong w = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i));
                Unsafe.Add(ref t, (int)(w & 0xFF))++;
                Unsafe.Add(ref t, 256 + (int)((w >> 8) & 0xFF))++;
                Unsafe.Add(ref t, 512 + (int)((w >> 16) & 0xFF))++;
                Unsafe.Add(ref t, 768 + (int)((w >> 24) & 0xFF))++;
                Unsafe.Add(ref t, (int)((w >> 32) & 0xFF))++;
                Unsafe.Add(ref t, 256 + (int)((w >> 40) & 0xFF))++;
                Unsafe.Add(ref t, 512 + (int)((w >> 48) & 0xFF))++;
                Unsafe.Add(ref t, 768 + (int)(w >> 56))++;
            }

            for (; i < n; i++)
            {
                Unsafe.Add(ref t, Unsafe.Add(ref p, i))++;
            }
        }

        for (int v = 0; v < 256; v++)
        {
            counts[v] = tables[v] + tables[256 + v] + tables[512 + v] + tables[768 + v];
        }
    }

    private static void CountUInt16(in ReadOnlyImageSpan<ushort> source, Span<int> counts)
    {
        Debug.Assert(counts.Length >= 65536);
        counts[..65536].Clear();
        int[] second = ArrayPool<int>.Shared.Rent(65536);
        try
        {
            Array.Clear(second, 0, 65536);
            ref int t0 = ref MemoryMarshal.GetReference(counts);
            ref int t1 = ref MemoryMarshal.GetArrayDataReference(second);
            int spans = ImageRows.Count(source);
            for (int r = 0; r < spans; r++)
            {
                ReadOnlySpan<ushort> row = ImageRows.Get(source, r);
                ref ushort p = ref MemoryMarshal.GetReference(row);
                int n = row.Length;
                int i = 0;
                for (; i <= n - 4; i += 4)
                {
                    ulong w = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref p, i)));
                    Unsafe.Add(ref t0, (int)(w & 0xFFFF))++;
                    Unsafe.Add(ref t1, (int)((w >> 16) & 0xFFFF))++;
                    Unsafe.Add(ref t0, (int)((w >> 32) & 0xFFFF))++;
                    Unsafe.Add(ref t1, (int)(w >> 48))++;
                }

                for (; i < n; i++)
                {
                    Unsafe.Add(ref t0, Unsafe.Add(ref p, i))++;
                }
            }

            for (int v = 0; v < 65536; v++)
            {
                Unsafe.Add(ref t0, v) += Unsafe.Add(ref t1, v);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(second);
        }
    }

    /// <summary>Index of the first nonzero count (the minimum value); -1 if all are zero.</summary>
    public static int First(ReadOnlySpan<int> counts)
    {
        for (int v = 0; v < counts.Length; v++)
        {
            if (counts[v] != 0)
            {
                return v;
            }
        }

        return -1;
    }

    /// <summary>Index of the last nonzero count (the maximum value); -1 if all are zero.</summary>
    public static int Last(ReadOnlySpan<int> counts)
    {
        for (int v = counts.Length - 1; v >= 0; v--)
        {
            if (counts[v] != 0)
            {
                return v;
            }
        }

        return -1;
    }

    /// <summary>The value at 0-based rank <paramref name="rank"/> of the sorted samples.</summary>
    public static int ValueAtRank(ReadOnlySpan<int> counts, long rank)
    {
        long seen = 0;
        for (int v = 0; v < counts.Length; v++)
        {
            seen += counts[v];
            if (seen > rank)
            {
                return v;
            }
        }

        return counts.Length - 1;
    }

    /// <summary>NumPy's median from a count table: the middle value, or the float64 mean of the two middle values.</summary>
    public static double Median(ReadOnlySpan<int> counts, long total)
    {
        Debug.Assert(total > 0);
        int upper = ValueAtRank(counts, total / 2);
        if ((total & 1) == 1)
        {
            return upper;
        }

        int lower = ValueAtRank(counts, (total / 2) - 1);
        return ((double)lower + upper) / 2;
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastXray.Morphology;

/// <summary>
/// Geometry of a bit-packed binary image: one bit per pixel, 64 pixels per <see cref="ulong"/> word, bit i of word w
/// holding pixel x = 64w + i (least significant bit first, so "pixel x + k" is a right shift by k).
/// </summary>
/// <remarks>
/// Every row has <see cref="MarginWords"/> words on each side and the plane has <see cref="MarginRows"/> rows above and
/// below, all filled with the border value, so a structure offset reads outside pixels without a branch. The data part of
/// a row is rounded up to 8 words (one <see cref="Vector512{T}"/>) so the vector loops have no tail; the bits past the
/// width inside it are reset to the border value after every pass.
/// </remarks>
internal readonly struct BitLayout
{
    /// <summary>Words per vector of the widest width we use; data rows are a multiple of it.</summary>
    public const int VectorWords = 8;

    public BitLayout(int width, int height, int reachX, int reachY)
    {
        Width = width;
        Height = height;
        MarginRows = reachY;
        // A shift by dx reads words floor(dx/64) and floor(dx/64)+1 away, so one word more than the reach.
        MarginWords = ((reachX + 63) / 64) + 1;
        DataWords = (((width + 63) / 64) + VectorWords - 1) / VectorWords * VectorWords;
        RowWords = DataWords + (2 * MarginWords);
        long total = (long)RowWords * (height + (2L * reachY));
        if (total > Array.MaxLength)
        {
            ThrowHelper.ThrowArgumentOutOfRange("source", "The image is too large for the bit-packed morphology buffers.");
        }

        TotalWords = (int)total;
    }

    public int Width { get; }

    public int Height { get; }

    public int MarginRows { get; }

    public int MarginWords { get; }

    public int DataWords { get; }

    public int RowWords { get; }

    public int TotalWords { get; }

    /// <summary>Index of the first data word of row <paramref name="y"/> (y may reach into the margin rows).</summary>
    public int RowStart(int y) => ((y + MarginRows) * RowWords) + MarginWords;
}

/// <summary>Packing of sample rows into bits (input != 0) and unpacking of bits into 0/1 bytes.</summary>
internal static class BitPlane
{
    // pshufb indices that spread byte k of each 128-bit lane over 8 output bytes, and the bit each output byte tests.
    private static readonly Vector128<byte> s_spread128 = Vector128.Create((byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
    private static readonly Vector256<byte> s_spread256 = Vector256.Create(
        (byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
        2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
    private static readonly Vector512<byte> s_spread512 = Vector512.Create(
        (byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
        2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3,
        4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5,
        6, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7);
    private static readonly Vector512<byte> s_bitOfByte = Vector512.Create(0x8040201008040201UL).AsByte();

    /// <summary>Fills the whole plane with the border value, then packs every source row into its data words.</summary>
    public static void Pack<T>(ReadOnlyImageSpan<T> source, Span<ulong> plane, in BitLayout layout, ulong borderFill)
        where T : unmanaged
    {
        plane[..layout.TotalWords].Fill(borderFill);
        for (int y = 0; y < layout.Height; y++)
        {
            PackRow(source.Row(y), plane.Slice(layout.RowStart(y), layout.DataWords), borderFill);
        }
    }

    /// <summary>Packs one row; bits past the row's end keep <paramref name="borderFill"/>.</summary>
    public static void PackRow<T>(ReadOnlySpan<T> row, Span<ulong> words, ulong borderFill)
        where T : unmanaged
    {
        int full = row.Length / 64;
        ref T src = ref MemoryMarshal.GetReference(row);
        for (int i = 0; i < full; i++)
        {
            words[i] = NonZeroBits64(ref Unsafe.Add(ref src, i * 64));
        }

        int rest = row.Length - (full * 64);
        if (rest > 0)
        {
            ulong bits = 0;
            for (int i = 0; i < rest; i++)
            {
                if (IsNonZero(Unsafe.Add(ref src, (full * 64) + i)))
                {
                    bits |= 1UL << i;
                }
            }

            ulong valid = (1UL << rest) - 1;
            words[full] = bits | (borderFill & ~valid);
        }
    }

    /// <summary>Resets the bits of a computed data row past the image width to the border value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FixTail(Span<ulong> dataWords, int width, ulong borderFill)
    {
        int full = width / 64;
        int rest = width - (full * 64);
        if (rest > 0)
        {
            ulong valid = (1UL << rest) - 1;
            dataWords[full] = (dataWords[full] & valid) | (borderFill & ~valid);
            full++;
        }

        dataWords[full..].Fill(borderFill);
    }

    /// <summary>Writes 1 for each set bit and 0 otherwise, one byte per pixel.</summary>
    /// <remarks>
    /// Vector path: broadcast the word, let an in-lane byte shuffle copy source byte k to eight output bytes, AND each
    /// with its own bit (1, 2, 4, ... 128) and clamp with Min(x, 1), which turns a power of two into 1. Vector512 and
    /// Vector256 use the AVX-512BW/AVX2 shuffles directly because their portable forms cross 128-bit lanes; the last
    /// partial group of 16 pixels goes bit by bit.
    /// </remarks>
    public static void UnpackRow(ReadOnlySpan<ulong> words, Span<byte> row)
    {
        int n = row.Length;
        ref byte dst = ref MemoryMarshal.GetReference(row);
        int x = 0;
        if (Avx512BW.IsSupported)
        {
            Vector512<byte> one = Vector512<byte>.One;
            for (; x + 64 <= n; x += 64)
            {
                Vector512<byte> v = Vector512.Create(words[x >> 6]).AsByte();
                v = Avx512BW.Shuffle(v, s_spread512) & s_bitOfByte;
                Vector512.Min(v, one).StoreUnsafe(ref dst, (nuint)x);
            }
        }

        if (Avx2.IsSupported)
        {
            Vector256<byte> one = Vector256<byte>.One;
            Vector256<byte> bit = s_bitOfByte.GetLower();
            for (; x + 32 <= n; x += 32)
            {
                uint bits = (uint)(words[x >> 6] >> (x & 63));
                Vector256<byte> v = Vector256.Create(bits).AsByte();
                v = Avx2.Shuffle(v, s_spread256) & bit;
                Vector256.Min(v, one).StoreUnsafe(ref dst, (nuint)x);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<byte> one = Vector128<byte>.One;
            Vector128<byte> bit = s_bitOfByte.GetLower().GetLower();
            for (; x + 16 <= n; x += 16)
            {
                ushort bits = (ushort)(words[x >> 6] >> (x & 63));
                Vector128<byte> v = Vector128.Shuffle(Vector128.Create(bits).AsByte(), s_spread128) & bit;
                Vector128.Min(v, one).StoreUnsafe(ref dst, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            Unsafe.Add(ref dst, x) = (byte)((words[x >> 6] >> (x & 63)) & 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNonZero<T>(T value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            return Unsafe.As<T, byte>(ref value) != 0;
        }

        if (typeof(T) == typeof(ushort))
        {
            return Unsafe.As<T, ushort>(ref value) != 0;
        }

        if (typeof(T) == typeof(float))
        {
            // NaN != 0 is true, as in NumPy; -0.0 is zero.
            return Unsafe.As<T, float>(ref value) != 0;
        }

        ThrowHelper.ThrowNotSupportedType<T>();
        return false;
    }

    /// <summary>Bit i set when sample i of the 64 starting at <paramref name="src"/> is non-zero.</summary>
    /// <remarks>
    /// Compare each lane with zero, take the lanes' sign bits (one bit per lane) and invert; a float NaN compares
    /// unequal to 0 and so counts as set, -0.0 equals 0. Lanes per vector: 64 bytes, 32 ushorts or 16 floats per 512
    /// bits, so one to four vectors fill a word.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong NonZeroBits64<T>(ref T src)
        where T : unmanaged
    {
        ulong bits = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            int count = Vector512<T>.Count;
            for (int k = 0; k < 64; k += count)
            {
                ulong zero = Vector512.Equals(Vector512.LoadUnsafe(ref src, (nuint)k), Vector512<T>.Zero).ExtractMostSignificantBits();
                bits |= zero << k;
            }

            return ~bits;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            int count = Vector256<T>.Count;
            for (int k = 0; k < 64; k += count)
            {
                ulong zero = Vector256.Equals(Vector256.LoadUnsafe(ref src, (nuint)k), Vector256<T>.Zero).ExtractMostSignificantBits();
                bits |= zero << k;
            }

            return ~bits;
        }

        if (Vector128.IsHardwareAccelerated)
        {
            int count = Vector128<T>.Count;
            for (int k = 0; k < 64; k += count)
            {
                ulong zero = Vector128.Equals(Vector128.LoadUnsafe(ref src, (nuint)k), Vector128<T>.Zero).ExtractMostSignificantBits();
                bits |= zero << k;
            }

            return ~bits;
        }

        for (int i = 0; i < 64; i++)
        {
            if (IsNonZero(Unsafe.Add(ref src, i)))
            {
                bits |= 1UL << i;
            }
        }

        return bits;
    }
}

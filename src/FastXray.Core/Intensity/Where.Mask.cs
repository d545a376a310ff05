using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Intensity;

public static partial class Where
{
    /// <summary><c>np.where(x op t, 1, 0)</c> as a byte mask of 0 and 1.</summary>
    /// <remarks>
    /// <c>out_i = (x_i op t) ? 1 : 0</c>. NumPy returns int64 here; a 0/1 byte mask holds the same values and is
    /// what <see cref="MaskLogic"/> combines. Lanes: each output vector of bytes takes one vector of byte pixels,
    /// two of ushort or four of float, whose all-ones comparison masks narrow (truncate) to 0xFF bytes and are
    /// ANDed with 1. For byte images source and destination may be the same buffer.
    /// </remarks>
    public static void Mask<T>(ReadOnlyImageSpan<T> source, CompareOp op, double threshold, ImageSpan<byte> destination)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        ImageSpanValidation.SameSize(source, destination);
        var range = ThresholdRange<T>.Create(op, threshold);
        int spans = ImageRows.Count(source, destination);
        for (int r = 0; r < spans; r++)
        {
            ReadOnlySpan<T> src = ImageRows.GetSource(source, destination, r);
            Span<byte> dst = ImageRows.GetDestination(source, destination, r);
            switch (range.Outcome)
            {
                case ThresholdOutcome.None:
                    dst.Clear();
                    break;
                case ThresholdOutcome.All:
                    dst.Fill(1);
                    break;
                default:
                    MaskRow(src, dst, range);
                    break;
            }
        }
    }

    internal static void MaskRow<T>(ReadOnlySpan<T> source, Span<byte> destination, in ThresholdRange<T> range)
        where T : unmanaged
    {
        ref T s = ref MemoryMarshal.GetReference(source);
        ref byte d = ref MemoryMarshal.GetReference(destination);
        int n = source.Length;
        SimdLevel level = SimdCapabilities.Active;
        if (Vector512.IsHardwareAccelerated && level >= SimdLevel.Vector512 && n >= Vector512<byte>.Count)
        {
            Vector512<byte> one = Vector512<byte>.One;
            int last = n - Vector512<byte>.Count;
            Vector512<byte> tail = Block512(ref s, last, range);
            for (int i = 0; i < last; i += Vector512<byte>.Count)
            {
                (Block512(ref s, i, range) & one).StoreUnsafe(ref d, (nuint)i);
            }

            (tail & one).StoreUnsafe(ref d, (nuint)last);
            return;
        }

        if (Vector256.IsHardwareAccelerated && level >= SimdLevel.Vector256 && n >= Vector256<byte>.Count)
        {
            Vector256<byte> one = Vector256<byte>.One;
            int last = n - Vector256<byte>.Count;
            Vector256<byte> tail = Block256(ref s, last, range);
            for (int i = 0; i < last; i += Vector256<byte>.Count)
            {
                (Block256(ref s, i, range) & one).StoreUnsafe(ref d, (nuint)i);
            }

            (tail & one).StoreUnsafe(ref d, (nuint)last);
            return;
        }

        if (Vector128.IsHardwareAccelerated && level >= SimdLevel.Vector128 && n >= Vector128<byte>.Count)
        {
            Vector128<byte> one = Vector128<byte>.One;
            int last = n - Vector128<byte>.Count;
            Vector128<byte> tail = Block128(ref s, last, range);
            for (int i = 0; i < last; i += Vector128<byte>.Count)
            {
                (Block128(ref s, i, range) & one).StoreUnsafe(ref d, (nuint)i);
            }

            (tail & one).StoreUnsafe(ref d, (nuint)last);
            return;
        }

        for (int i = 0; i < n; i++)
        {
            Unsafe.Add(ref d, i) = range.Matches(Unsafe.Add(ref s, i)) ? (byte)1 : (byte)0;
        }
    }

    /// <summary>Comparison masks of the Vector512&lt;byte&gt;.Count pixels at <paramref name="i"/>, narrowed to bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Block512<T>(ref T s, int i, in ThresholdRange<T> range)
        where T : unmanaged
    {
        nuint at = (nuint)i;
        nuint step = (nuint)Vector512<T>.Count;
        if (typeof(T) == typeof(byte))
        {
            return range.Matches(Vector512.LoadUnsafe(ref s, at)).AsByte();
        }

        if (typeof(T) == typeof(ushort))
        {
            return Vector512.Narrow(
                range.Matches(Vector512.LoadUnsafe(ref s, at)).AsUInt16(),
                range.Matches(Vector512.LoadUnsafe(ref s, at + step)).AsUInt16());
        }

        Vector512<ushort> a = Vector512.Narrow(
            range.Matches(Vector512.LoadUnsafe(ref s, at)).AsUInt32(),
            range.Matches(Vector512.LoadUnsafe(ref s, at + step)).AsUInt32());
        Vector512<ushort> b = Vector512.Narrow(
            range.Matches(Vector512.LoadUnsafe(ref s, at + (2 * step))).AsUInt32(),
            range.Matches(Vector512.LoadUnsafe(ref s, at + (3 * step))).AsUInt32());
        return Vector512.Narrow(a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Block256<T>(ref T s, int i, in ThresholdRange<T> range)
        where T : unmanaged
    {
        nuint at = (nuint)i;
        nuint step = (nuint)Vector256<T>.Count;
        if (typeof(T) == typeof(byte))
        {
            return range.Matches(Vector256.LoadUnsafe(ref s, at)).AsByte();
        }

        if (typeof(T) == typeof(ushort))
        {
            return Vector256.Narrow(
                range.Matches(Vector256.LoadUnsafe(ref s, at)).AsUInt16(),
                range.Matches(Vector256.LoadUnsafe(ref s, at + step)).AsUInt16());
        }

        Vector256<ushort> a = Vector256.Narrow(
            range.Matches(Vector256.LoadUnsafe(ref s, at)).AsUInt32(),
            range.Matches(Vector256.LoadUnsafe(ref s, at + step)).AsUInt32());
        Vector256<ushort> b = Vector256.Narrow(
            range.Matches(Vector256.LoadUnsafe(ref s, at + (2 * step))).AsUInt32(),
            range.Matches(Vector256.LoadUnsafe(ref s, at + (3 * step))).AsUInt32());
        return Vector256.Narrow(a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Block128<T>(ref T s, int i, in ThresholdRange<T> range)
        where T : unmanaged
    {
        nuint at = (nuint)i;
        nuint step = (nuint)Vector128<T>.Count;
        if (typeof(T) == typeof(byte))
        {
            return range.Matches(Vector128.LoadUnsafe(ref s, at)).AsByte();
        }

        if (typeof(T) == typeof(ushort))
        {
            return Vector128.Narrow(
                range.Matches(Vector128.LoadUnsafe(ref s, at)).AsUInt16(),
                range.Matches(Vector128.LoadUnsafe(ref s, at + step)).AsUInt16());
        }

        Vector128<ushort> a = Vector128.Narrow(
            range.Matches(Vector128.LoadUnsafe(ref s, at)).AsUInt32(),
            range.Matches(Vector128.LoadUnsafe(ref s, at + step)).AsUInt32());
        Vector128<ushort> b = Vector128.Narrow(
            range.Matches(Vector128.LoadUnsafe(ref s, at + (2 * step))).AsUInt32(),
            range.Matches(Vector128.LoadUnsafe(ref s, at + (3 * step))).AsUInt32());
        return Vector128.Narrow(a, b);
    }
}

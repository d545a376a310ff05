using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Cli.Ops;

/// <summary>
/// Narrows float32 images that hold exact integers (<see cref="OpContext.IntegerSamples"/>) back to their stored
/// 8- or 16-bit type, so ops can use the integer kernels (histogram-based rank filters, 8-bit equalisation). The
/// values are already integers in range, so truncation is exact; nothing is rounded or clipped here.
/// </summary>
internal static class IntegerSamples
{
    /// <summary>A pooled packed copy (width x height, no padding) of <paramref name="source"/> as <typeparamref name="T"/>; return it with <see cref="Return{T}"/>.</summary>
    public static T[] Rent<T>(ReadOnlyImageSpan<float> source)
        where T : unmanaged
    {
        int w = source.Width;
        T[] packed = ArrayPool<T>.Shared.Rent(Math.Max(checked(w * source.Height), 1));
        for (int y = 0; y < source.Height; y++)
        {
            if (typeof(T) == typeof(byte))
            {
                ToBytes(source.Row(y), MemoryMarshal.Cast<T, byte>(packed.AsSpan(y * w, w)));
            }
            else
            {
                ToUInt16(source.Row(y), MemoryMarshal.Cast<T, ushort>(packed.AsSpan(y * w, w)));
            }
        }

        return packed;
    }

    public static void Return<T>(T[] packed) => ArrayPool<T>.Shared.Return(packed);

    /// <summary>
    /// float → int32 → uint16 → uint8, 32 or 16 pixels a step; the generic Narrow keeps element order. The conversion
    /// goes through int32 (cvttps2dq) because float → uint32 has no instruction before AVX-512 and is emulated;
    /// the values are non-negative, so the int32 bits read as uint32 are the same numbers.
    /// </summary>
    private static void ToBytes(ReadOnlySpan<float> source, Span<byte> destination)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= source.Length - 32; i += 32)
            {
                Vector256<ushort> lo = Vector256.Narrow(Vector256.ConvertToInt32(Vector256.Create(source.Slice(i))).AsUInt32(), Vector256.ConvertToInt32(Vector256.Create(source.Slice(i + 8))).AsUInt32());
                Vector256<ushort> hi = Vector256.Narrow(Vector256.ConvertToInt32(Vector256.Create(source.Slice(i + 16))).AsUInt32(), Vector256.ConvertToInt32(Vector256.Create(source.Slice(i + 24))).AsUInt32());
                Vector256.Narrow(lo, hi).CopyTo(destination.Slice(i));
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= source.Length - 16; i += 16)
            {
                Vector128<ushort> lo = Vector128.Narrow(Vector128.ConvertToInt32(Vector128.Create(source.Slice(i))).AsUInt32(), Vector128.ConvertToInt32(Vector128.Create(source.Slice(i + 4))).AsUInt32());
                Vector128<ushort> hi = Vector128.Narrow(Vector128.ConvertToInt32(Vector128.Create(source.Slice(i + 8))).AsUInt32(), Vector128.ConvertToInt32(Vector128.Create(source.Slice(i + 12))).AsUInt32());
                Vector128.Narrow(lo, hi).CopyTo(destination.Slice(i));
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = (byte)source[i];
        }
    }

    private static void ToUInt16(ReadOnlySpan<float> source, Span<ushort> destination)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= source.Length - 16; i += 16)
            {
                Vector256.Narrow(Vector256.ConvertToInt32(Vector256.Create(source.Slice(i))).AsUInt32(), Vector256.ConvertToInt32(Vector256.Create(source.Slice(i + 8))).AsUInt32()).CopyTo(destination.Slice(i));
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= source.Length - 8; i += 8)
            {
                Vector128.Narrow(Vector128.ConvertToInt32(Vector128.Create(source.Slice(i))).AsUInt32(), Vector128.ConvertToInt32(Vector128.Create(source.Slice(i + 4))).AsUInt32()).CopyTo(destination.Slice(i));
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = (ushort)source[i];
        }
    }
}

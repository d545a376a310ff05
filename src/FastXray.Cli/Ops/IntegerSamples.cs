using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Cli.Ops;

/// <summary>An op's kernel call for any sample type the driver in <see cref="IntegerSamples"/> hands it.</summary>
internal interface ISampleKernel
{
    void Run<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination)
        where T : unmanaged;
}

/// <summary>
/// Narrows float32 images that hold exact integers (<see cref="OpContext.IntegerSamples"/>) back to their stored
/// 8- or 16-bit type, so ops can use the integer kernels (histogram-based rank filters, 8-bit equalisation). The
/// values are already integers in range, so truncation is exact; nothing is rounded or clipped here.
/// </summary>
internal static class IntegerSamples
{
    /// <summary>A pooled packed copy (width x height, no padding) of <paramref name="source"/> as <typeparamref name="T"/>; return it with <see cref="Return{T}"/>.</summary>
    private static T[] Rent<T>(ReadOnlyImageSpan<float> source)
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

    private static void Return<T>(T[] packed) => ArrayPool<T>.Shared.Return(packed);

    /// <summary>
    /// Runs <paramref name="kernel"/> on the stored 8/16-bit samples when <paramref name="context"/> says the float
    /// source holds them exactly, otherwise on the float source as it is: for kernels whose result does not
    /// depend on the input type (rank values are samples; box sums of integers are exact).
    /// </summary>
    public static void RunExact<TKernel>(ReadOnlyImageSpan<float> source, ImageSpan<float> destination, OpContext context, TKernel kernel)
        where TKernel : ISampleKernel
    {
        if (context.IntegerSamples && context.SourceBitDepth == 8)
        {
            Narrowed<byte, TKernel>(source, destination, kernel, null);
        }
        else if (context.IntegerSamples && context.SourceBitDepth == 16)
        {
            Narrowed<ushort, TKernel>(source, destination, kernel, null);
        }
        else
        {
            kernel.Run(source, destination);
        }
    }

    /// <summary>
    /// Runs <paramref name="kernel"/> on integer samples, for ops defined only on them (equalisation, CLAHE):
    /// 16-bit for a 16-bit source, 8-bit otherwise; samples that are not exact are rounded and range-checked
    /// (<see cref="RentRounded{T}"/>, whose error names <paramref name="op"/>).
    /// </summary>
    public static void RunStored<TKernel>(ReadOnlyImageSpan<float> source, ImageSpan<float> destination, OpContext context, string op, TKernel kernel)
        where TKernel : ISampleKernel
    {
        if (context.SourceBitDepth == 16)
        {
            Narrowed<ushort, TKernel>(source, destination, kernel, context.IntegerSamples ? null : op);
        }
        else
        {
            Narrowed<byte, TKernel>(source, destination, kernel, context.IntegerSamples && context.SourceBitDepth == 8 ? null : op);
        }
    }

    private static void Narrowed<T, TKernel>(ReadOnlyImageSpan<float> source, ImageSpan<float> destination, TKernel kernel, string? roundingOp)
        where T : unmanaged
        where TKernel : ISampleKernel
    {
        T[] packed = roundingOp is null ? Rent<T>(source) : RentRounded<T>(source, roundingOp);
        try
        {
            kernel.Run(new ReadOnlyImageSpan<T>(packed.AsSpan(0, source.Width * source.Height), source.Width, source.Height), destination);
        }
        finally
        {
            Return(packed);
        }
    }

    /// <summary>
    /// Like <see cref="Rent{T}"/> for samples that may not be integers: each is rounded to the nearest integer (half
    /// to even) and must then lie in the type's range, or this throws, naming <paramref name="op"/> and the value
    /// (a silent clip would hide a missing normalisation).
    /// </summary>
    /// <exception cref="ArgumentException">A sample is NaN or rounds outside 0..255 (byte) or 0..65535 (ushort).</exception>
    private static T[] RentRounded<T>(ReadOnlyImageSpan<float> source, string op)
        where T : unmanaged
    {
        int top = typeof(T) == typeof(byte) ? byte.MaxValue : ushort.MaxValue;
        int w = source.Width;
        T[] packed = ArrayPool<T>.Shared.Rent(Math.Max(checked(w * source.Height), 1));
        for (int y = 0; y < source.Height; y++)
        {
            ReadOnlySpan<float> row = source.Row(y);
            Span<T> o = packed.AsSpan(y * w, w);
            for (int x = 0; x < row.Length; x++)
            {
                float v = MathF.Round(row[x]);
                if (!(v >= 0 && v <= top))
                {
                    ArrayPool<T>.Shared.Return(packed);
                    throw new ArgumentException($"{op} needs {(top == byte.MaxValue ? "8-bit" : "16-bit")} samples (0..{top}) but found {row[x]}; add normalize before it");
                }

                if (typeof(T) == typeof(byte))
                {
                    MemoryMarshal.Cast<T, byte>(o)[x] = (byte)v;
                }
                else
                {
                    MemoryMarshal.Cast<T, ushort>(o)[x] = (ushort)v;
                }
            }
        }

        return packed;
    }

    /// <summary>Writes packed 8-bit results (0/1 masks, 0/255 edges, equalised levels) into a float image.</summary>
    public static void Widen(ReadOnlySpan<byte> packed, ImageSpan<float> destination)
    {
        for (int y = 0; y < destination.Height; y++)
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertChecked<byte, float>(packed.Slice(y * destination.Width, destination.Width), destination.Row(y));
        }
    }

    /// <summary>Writes packed 16-bit results into a float image.</summary>
    public static void Widen(ReadOnlySpan<ushort> packed, ImageSpan<float> destination)
    {
        for (int y = 0; y < destination.Height; y++)
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertChecked<ushort, float>(packed.Slice(y * destination.Width, destination.Width), destination.Row(y));
        }
    }

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

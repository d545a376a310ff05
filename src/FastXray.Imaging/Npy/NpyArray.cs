using System.Runtime.InteropServices;

namespace FastXray.Imaging.Npy;

/// <summary>An n-D array read from or written to <c>.npy</c>: dtype, shape and raw little-endian C-order bytes.</summary>
public sealed class NpyArray
{
    /// <summary>Wraps raw bytes; <paramref name="data"/> length must equal the product of <paramref name="shape"/> times the element size.</summary>
    public NpyArray(NpyDType dtype, int[] shape, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                ThrowHelper.ThrowArgument(nameof(shape), "Negative dimension.");
            }

            count *= d;
        }

        if (count * dtype.Size() != data.Length)
        {
            ThrowHelper.ThrowArgument(nameof(data), $"Shape ({string.Join(", ", shape)}) of {dtype} needs {count * dtype.Size()} bytes, got {data.Length}.");
        }

        DType = dtype;
        Shape = shape;
        Data = data;
        Length = count;
    }

    /// <summary>Element type.</summary>
    public NpyDType DType { get; }

    /// <summary>Dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>Raw element bytes (little-endian, C order).</summary>
    public byte[] Data { get; }

    /// <summary>Number of elements.</summary>
    public long Length { get; }

    /// <summary>Height and width of a 2-D array, or (1, n) for 1-D and (1, 1) for 0-D.</summary>
    public (int Height, int Width) Shape2D => Shape.Length switch
    {
        0 => (1, 1),
        1 => (1, Shape[0]),
        2 => (Shape[0], Shape[1]),
        _ => ThrowHelper.ThrowFormat<(int, int)>($"expected a 1-D or 2-D array, got {Shape.Length}-D"),
    };

    /// <summary>Creates an array from typed elements.</summary>
    public static NpyArray From<T>(ReadOnlySpan<T> values, params int[] shape)
        where T : unmanaged =>
        new(NpyDTypes.For<T>(), shape, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>The elements reinterpreted as <typeparamref name="T"/>, which must match <see cref="DType"/>.</summary>
    public ReadOnlySpan<T> AsSpan<T>()
        where T : unmanaged
    {
        if (NpyDTypes.For<T>() != DType)
        {
            ThrowHelper.ThrowArgument(nameof(T), $"Array holds {DType}, not {typeof(T).Name}.");
        }

        return MemoryMarshal.Cast<byte, T>(Data);
    }

    /// <summary>Every element converted to double (bool as 0/1).</summary>
    public double[] ToDoubleArray()
    {
        var result = new double[Length];
        switch (DType)
        {
            case NpyDType.Bool:
            case NpyDType.UInt8:
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = Data[i];
                }

                break;
            case NpyDType.UInt16:
                Convert(MemoryMarshal.Cast<byte, ushort>(Data), result);
                break;
            case NpyDType.Int64:
                Convert(MemoryMarshal.Cast<byte, long>(Data), result);
                break;
            case NpyDType.Float32:
                Convert(MemoryMarshal.Cast<byte, float>(Data), result);
                break;
            case NpyDType.Float16:
                ReadOnlySpan<Half> halves = MemoryMarshal.Cast<byte, Half>(Data);
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = (double)halves[i];
                }

                break;
            default:
                MemoryMarshal.Cast<byte, double>(Data).CopyTo(result);
                break;
        }

        return result;
    }

    /// <summary>Every element converted to float (bool as 0/1).</summary>
    public float[] ToSingleArray()
    {
        double[] d = ToDoubleArray();
        var result = new float[d.Length];
        for (int i = 0; i < d.Length; i++)
        {
            result[i] = (float)d[i];
        }

        return result;
    }

    private static void Convert<T>(ReadOnlySpan<T> source, double[] destination)
        where T : unmanaged, IConvertible
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i].ToDouble(null);
        }
    }
}

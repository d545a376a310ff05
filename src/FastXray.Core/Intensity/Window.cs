using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Intensity;

/// <summary>Which DICOM VOI LUT function <see cref="Window"/> applies (PS3.3 C.11.2.1.2 and C.11.2.1.3.2).</summary>
public enum WindowFunction
{
    /// <summary>DICOM <c>LINEAR</c> (the default): the window spans <c>c - 0.5 ± (w - 1)/2</c>; width at least 1.</summary>
    Linear = 0,

    /// <summary>DICOM <c>LINEAR_EXACT</c>: the window spans exactly <c>c ± w/2</c>; width greater than 0.</summary>
    LinearExact,

    /// <summary>DICOM <c>SIGMOID</c> (C.11.2.1.3.1): <c>255 / (1 + exp(-4 (x - c) / w))</c>; width greater than 0.</summary>
    Sigmoid,
}

/// <summary>Window centre/width (the DICOM linear VOI function) mapping stored values to 0..255.</summary>
/// <remarks>
/// <para><see cref="WindowFunction.Linear"/> (PS3.3 C.11.2.1.2.1), with ymin = 0 and ymax = 255:
/// <c>x &lt;= c - 0.5 - (w-1)/2 → 0</c>; <c>x &gt; c - 0.5 + (w-1)/2 → 255</c>;
/// otherwise <c>((x - (c - 0.5)) / (w-1) + 0.5) * 255</c>.</para>
/// <para><see cref="WindowFunction.LinearExact"/> (C.11.2.1.3.2): <c>x &lt;= c - w/2 → 0</c>; <c>x &gt; c + w/2 → 255</c>;
/// otherwise <c>((x - c) / w + 0.5) * 255</c>.</para>
/// <para><see cref="WindowFunction.Sigmoid"/> (C.11.2.1.3.1): see <see cref="SigmoidWindow"/>.</para>
/// <para>The two comparisons are exact: each double threshold T becomes the largest float32 not above it, which gives the
/// same decision for every float32 sample. Inside the window the value is computed in float32 as
/// <c>((x - o_hi) - o_lo) * s + 127.5</c>, with the origin split into a float and its float remainder so a large centre (16-bit
/// data) loses no precision; results are within a few 1e-5 of the float64 formula, clamped to [0, 255].
/// The byte outputs round that value to the nearest integer, ties to even. A float NaN sample lies in neither tail, so the
/// float output is NaN, as the formula gives; the byte output is 0 there.</para>
/// <para>Element-wise SIMD: rows are widened to float in chunks of 256 on the stack, mapped with Vector512/256/128
/// (last vector overlapping, which rewrites identical values) and, for byte output, rounded and narrowed. The
/// destination may be the same memory as the source.</para>
/// </remarks>
public static class Window
{
    private const int Chunk = 256;

    /// <summary>Maps <paramref name="source"/> to float32 values in 0..255.</summary>
    /// <param name="source">Stored values (byte, ushort or float).</param>
    /// <param name="destination">Same size as the source.</param>
    /// <param name="center">Window centre c.</param>
    /// <param name="width">Window width w: at least 1 for <see cref="WindowFunction.Linear"/>, above 0 for <see cref="WindowFunction.LinearExact"/>.</param>
    /// <param name="function">The VOI LUT function.</param>
    /// <remarks>See <see cref="Window"/> for the formulas.</remarks>
    [SkipLocalsInit]
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, double center, double width, WindowFunction function = WindowFunction.Linear)
        where T : unmanaged
    {
        WindowOperator op = Prepare(source, destination, center, width, function);
        Span<float> buffer = stackalloc float[Chunk];
        for (int y = 0; y < source.Height; y++)
        {
            ReadOnlySpan<T> src = source.Row(y);
            Span<float> dst = destination.Row(y);
            for (int x = 0; x < src.Length; x += Chunk)
            {
                int n = Math.Min(Chunk, src.Length - x);
                PixelConvert.ToSingle(src.Slice(x, n), buffer);
                MapAny(op, function, center, width, buffer[..n], dst.Slice(x, n));
            }
        }
    }

    /// <summary>Maps <paramref name="source"/> to bytes 0..255 (the float result rounded to nearest, ties to even).</summary>
    /// <param name="source">Stored values (byte, ushort or float).</param>
    /// <param name="destination">Same size as the source.</param>
    /// <param name="center">Window centre c.</param>
    /// <param name="width">Window width w: at least 1 for <see cref="WindowFunction.Linear"/>, above 0 for <see cref="WindowFunction.LinearExact"/>.</param>
    /// <param name="function">The VOI LUT function.</param>
    /// <remarks>See <see cref="Window"/> for the formulas.</remarks>
    [SkipLocalsInit]
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<byte> destination, double center, double width, WindowFunction function = WindowFunction.Linear)
        where T : unmanaged
    {
        WindowOperator op = Prepare(source, destination, center, width, function);
        Span<float> buffer = stackalloc float[Chunk];
        Span<float> mapped = stackalloc float[Chunk];
        for (int y = 0; y < source.Height; y++)
        {
            ReadOnlySpan<T> src = source.Row(y);
            Span<byte> dst = destination.Row(y);
            for (int x = 0; x < src.Length; x += Chunk)
            {
                int n = Math.Min(Chunk, src.Length - x);
                PixelConvert.ToSingle(src.Slice(x, n), buffer);
                MapAny(op, function, center, width, buffer[..n], mapped[..n]);
                RoundToBytes(mapped[..n], dst.Slice(x, n));
            }
        }
    }

    private static WindowOperator Prepare<T, TOut>(ReadOnlyImageSpan<T> source, ImageSpan<TOut> destination, double center, double width, WindowFunction function)
        where T : unmanaged
        where TOut : unmanaged
    {
        if (!PixelConvert.IsSupported<T>())
        {
            ThrowHelper.ThrowNotSupportedType<T>();
        }

        ImageSpanValidation.SameSize(source, destination);
        if (!double.IsFinite(center))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(center), "The window centre must be finite.");
        }

        switch (function)
        {
            case WindowFunction.Linear when !(width >= 1) || double.IsInfinity(width):
                ThrowHelper.ThrowArgumentOutOfRange(nameof(width), "The LINEAR window width must be at least 1.");
                break;
            case WindowFunction.LinearExact when !(width > 0) || double.IsInfinity(width):
                ThrowHelper.ThrowArgumentOutOfRange(nameof(width), "The LINEAR_EXACT window width must be greater than 0.");
                break;
            case WindowFunction.Sigmoid when !(width > 0) || double.IsInfinity(width):
                ThrowHelper.ThrowArgumentOutOfRange(nameof(width), "The SIGMOID window width must be greater than 0.");
                break;
            case WindowFunction.Linear or WindowFunction.LinearExact or WindowFunction.Sigmoid:
                break;
            default:
                ThrowHelper.ThrowArgumentOutOfRange(nameof(function), "Unknown window function.");
                break;
        }

        return function == WindowFunction.Sigmoid ? default : WindowOperator.Create(center, width, function);
    }

    /// <summary>The linear maps through <see cref="WindowOperator"/>; SIGMOID through <see cref="SigmoidWindow"/>.</summary>
    private static void MapAny(in WindowOperator op, WindowFunction function, double center, double width, ReadOnlySpan<float> source, Span<float> destination)
    {
        if (function == WindowFunction.Sigmoid)
        {
            SigmoidWindow.Map(source, destination, center, width);
        }
        else
        {
            Map(op, source, destination);
        }
    }

    /// <summary>The element-wise map; the last vector overlaps the previous one (the source is not the destination).</summary>
    internal static void Map(in WindowOperator op, ReadOnlySpan<float> source, Span<float> destination)
    {
        int n = source.Length;
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            int last = n - Vector512<float>.Count;
            for (int i = 0; ; i += Vector512<float>.Count)
            {
                i = Math.Min(i, last);
                op.Invoke(Vector512.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
                if (i == last)
                {
                    return;
                }
            }
        }

        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            int last = n - Vector256<float>.Count;
            for (int i = 0; ; i += Vector256<float>.Count)
            {
                i = Math.Min(i, last);
                op.Invoke(Vector256.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
                if (i == last)
                {
                    return;
                }
            }
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            int last = n - Vector128<float>.Count;
            for (int i = 0; ; i += Vector128<float>.Count)
            {
                i = Math.Min(i, last);
                op.Invoke(Vector128.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
                if (i == last)
                {
                    return;
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            Unsafe.Add(ref dst, i) = op.Invoke(Unsafe.Add(ref src, i));
        }
    }

    /// <summary>Rounds values in [0, 255] (or NaN) to bytes, ties to even, NaN to 0; overlapping last vector.</summary>
    /// <remarks>Lanes: 8 floats round and convert to 8 int32, which narrow to 16-bit and then to 8 bytes (values are in
    /// range, so the truncating narrow is exact); 512-bit registers are not needed for a pass this cheap.</remarks>
    internal static void RoundToBytes(ReadOnlySpan<float> source, Span<byte> destination)
    {
        int n = source.Length;
        ref float src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            int last = n - Vector256<float>.Count;
            for (int i = 0; ; i += Vector256<float>.Count)
            {
                i = Math.Min(i, last);
                Vector256<float> v = Vector256.LoadUnsafe(ref src, (nuint)i);
                v = Vector256.ConditionalSelect(Vector256.Equals(v, v), v, Vector256<float>.Zero);
                Vector256<int> r = Vector256.ConvertToInt32(Vector256.Round(v));
                Vector256<ushort> w = Vector256.Narrow(r.AsUInt32(), r.AsUInt32());
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, i), Vector256.Narrow(w, w).AsUInt64().ToScalar());
                if (i == last)
                {
                    return;
                }
            }
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            int last = n - Vector128<float>.Count;
            for (int i = 0; ; i += Vector128<float>.Count)
            {
                i = Math.Min(i, last);
                Vector128<float> v = Vector128.LoadUnsafe(ref src, (nuint)i);
                v = Vector128.ConditionalSelect(Vector128.Equals(v, v), v, Vector128<float>.Zero);
                Vector128<int> r = Vector128.ConvertToInt32(Vector128.Round(v));
                Vector128<ushort> w = Vector128.Narrow(r.AsUInt32(), r.AsUInt32());
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, i), Vector128.Narrow(w, w).AsUInt32().ToScalar());
                if (i == last)
                {
                    return;
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            float v = Unsafe.Add(ref src, i);
            Unsafe.Add(ref dst, i) = float.IsNaN(v) ? (byte)0 : (byte)MathF.Round(v);
        }
    }
}

/// <summary>The window as float32 constants: two exact thresholds and the in-window affine map.</summary>
internal readonly struct WindowOperator
{
    private readonly float _low;
    private readonly float _high;
    private readonly float _originHi;
    private readonly float _originLo;
    private readonly float _scale;

    private WindowOperator(float low, float high, float originHi, float originLo, float scale)
    {
        _low = low;
        _high = high;
        _originHi = originHi;
        _originLo = originLo;
        _scale = scale;
    }

    public static WindowOperator Create(double center, double width, WindowFunction function)
    {
        bool exact = function == WindowFunction.LinearExact;
        double origin = exact ? center : center - 0.5;
        double half = exact ? width / 2 : (width - 1) / 2;
        double span = exact ? width : width - 1;
        float originHi = (float)origin;
        // With LINEAR and w = 1 the window is empty (low == high), so the scale is never used.
        float scale = span > 0 ? (float)(255.0 / span) : 0f;
        return new WindowOperator(FloorToSingle(origin - half), FloorToSingle(origin + half), originHi, (float)(origin - originHi), scale);
    }

    /// <summary>The largest float32 not above <paramref name="value"/>: for float32 x, x &lt;= value exactly when x &lt;= it.</summary>
    private static float FloorToSingle(double value)
    {
        float f = (float)value;
        return f > value ? MathF.BitDecrement(f) : f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Invoke(float x)
    {
        if (x <= _low)
        {
            return 0f;
        }

        if (x > _high)
        {
            return 255f;
        }

        float y = (((x - _originHi) - _originLo) * _scale) + 127.5f;
        return float.IsNaN(y) ? y : Math.Clamp(y, 0f, 255f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Invoke(Vector128<float> x)
    {
        Vector128<float> y = (((x - Vector128.Create(_originHi)) - Vector128.Create(_originLo)) * Vector128.Create(_scale)) + Vector128.Create(127.5f);
        // Clamp without touching NaN: compare-and-select keeps a NaN lane (both compares are false).
        y = Vector128.ConditionalSelect(Vector128.LessThan(y, Vector128<float>.Zero), Vector128<float>.Zero, y);
        y = Vector128.ConditionalSelect(Vector128.GreaterThan(y, Vector128.Create(255f)), Vector128.Create(255f), y);
        y = Vector128.ConditionalSelect(Vector128.LessThanOrEqual(x, Vector128.Create(_low)), Vector128<float>.Zero, y);
        return Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128.Create(_high)), Vector128.Create(255f), y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Invoke(Vector256<float> x)
    {
        Vector256<float> y = (((x - Vector256.Create(_originHi)) - Vector256.Create(_originLo)) * Vector256.Create(_scale)) + Vector256.Create(127.5f);
        y = Vector256.ConditionalSelect(Vector256.LessThan(y, Vector256<float>.Zero), Vector256<float>.Zero, y);
        y = Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256.Create(255f)), Vector256.Create(255f), y);
        y = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256.Create(_low)), Vector256<float>.Zero, y);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(_high)), Vector256.Create(255f), y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Invoke(Vector512<float> x)
    {
        Vector512<float> y = (((x - Vector512.Create(_originHi)) - Vector512.Create(_originLo)) * Vector512.Create(_scale)) + Vector512.Create(127.5f);
        y = Vector512.ConditionalSelect(Vector512.LessThan(y, Vector512<float>.Zero), Vector512<float>.Zero, y);
        y = Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512.Create(255f)), Vector512.Create(255f), y);
        y = Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512.Create(_low)), Vector512<float>.Zero, y);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(_high)), Vector512.Create(255f), y);
    }
}

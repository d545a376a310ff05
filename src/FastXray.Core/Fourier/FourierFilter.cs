using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Fourier;

/// <summary>
/// Multiplies an image element-wise by a separable factor <c>rowFactor[y]·columnFactor[x]</c>: the whole of
/// scipy's fourier_gaussian / fourier_uniform once the factors are known (no FFT is involved).
/// </summary>
/// <remarks>
/// Per element, in float32: <c>out = in·(columnFactor[x]·rowFactor[y])</c>, the order scipy uses in double.
/// Complex rows are float rows of twice the width with each column factor repeated for (re, im).
/// The SIMD row loop ends with an overlapping last vector that is loaded before the loop, so exact in-place
/// operation (source = destination) is safe.
/// </remarks>
internal static class FourierFilter
{
    public static void Real<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, ReadOnlySpan<float> rowFactor, ReadOnlySpan<float> columnFactor)
        where T : unmanaged
    {
        switch (FftIsa.Lanes)
        {
            case 16: Real<Vector512<float>, Lanes512, T>(source, destination, rowFactor, columnFactor); break;
            case 8: Real<Vector256<float>, Lanes256, T>(source, destination, rowFactor, columnFactor); break;
            case 4: Real<Vector128<float>, Lanes128, T>(source, destination, rowFactor, columnFactor); break;
            default: Real<float, ScalarLanes, T>(source, destination, rowFactor, columnFactor); break;
        }
    }

    public static void Complex(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination, ReadOnlySpan<float> rowFactor, ReadOnlySpan<float> columnFactor)
    {
        int width = source.Width;
        float[] pairs = ArrayPool<float>.Shared.Rent(2 * width);
        try
        {
            for (int x = 0; x < width; x++)
            {
                pairs[2 * x] = columnFactor[x];
                pairs[(2 * x) + 1] = columnFactor[x];
            }

            var s = new ReadOnlyImageSpan<float>(MemoryMarshal.Cast<Complex32, float>(source.Data), 2 * width, source.Height, 2 * source.Stride);
            var d = new ImageSpan<float>(MemoryMarshal.Cast<Complex32, float>(destination.Data), 2 * width, destination.Height, 2 * destination.Stride);
            Real(s, d, rowFactor, pairs.AsSpan(0, 2 * width));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pairs);
        }
    }

    private static void Real<TV, TOps, T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, ReadOnlySpan<float> rowFactor, ReadOnlySpan<float> columnFactor)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
        where T : unmanaged
    {
        for (int y = 0; y < source.Height; y++)
        {
            Span<float> row = destination.Row(y);
            if (typeof(T) == typeof(float))
            {
                ScaleRow<TV, TOps>(MemoryMarshal.Cast<T, float>(source.Row(y)), columnFactor, rowFactor[y], row);
            }
            else
            {
                PixelConvert.ToSingle(source.Row(y), row);
                ScaleRow<TV, TOps>(row, columnFactor, rowFactor[y], row);
            }
        }
    }

    /// <summary><c>destination[i] = source[i]·(factor[i]·scale)</c>; source may be destination.</summary>
    internal static void ScaleRow<TV, TOps>(ReadOnlySpan<float> source, ReadOnlySpan<float> factor, float scale, Span<float> destination)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int n = source.Length;
        int lanes = TOps.Count;
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float f = ref MemoryMarshal.GetReference(factor);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (lanes > 1 && n >= lanes)
        {
            TV s = TOps.Broadcast(scale);
            nuint last = (nuint)(n - lanes);
            TV tail = TOps.Multiply(TOps.Load(ref src, last), TOps.Multiply(TOps.Load(ref f, last), s));
            for (; i <= n - lanes; i += lanes)
            {
                TOps.Store(TOps.Multiply(TOps.Load(ref src, (nuint)i), TOps.Multiply(TOps.Load(ref f, (nuint)i), s)), ref dst, (nuint)i);
            }

            TOps.Store(tail, ref dst, last);
            return;
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref dst, i) = Unsafe.Add(ref src, i) * (Unsafe.Add(ref f, i) * scale);
        }
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastXray.Threading;

namespace FastXray.Fourier;

/// <summary>
/// A two-dimensional DFT of one image size with NumPy's conventions (<c>fft2</c>, <c>ifft2</c>, <c>rfft2</c>,
/// <c>irfft2</c>): exact for every size, forward unscaled, inverse scaled by 1/(H·W).
/// </summary>
/// <remarks>
/// <para><c>X[u,v] = Σ_y Σ_x x[y,x]·exp(−2πi·(uy/H + vx/W))</c>. The real-input spectrum has NumPy's rfft2 layout:
/// H rows of W/2+1 values (columns 0..W/2 of the full spectrum).</para>
/// <para>Both passes run a batch of independent 1-D transforms, one per SIMD lane (16, 8, 4 or 1 lanes): the row
/// pass moves L rows (real input: 2L rows packed in pairs as x + i·y) through in-register tile transposes, the
/// column pass takes L adjacent columns from each row with plain loads. No column is ever walked alone.</para>
/// <para>Real input uses the two-for-one split: rows y and y+1 are transformed together as z = x_y + i·x_{y+1} and
/// separated with X = (Z[k] + conj Z[−k])/2, Y = (Z[k] − conj Z[−k])/2i, which works for every width.</para>
/// <para>The plan is immutable and thread-safe. Each call rents one scratch array and allocates nothing else; the
/// results are identical for every SIMD width (no fused multiply-add; lanes never interact).</para>
/// </remarks>
public sealed class Fft2DPlan
{
    private static readonly ConcurrentDictionary<long, Fft2DPlan> s_cache = new();

    /// <summary>Builds (or reuses cached 1-D plans for) an <paramref name="height"/>×<paramref name="width"/> transform.</summary>
    public Fft2DPlan(int height, int width)
    {
        RowPlan = FftPlan.Get(width);
        ColumnPlan = FftPlan.Get(height);
    }

    /// <summary>Rows of the image.</summary>
    public int Height => ColumnPlan.Length;

    /// <summary>Columns of the image.</summary>
    public int Width => RowPlan.Length;

    /// <summary>Columns of the real-input spectrum, W/2+1.</summary>
    public int SpectrumWidth => (Width / 2) + 1;

    internal FftPlan RowPlan { get; }

    // Bluestein scratch elements of the longer of the two axes' needs.
    private int Scratch => Math.Max(RowPlan.ScratchElements, ColumnPlan.ScratchElements);

    internal FftPlan ColumnPlan { get; }

    /// <summary>A cached plan (built on first use, then shared by all threads).</summary>
    public static Fft2DPlan Get(int height, int width)
    {
        long key = ((long)height << 32) | (uint)width;
        return s_cache.TryGetValue(key, out Fft2DPlan? plan) ? plan : s_cache.GetOrAdd(key, static k => new Fft2DPlan((int)(k >> 32), (int)k));
    }

    /// <summary><c>numpy.fft.fft2</c>.</summary>
    /// <remarks><c>X[u,v] = Σ_y Σ_x x[y,x]·exp(−2πi·(uy/H + vx/W))</c>. Source and destination are H×W and may be the same image.</remarks>
    public void Forward(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination) => Complex(source, destination, inverse: false);

    /// <summary><c>numpy.fft.ifft2</c>.</summary>
    /// <remarks><c>x[y,x] = (1/HW)·Σ_u Σ_v X[u,v]·exp(+2πi·(uy/H + vx/W))</c>. Source and destination may be the same image.</remarks>
    public void Inverse(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination) => Complex(source, destination, inverse: true);

    /// <summary><c>numpy.fft.rfft2</c> of a byte, ushort or float image.</summary>
    /// <remarks>
    /// <c>X[u,v] = Σ_y Σ_x x[y,x]·exp(−2πi·(uy/H + vx/W))</c> for v = 0..W/2; <paramref name="destination"/> is
    /// H×(W/2+1) and must not overlap the source.
    /// </remarks>
    public void ForwardReal<T>(ReadOnlyImageSpan<T> source, ImageSpan<Complex32> destination)
        where T : unmanaged
    {
        CheckSize(source.Width, source.Height, Width, Height, "source");
        CheckSize(destination.Width, destination.Height, SpectrumWidth, Height, nameof(destination));
        FftOverlap.CheckNone(MemoryMarshal.AsBytes(source.Data), MemoryMarshal.AsBytes(destination.Data));
        if (!PixelConvert.IsSupported<T>())
        {
            ThrowHelper.ThrowNotSupportedType<T>();
        }

        switch (FftIsa.LanesFor(Math.Min(Height, Width)))
        {
            case 16: RealForward<Vector512<float>, Lanes512, T>(source, destination); break;
            case 8: RealForward<Vector256<float>, Lanes256, T>(source, destination); break;
            case 4: RealForward<Vector128<float>, Lanes128, T>(source, destination); break;
            default: RealForward<float, ScalarLanes, T>(source, destination); break;
        }
    }

    /// <summary><c>numpy.fft.irfft2(X, s=(H, W))</c>: the real image whose rfft2 spectrum is <paramref name="source"/>.</summary>
    /// <remarks>
    /// Inverse over columns (complex), then a real inverse over each row with X[y, W−v] = conj X[y, v]; as in NumPy the
    /// imaginary parts of column 0 and (W even) column W/2 are ignored by the row step. Scaled by 1/(H·W).
    /// <paramref name="source"/> is H×(W/2+1), <paramref name="destination"/> H×W.
    /// </remarks>
    public void InverseReal(ReadOnlyImageSpan<Complex32> source, ImageSpan<float> destination)
    {
        CheckSize(source.Width, source.Height, SpectrumWidth, Height, "source");
        CheckSize(destination.Width, destination.Height, Width, Height, nameof(destination));
        FftOverlap.CheckNone(MemoryMarshal.AsBytes(source.Data), MemoryMarshal.AsBytes(destination.Data));
        switch (FftIsa.LanesFor(Math.Min(Height, Width)))
        {
            case 16: RealInverse<Vector512<float>, Lanes512>(source, destination); break;
            case 8: RealInverse<Vector256<float>, Lanes256>(source, destination); break;
            case 4: RealInverse<Vector128<float>, Lanes128>(source, destination); break;
            default: RealInverse<float, ScalarLanes>(source, destination); break;
        }
    }

    /// <summary>
    /// irfft2(F ⊙ rfft2(x)) for a separable real filter F[u,v] = rowFactor[u]·columnFactor[v] given on the half
    /// spectrum (u = 0..H−1 in FFT order, v = 0..W/2), done as one row pass, one column pass that filters between its
    /// forward and inverse transforms, and one inverse row pass.
    /// </summary>
    internal void FilterReal<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, ReadOnlySpan<float> rowFactor, ReadOnlySpan<float> columnFactor)
        where T : unmanaged
    {
        switch (FftIsa.LanesFor(Math.Min(Height, Width)))
        {
            case 16: Filter<Vector512<float>, Lanes512, T>(source, destination, rowFactor, columnFactor); break;
            case 8: Filter<Vector256<float>, Lanes256, T>(source, destination, rowFactor, columnFactor); break;
            case 4: Filter<Vector128<float>, Lanes128, T>(source, destination, rowFactor, columnFactor); break;
            default: Filter<float, ScalarLanes, T>(source, destination, rowFactor, columnFactor); break;
        }
    }

    /// <summary>
    /// A 1-D transform: the row pass of a 1×N image on one lane (the scalar kernel; one transform fills no wider
    /// register). The 1-D real transforms below work the same way.
    /// </summary>
    internal static void ComplexRow(FftPlan plan, ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination, bool inverse)
    {
        using var ws = new FftWorkspace(ScalarLanes.Count, plan.Length, 0, plan.ScratchElements);
        RowsComplex<float, ScalarLanes>(plan, source, destination, inverse, inverse ? 1f / plan.Length : 1f, ws.Work, ws.Scratch);
    }

    internal static void ForwardRealRow(FftPlan plan, ReadOnlyImageSpan<float> source, ImageSpan<Complex32> destination)
    {
        using var ws = new FftWorkspace(ScalarLanes.Count, plan.Length, 2 * ((plan.Length / 2) + 1), plan.ScratchElements);
        RowsRealForward<float, ScalarLanes, float>(plan, source, destination, [], ws.Work, ws.Work2, ws.Scratch, []);
    }

    internal static void InverseRealRow(FftPlan plan, ReadOnlyImageSpan<Complex32> source, ImageSpan<float> destination)
    {
        using var ws = new FftWorkspace(ScalarLanes.Count, plan.Length, 2 * ((plan.Length / 2) + 1), plan.ScratchElements);
        RowsRealInverse<float, ScalarLanes>(plan, source, destination, 1f / plan.Length, ws.Work, ws.Work2, ws.Scratch);
    }

    private void Complex(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination, bool inverse)
    {
        CheckSize(source.Width, source.Height, Width, Height, "source");
        CheckSize(destination.Width, destination.Height, Width, Height, nameof(destination));
        FftOverlap.CheckExactOrNone(source, destination);

        switch (FftIsa.LanesFor(Math.Min(Height, Width)))
        {
            case 16: Complex<Vector512<float>, Lanes512>(source, destination, inverse); break;
            case 8: Complex<Vector256<float>, Lanes256>(source, destination, inverse); break;
            case 4: Complex<Vector128<float>, Lanes128>(source, destination, inverse); break;
            default: Complex<float, ScalarLanes>(source, destination, inverse); break;
        }
    }

    private void Complex<TV, TOps>(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination, bool inverse)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        using var ws = new FftWorkspace(TOps.Count, Math.Max(Width, Height), 0, Scratch);
        RowsComplex<TV, TOps>(RowPlan, source, destination, inverse, inverse ? 1f / Width : 1f, ws.Work, ws.Scratch);
        ref float d = ref Floats(destination.Data);
        ColumnsComplex<TV, TOps>(ColumnPlan, ref d, 2 * destination.Stride, ref d, 2 * destination.Stride, Width, inverse, inverse ? 1f / Height : 1f, ws.Work, ws.Scratch);
    }

    private void RealForward<TV, TOps, T>(ReadOnlyImageSpan<T> source, ImageSpan<Complex32> destination)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
        where T : unmanaged
    {
        using var ws = new FftWorkspace(TOps.Count, Math.Max(Width, Height), 2 * SpectrumWidth, Scratch, ConvertFloats<T>(TOps.Count));
        RowsRealForward<TV, TOps, T>(RowPlan, source, destination, [], ws.Work, ws.Work2, ws.Scratch, ws.Convert);
        ref float d = ref Floats(destination.Data);
        ColumnsComplex<TV, TOps>(ColumnPlan, ref d, 2 * destination.Stride, ref d, 2 * destination.Stride, SpectrumWidth, inverse: false, 1f, ws.Work, ws.Scratch);
    }

    private void RealInverse<TV, TOps>(ReadOnlyImageSpan<Complex32> source, ImageSpan<float> destination)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int half = SpectrumWidth;
        using var ws = new FftWorkspace(TOps.Count, Math.Max(Width, Height), 2 * half, Scratch, spectrum: (long)Height * half);

        // Columns first, as NumPy (ifft over axis 0, then irfft over axis 1): the row step drops imaginary parts.
        var between = new ImageSpan<Complex32>(ws.Spectrum, half, Height);
        ColumnsComplex<TV, TOps>(ColumnPlan, ref Floats(source.Data), 2 * source.Stride, ref Floats(between.Data), 2 * half, half, inverse: true, 1f / Height, ws.Work, ws.Scratch);
        RowsRealInverse<TV, TOps>(RowPlan, between, destination, 1f / Width, ws.Work, ws.Work2, ws.Scratch);
    }

    private void Filter<TV, TOps, T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, ReadOnlySpan<float> rowFactor, ReadOnlySpan<float> columnFactor)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
        where T : unmanaged
    {
        int half = SpectrumWidth;
        using var ws = new FftWorkspace(TOps.Count, Math.Max(Width, Height), Math.Max(2 * half, Height), Scratch, ConvertFloats<T>(TOps.Count), (long)Height * half);
        var between = new ImageSpan<Complex32>(ws.Spectrum, half, Height);
        RowsRealForward<TV, TOps, T>(RowPlan, source, between, columnFactor, ws.Work, ws.Work2, ws.Scratch, ws.Convert);
        ColumnsFilter<TV, TOps>(ColumnPlan, ref Floats(between.Data), 2 * half, half, rowFactor, ws.Work, ws.Work2, ws.Scratch);
        RowsRealInverse<TV, TOps>(RowPlan, between, destination, 1f / Width, ws.Work, ws.Work2, ws.Scratch);
    }

    // Row transforms of complex rows, L rows per batch.
    private static void RowsComplex<TV, TOps>(FftPlan plan, ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination, bool inverse, float scale, Span<float> work, Span<float> scratch)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        int width = plan.Length;
        ref float s = ref Floats(source.Data);
        ref float d = ref Floats(destination.Data);
        nint sStride = 2 * source.Stride;
        nint dStride = 2 * destination.Stride;
        ref float w = ref MemoryMarshal.GetReference(work);
        ref float x = ref MemoryMarshal.GetReference(scratch);
        for (int r0 = 0; r0 < source.Height; r0 += lanes)
        {
            // One strip of rows or columns per check: an FFT of a 16384-wide strip takes well under a millisecond.
            KernelCancellation.ThrowIfRequested();
            int rows = Math.Min(lanes, source.Height - r0);
            FftBatch.GatherComplexRows<TV, TOps>(ref Unsafe.Add(ref s, r0 * sStride), sStride, rows, width, ref w, plan.InputOrder, inverse);
            plan.Execute<TV, TOps>(ref w, ref x);
            FftBatch.ScatterComplexRows<TV, TOps>(ref w, ref Unsafe.Add(ref d, r0 * dStride), dStride, rows, width, inverse, scale);
        }
    }

    // Column transforms, L adjacent columns per batch; source and destination may be the same.
    private static void ColumnsComplex<TV, TOps>(FftPlan plan, ref float source, nint sourceStride, ref float destination, nint destinationStride, int width, bool inverse, float scale, Span<float> work, Span<float> scratch)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        int height = plan.Length;
        ref float w = ref MemoryMarshal.GetReference(work);
        ref float x = ref MemoryMarshal.GetReference(scratch);
        for (int c0 = 0; c0 < width; c0 += lanes)
        {
            // One strip of rows or columns per check: an FFT of a 16384-wide strip takes well under a millisecond.
            KernelCancellation.ThrowIfRequested();
            int count = Math.Min(lanes, width - c0);
            FftBatch.GatherComplexColumns<TV, TOps>(ref Unsafe.Add(ref source, 2 * c0), sourceStride, height, count, ref w, plan.InputOrder, inverse);
            plan.Execute<TV, TOps>(ref w, ref x);
            FftBatch.ScatterComplexColumns<TV, TOps>(ref w, ref Unsafe.Add(ref destination, 2 * c0), destinationStride, height, count, inverse, scale);
        }
    }

    // Forward column transform, filter by rowFactor[u], inverse column transform, per strip of L columns.
    private static void ColumnsFilter<TV, TOps>(FftPlan plan, ref float data, nint stride, int width, ReadOnlySpan<float> rowFactor, Span<float> work, Span<float> work2, Span<float> scratch)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        int height = plan.Length;
        float scale = 1f / height;
        ref float w = ref MemoryMarshal.GetReference(work);
        ref float w2 = ref MemoryMarshal.GetReference(work2);
        ref float x = ref MemoryMarshal.GetReference(scratch);
        for (int c0 = 0; c0 < width; c0 += lanes)
        {
            // One strip of rows or columns per check: an FFT of a 16384-wide strip takes well under a millisecond.
            KernelCancellation.ThrowIfRequested();
            int count = Math.Min(lanes, width - c0);
            ref float strip = ref Unsafe.Add(ref data, 2 * c0);
            FftBatch.GatherComplexColumns<TV, TOps>(ref strip, stride, height, count, ref w, plan.InputOrder, swap: false);
            plan.Execute<TV, TOps>(ref w, ref x);
            FftBatch.FilterForInverse<TV, TOps>(ref w, height, ref w2, plan.InputOrder, rowFactor);
            plan.Execute<TV, TOps>(ref w2, ref x);
            FftBatch.ScatterComplexColumns<TV, TOps>(ref w2, ref strip, stride, height, count, swap: true, scale);
        }
    }

    // Real rows to half spectra, 2L rows per batch (pairs packed as x + iy), optionally times columnFactor[v].
    private static void RowsRealForward<TV, TOps, T>(FftPlan plan, ReadOnlyImageSpan<T> source, ImageSpan<Complex32> destination, ReadOnlySpan<float> columnFactor, Span<float> work, Span<float> work2, Span<float> scratch, Span<float> convert)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
        where T : unmanaged
    {
        int lanes = TOps.Count;
        int width = plan.Length;
        int half = (width / 2) + 1;
        nuint e = (nuint)(2 * lanes);
        ref float d = ref Floats(destination.Data);
        nint dStride = 2 * destination.Stride;
        ref float w = ref MemoryMarshal.GetReference(work);
        ref float w2 = ref MemoryMarshal.GetReference(work2);
        ref float x = ref MemoryMarshal.GetReference(scratch);
        for (int r0 = 0; r0 < source.Height; r0 += 2 * lanes)
        {
            // One strip of rows or columns per check: an FFT of a 16384-wide strip takes well under a millisecond.
            KernelCancellation.ThrowIfRequested();
            int rows = Math.Min(2 * lanes, source.Height - r0);
            ref float rowsRef = ref Unsafe.NullRef<float>();
            nint stride;
            if (typeof(T) == typeof(float))
            {
                rowsRef = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(source.Data.Slice(r0 * source.Stride)));
                stride = source.Stride;
            }
            else
            {
                for (int i = 0; i < rows; i++)
                {
                    PixelConvert.ToSingle(source.Row(r0 + i), convert.Slice(i * width, width));
                }

                rowsRef = ref MemoryMarshal.GetReference(convert);
                stride = width;
            }

            FftBatch.GatherRealRows<TV, TOps>(ref rowsRef, stride, rows, width, ref w, plan.InputOrder);
            plan.Execute<TV, TOps>(ref w, ref x);
            FftBatch.SplitRealPair<TV, TOps>(ref w, width, ref w2, columnFactor);
            ref float dRow = ref Unsafe.Add(ref d, r0 * dStride);
            FftBatch.ScatterComplexRows<TV, TOps>(ref w2, ref dRow, 2 * dStride, (rows + 1) / 2, half, swap: false, 1f);
            if (rows > 1)
            {
                FftBatch.ScatterComplexRows<TV, TOps>(ref Unsafe.Add(ref w2, (nuint)half * e), ref Unsafe.Add(ref dRow, dStride), 2 * dStride, rows / 2, half, swap: false, 1f);
            }
        }
    }

    // Half-spectrum rows to real rows, 2L rows per batch.
    private static void RowsRealInverse<TV, TOps>(FftPlan plan, ReadOnlyImageSpan<Complex32> source, ImageSpan<float> destination, float scale, Span<float> work, Span<float> work2, Span<float> scratch)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        int width = plan.Length;
        int half = (width / 2) + 1;
        nuint e = (nuint)(2 * lanes);
        ref float s = ref Floats(source.Data);
        nint sStride = 2 * source.Stride;
        ref float d = ref MemoryMarshal.GetReference(destination.Data);
        ref float w = ref MemoryMarshal.GetReference(work);
        ref float w2 = ref MemoryMarshal.GetReference(work2);
        ref float x = ref MemoryMarshal.GetReference(scratch);
        for (int r0 = 0; r0 < source.Height; r0 += 2 * lanes)
        {
            // One strip of rows or columns per check: an FFT of a 16384-wide strip takes well under a millisecond.
            KernelCancellation.ThrowIfRequested();
            int rows = Math.Min(2 * lanes, source.Height - r0);
            ref float sRow = ref Unsafe.Add(ref s, r0 * sStride);
            FftBatch.GatherComplexRows<TV, TOps>(ref sRow, 2 * sStride, (rows + 1) / 2, half, ref w2, [], swap: false);

            // With a single row left there is no odd row to read; the gather then only writes zero lanes.
            ref float odd = ref (rows > 1 ? ref Unsafe.Add(ref sRow, sStride) : ref sRow);
            FftBatch.GatherComplexRows<TV, TOps>(ref odd, 2 * sStride, rows / 2, half, ref Unsafe.Add(ref w2, (nuint)half * e), [], swap: false);
            FftBatch.CombineRealPair<TV, TOps>(ref w2, width, ref w, plan.InputOrder);
            plan.Execute<TV, TOps>(ref w, ref x);
            FftBatch.ScatterRealRows<TV, TOps>(ref w, ref Unsafe.Add(ref d, r0 * destination.Stride), destination.Stride, rows, width, swap: true, scale);
        }
    }

    // byte/ushort rows are widened to float, 2L rows at a time, before the transposing gather.
    private long ConvertFloats<T>(int lanes) => typeof(T) == typeof(float) ? 0 : 2L * lanes * Width;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float Floats(ReadOnlySpan<Complex32> data) => ref Unsafe.As<Complex32, float>(ref MemoryMarshal.GetReference(data));

    private static void CheckSize(int width, int height, int expectedWidth, int expectedHeight, string name)
    {
        if (width != expectedWidth || height != expectedHeight)
        {
            ThrowHelper.ThrowArgument(name, $"Expected {expectedWidth}x{expectedHeight} (width x height); got {width}x{height}.");
        }
    }
}

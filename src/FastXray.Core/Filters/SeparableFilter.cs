using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastXray.Threading;

namespace FastXray.Filters;

/// <summary>How <see cref="SeparableFilter"/> merges its two terms.</summary>
internal enum TermCombine
{
    /// <summary>Only term A.</summary>
    Single,
    /// <summary>A + B (gaussian_laplace, laplace).</summary>
    Sum,
    /// <summary>sqrt(A² + B²) (gradient magnitudes, sobel/prewitt magnitude).</summary>
    Hypot,
}

/// <summary>
/// The separable correlation engine under every Gaussian, Sobel, Prewitt and Laplace filter:
/// <c>out = combine(Ky_a ⊗ Kx_a * in, Ky_b ⊗ Kx_b * in)</c>, each term a vertical (axis 0) pass
/// followed by a horizontal (axis 1) pass, as scipy orders them.
/// </summary>
/// <remarks>
/// Rows stream: for each output row the vertical pass combines the needed source rows (found through a
/// precomputed row map, so border handling costs nothing per pixel) into a padded scratch row, whose
/// margins are then filled from a column map; the horizontal pass reads that row at each tap offset.
/// SIMD runs across pixels: each tap is broadcast and multiply-added into a vector of outputs; symmetric
/// and antisymmetric kernels fold tap pairs (half the multiplies). The last vector of a row overlaps the
/// previous one (recomputing a few outputs from unchanged inputs), so no scalar tail is needed once a row
/// holds one vector; narrower rows drop to narrower vectors, then scalar.
/// byte/ushort sources, and a float source that overlaps the destination, are first widened/copied into
/// a rented float image, as is a float source whose stride aliases in the cache (<see cref="RowStride"/>);
/// rented images and scratch rows get padded strides. Scratch is rented once per call; nothing is allocated.
/// </remarks>
internal static unsafe class SeparableFilter
{
    /// <summary>One term: <c>Kx * (Ky * in)</c>, or with <paramref name="horizontalFirst"/> scipy's order <c>Ky * (Kx * in)</c>.</summary>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, Kernel1D ky, Kernel1D kx, BorderMode mode, float cval, bool horizontalFirst = false)
        where T : unmanaged
    {
        if (horizontalFirst)
        {
            // Term B of a single-term call is the only term computed by the constant-cval path.
            Apply(source, destination, Kernel1D.Identity, Kernel1D.Identity, ky, kx, TermCombine.Single, mode, cval, bHorizontalFirst: true);
        }
        else
        {
            Apply(source, destination, ky, kx, Kernel1D.Identity, Kernel1D.Identity, TermCombine.Single, mode, cval);
        }
    }

    // bHorizontalFirst: term B runs axis 1 before axis 0 in scipy (sobel/prewitt along axis 1 differentiate
    // first). The order only changes the result in constant mode with a non-zero cval, where each pass pads
    // its own input with cval; that case takes ApplyTermsSeparately.
    public static void Apply<T>(
        ReadOnlyImageSpan<T> source,
        ImageSpan<float> destination,
        Kernel1D kyA,
        Kernel1D kxA,
        Kernel1D kyB,
        Kernel1D kxB,
        TermCombine combine,
        BorderMode mode,
        float cval,
        bool bHorizontalFirst = false)
        where T : unmanaged
    {
        ImageSpanValidation.SameSize(source, destination);
        if (!PixelConvert.IsSupported<T>())
        {
            ThrowHelper.ThrowNotSupportedType<T>();
        }

        if (source.IsEmpty)
        {
            return;
        }

        if (bHorizontalFirst && mode == BorderMode.Constant && cval != 0 && !kyB.IsIdentity && !kxB.IsIdentity)
        {
            ApplyTermsSeparately(source, destination, kyA, kxA, kyB, kxB, combine, cval);
            return;
        }

        if (combine == TermCombine.Single && bHorizontalFirst)
        {
            // Order does not matter outside constant mode: run term B as the only term.
            kyA = kyB;
            kxA = kxB;
        }

        int width = source.Width;
        int height = source.Height;
        bool two = combine != TermCombine.Single;
        int top = Math.Max(kyA.Left, two ? kyB.Left : 0);
        int bottom = Math.Max(kyA.Right, two ? kyB.Right : 0);
        int left = Math.Max(kxA.Left, two ? kxB.Left : 0);
        int right = Math.Max(kxA.Right, two ? kxB.Right : 0);

        int rowLength = left + width + right;
        int maxTaps = Math.Max(Math.Max(kyA.Weights.Length, kyB.Weights.Length), 1);

        // A float source that is not the destination is read in place, unless its stride would make the
        // many-tap vertical pass thrash one cache set (see RowStride); anything else goes through a copy.
        // The copy and the scratch rows get padded strides; only the layout changes, never the arithmetic.
        bool direct = typeof(T) == typeof(float) && !Overlaps(source, destination) && !RowStride.CopySource(source.Stride, maxTaps);
        int copyStride = RowStride.For(width);
        int rowStride = RowStride.For(Math.Max(rowLength, width));

        float[]? copy = direct ? null : ArrayPool<float>.Shared.Rent(checked((copyStride * (height - 1)) + width));
        float[] rows = ArrayPool<float>.Shared.Rent(checked(rowStride * 4));
        int[] rowMap = ArrayPool<int>.Shared.Rent(top + height + bottom);
        int[] colMap = ArrayPool<int>.Shared.Rent(left + right + 1);
        nint[] rowPointers = ArrayPool<nint>.Shared.Rent(maxTaps);
        try
        {
            if (copy != null)
            {
                for (int y = 0; y < height; y++)
                {
                    PixelConvert.ToSingle(source.Row(y), copy.AsSpan(y * copyStride, width));
                }
            }

            for (int v = -top; v < height + bottom; v++)
            {
                rowMap[v + top] = BorderIndex.Map(v, height, mode);
            }

            for (int i = 0; i < left; i++)
            {
                colMap[i] = BorderIndex.Map(i - left, width, mode);
            }

            for (int i = 0; i < right; i++)
            {
                colMap[left + i] = BorderIndex.Map(width + i, width, mode);
            }

            Span<float> rowA = rows.AsSpan(0, rowLength);
            Span<float> rowB = rows.AsSpan(rowStride, rowLength);
            Span<float> constRow = rows.AsSpan(2 * rowStride, width);
            Span<float> outB = rows.AsSpan(3 * rowStride, width);
            constRow.Fill(cval);

            ReadOnlySpan<float> src = direct ? MemoryMarshal.Cast<T, float>(source.Data) : copy;
            int srcStride = direct ? source.Stride : copyStride;
            fixed (float* srcBase = src)
            fixed (float* constBase = constRow)
            {
                var context = new Context(srcBase, srcStride, constBase, rowMap, top, colMap, left, right, width, mode, cval);
                for (int y = 0; y < height; y++)
                {
                    // Every 64 rows: a 16384-wide row costs microseconds, the check (see KernelCancellation) nanoseconds.
                    if ((y & 63) == 0)
                    {
                        KernelCancellation.ThrowIfRequested();
                    }

                    Span<float> outA = destination.Row(y);
                    context.Term(y, kyA, kxA, rowA, outA, rowPointers);
                    if (two)
                    {
                        context.Term(y, kyB, kxB, rowB, outB, rowPointers);
                        Combine(outA, outB, combine);
                    }
                }
            }
        }
        finally
        {
            if (copy != null)
            {
                ArrayPool<float>.Shared.Return(copy);
            }

            ArrayPool<float>.Shared.Return(rows);
            ArrayPool<int>.Shared.Return(rowMap);
            ArrayPool<int>.Shared.Return(colMap);
            ArrayPool<nint>.Shared.Return(rowPointers);
        }
    }

    /// <summary>
    /// The exact path for a horizontal-first term in constant mode with a non-zero cval: term B as an
    /// explicit horizontal pass then a vertical pass (each padding its own input with cval, as scipy),
    /// term A as usual, then the combination.
    /// </summary>
    private static void ApplyTermsSeparately<T>(
        ReadOnlyImageSpan<T> source,
        ImageSpan<float> destination,
        Kernel1D kyA,
        Kernel1D kxA,
        Kernel1D kyB,
        Kernel1D kxB,
        TermCombine combine,
        float cval)
        where T : unmanaged
    {
        int width = source.Width;
        int height = source.Height;
        // Both intermediate images get padded strides (see RowStride): h is the vertical pass's source.
        int stride = RowStride.For(width);
        int n = checked((stride * (height - 1)) + width);
        float[] termB = ArrayPool<float>.Shared.Rent(n);
        float[] horizontal = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var h = new ImageSpan<float>(horizontal.AsSpan(0, n), width, height, stride);
            var b = new ImageSpan<float>(termB.AsSpan(0, n), width, height, stride);
            Apply(source, h, Kernel1D.Identity, kxB, BorderMode.Constant, cval);
            Apply<float>(h, b, kyB, Kernel1D.Identity, BorderMode.Constant, cval);
            if (combine == TermCombine.Single)
            {
                for (int y = 0; y < height; y++)
                {
                    b.Row(y).CopyTo(destination.Row(y));
                }

                return;
            }

            Apply(source, destination, kyA, kxA, BorderMode.Constant, cval);
            for (int y = 0; y < height; y++)
            {
                Combine(destination.Row(y), b.Row(y), combine);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(termB);
            ArrayPool<float>.Shared.Return(horizontal);
        }
    }

    private static bool Overlaps<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination)
        where T : unmanaged =>
        MemoryMarshal.AsBytes(source.Data).Overlaps(MemoryMarshal.AsBytes<float>(destination.Data));

    /// <summary>Σ|w| above which a kernel with inexact float32 weights takes the float64 path.</summary>
    internal const float HighGain = 2f;

    private readonly ref struct Context
    {
        private readonly float* _src;
        private readonly int _srcStride;
        private readonly float* _constRow;
        private readonly ReadOnlySpan<int> _rowMap;
        private readonly int _top;
        private readonly ReadOnlySpan<int> _colMap;
        private readonly int _left;
        private readonly int _right;
        private readonly int _width;
        private readonly BorderMode _mode;
        private readonly float _cval;

        public Context(float* src, int srcStride, float* constRow, ReadOnlySpan<int> rowMap, int top, ReadOnlySpan<int> colMap, int left, int right, int width, BorderMode mode, float cval)
        {
            _src = src;
            _srcStride = srcStride;
            _constRow = constRow;
            _rowMap = rowMap;
            _top = top;
            _colMap = colMap;
            _left = left;
            _right = right;
            _width = width;
            _mode = mode;
            _cval = cval;
        }

        /// <summary>One term for output row y: vertical pass into <paramref name="row"/>, margins, horizontal pass into <paramref name="output"/>.</summary>
        public void Term(int y, Kernel1D ky, Kernel1D kx, Span<float> row, Span<float> output, nint[] rowPointers)
        {
            int taps = ky.Weights.Length;
            for (int k = 0; k < taps; k++)
            {
                int s = _rowMap[y - ky.Left + k + _top];
                rowPointers[k] = s < 0 ? (nint)_constRow : (nint)(_src + ((nint)s * _srcStride));
            }

            Span<float> center = row.Slice(_left, _width);
            bool precise = IsHighGain(ky) || IsHighGain(kx);
            fixed (nint* rp = rowPointers)
            fixed (float* c = center)
            {
                if (precise)
                {
                    Passes.VerticalPrecise((float**)rp, ky, c, _width);
                }
                else
                {
                    fixed (float* w = ky.Weights)
                    {
                        Passes.Vertical((float**)rp, w, taps, ky.Symmetry, c, _width);
                    }
                }
            }

            // Margins: the column map says which in-row sample each virtual column repeats (-1: cval).
            for (int i = 0; i < _left; i++)
            {
                int m = _colMap[i];
                row[i] = m < 0 ? _cval : center[m];
            }

            for (int i = 0; i < _right; i++)
            {
                int m = _colMap[_left + i];
                row[_left + _width + i] = m < 0 ? _cval : center[m];
            }

            // The horizontal kernel may reach less far than the widest term's margins.
            ReadOnlySpan<float> window = row.Slice(_left - kx.Left, _width + kx.Left + kx.Right);
            fixed (float* w = kx.Weights)
            fixed (float* r = window)
            fixed (float* o = output)
            {
                if (precise)
                {
                    Passes.HorizontalPrecise(r, kx, o, _width);
                }
                else
                {
                    Passes.Horizontal(r, w, kx.Weights.Length, kx.Symmetry, o, _width);
                }
            }
        }

        // Kernels whose weights are not exact in float32 and that amplify their input (Σ|w| > 2, e.g. a
        // σ < 0.75 second derivative) lose more than 1e-4 on 8-bit data in float32 arithmetic; they run in
        // float64 arithmetic with float32 storage between passes, as scipy's own float32 path does.
        private static bool IsHighGain(Kernel1D k) => k.Gain > HighGain && !k.ExactWeights.IsEmpty;
    }

    private static void Combine(Span<float> a, ReadOnlySpan<float> b, TermCombine combine)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        {
            switch (SimdCapabilities.Active)
            {
                case SimdLevel.Vector512 when a.Length >= Vector512<float>.Count:
                    Combine<Vector512<float>, Vector512Ops>(pa, pb, a.Length, combine);
                    break;
                case >= SimdLevel.Vector256 when a.Length >= Vector256<float>.Count:
                    Combine<Vector256<float>, Vector256Ops>(pa, pb, a.Length, combine);
                    break;
                case >= SimdLevel.Vector128 when a.Length >= Vector128<float>.Count:
                    Combine<Vector128<float>, Vector128Ops>(pa, pb, a.Length, combine);
                    break;
                default:
                    Combine<float, ScalarOps>(pa, pb, a.Length, combine);
                    break;
            }
        }
    }

    // In place over a: the overlapping last vector must not re-read an already combined a, so the
    // final vector is computed before the main loop overwrites its lanes.
    private static void Combine<TV, TOps>(float* a, float* b, int n, TermCombine combine)
        where TV : unmanaged
        where TOps : struct, IVectorOps<TV>
    {
        int c = TOps.Count;
        int last = n - c;
        TV tail = CombineOne<TV, TOps>(TOps.Load(in a[last], 0), TOps.Load(in b[last], 0), combine);
        for (int x = 0; x < last; x += c)
        {
            TOps.Store(CombineOne<TV, TOps>(TOps.Load(in a[x], 0), TOps.Load(in b[x], 0), combine), ref a[x], 0);
        }

        TOps.Store(tail, ref a[last], 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV CombineOne<TV, TOps>(TV a, TV b, TermCombine combine)
        where TV : unmanaged
        where TOps : struct, IVectorOps<TV> =>
        combine == TermCombine.Sum ? TOps.Add(a, b) : TOps.Sqrt(TOps.MultiplyAdd(a, a, TOps.Multiply(b, b)));
}

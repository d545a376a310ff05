using System.Runtime.CompilerServices;

namespace FastXray.Fourier;

/// <summary>
/// Moves image data into and out of the batch layout of <see cref="PowerOfTwoFft"/> (element e at floats
/// <c>[e·2L, e·2L + 2L)</c>: L real parts, then L imaginary parts; one transform per lane), and the lane-wise
/// pre/post-processing steps of the real-input and round-trip passes.
/// </summary>
/// <remarks>
/// <para>Column batches: lane p is image column c0 + P(p) for the fixed permutation P of
/// <see cref="IFftLanes{TV}.Deinterleave"/>; a strip narrower than L goes lane by lane with P = identity and zero lanes.</para>
/// <para>Row batches: lane l is image row r0 + l (complex rows) or the row pair (r0 + 2l, r0 + 2l + 1) packed as
/// real + i·imaginary (real rows). Full batches move through in-register tile transposes; partial batches, the
/// columns left over after the tiles, and the scalar configuration go element by element with zero lanes.</para>
/// <para>An empty <c>order</c> means natural order; otherwise input element i goes to batch element <c>order[i]</c>
/// (the bit-reversed order the kernel wants). <c>swap</c> exchanges real and imaginary parts, which turns the
/// forward kernel into the unscaled inverse.</para>
/// </remarks>
internal static class FftBatch
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint Slot(ReadOnlySpan<int> order, int i, nuint elementFloats) =>
        (nuint)(order.IsEmpty ? i : order[i]) * elementFloats;

    /// <summary>Complex rows (rows <paramref name="stride"/> floats apart, <paramref name="rows"/> ≤ L of them) into lanes.</summary>
    public static void GatherComplexRows<TV, TOps>(ref float source, nint stride, int rows, int width, ref float work, ReadOnlySpan<int> order, bool swap)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        nuint e = (nuint)(2 * lanes);
        nuint reOff = swap ? (nuint)lanes : 0;
        nuint imOff = swap ? 0 : (nuint)lanes;
        int c = 0;
        if (rows == lanes && lanes >= 8 && Transpose8.IsSupported)
        {
            c = GatherComplexRowsTiled<Transpose8>(ref source, stride, lanes, width, ref work, order, e, reOff, imOff);
        }
        else if (rows == lanes && lanes == 4 && Transpose4.IsSupported)
        {
            c = GatherComplexRowsTiled<Transpose4>(ref source, stride, lanes, width, ref work, order, e, reOff, imOff);
        }

        for (; c < width; c++)
        {
            ref float dst = ref Unsafe.Add(ref work, Slot(order, c, e));
            for (int l = 0; l < lanes; l++)
            {
                float re = 0f;
                float im = 0f;
                if (l < rows)
                {
                    ref float p = ref Unsafe.Add(ref source, (l * stride) + (2 * c));
                    re = p;
                    im = Unsafe.Add(ref p, 1);
                }

                Unsafe.Add(ref dst, reOff + (nuint)l) = re;
                Unsafe.Add(ref dst, imOff + (nuint)l) = im;
            }
        }
    }

    private static int GatherComplexRowsTiled<TT>(ref float source, nint stride, int lanes, int width, ref float work, ReadOnlySpan<int> order, nuint e, nuint reOff, nuint imOff)
        where TT : struct, ITileTranspose
    {
        // A tile of G rows × G floats is G/2 complex columns; transposed, float column 2q is the real part of
        // column c+q across the G rows and 2q+1 its imaginary part.
        int g = TT.Size;
        Span<nuint> offsets = stackalloc nuint[8];
        int c = 0;
        for (; c + (g / 2) <= width; c += g / 2)
        {
            for (int q = 0; q < g / 2; q++)
            {
                nuint at = Slot(order, c + q, e);
                offsets[2 * q] = at + reOff;
                offsets[(2 * q) + 1] = at + imOff;
            }

            for (int lane = 0; lane < lanes; lane += g)
            {
                TT.RowsToColumns(ref Unsafe.Add(ref source, (lane * stride) + (2 * c)), stride, ref Unsafe.Add(ref work, lane), ref offsets[0]);
            }
        }

        return c;
    }

    /// <summary>Lanes (natural order, elements 0..width-1) back to complex rows, times <paramref name="scale"/>.</summary>
    public static void ScatterComplexRows<TV, TOps>(ref float work, ref float destination, nint stride, int rows, int width, bool swap, float scale)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        nuint e = (nuint)(2 * lanes);
        nuint reOff = swap ? (nuint)lanes : 0;
        nuint imOff = swap ? 0 : (nuint)lanes;
        int c = 0;
        if (rows == lanes && lanes >= 8 && Transpose8.IsSupported)
        {
            c = ScatterComplexRowsTiled<Transpose8>(ref work, ref destination, stride, lanes, width, e, reOff, imOff, scale);
        }
        else if (rows == lanes && lanes == 4 && Transpose4.IsSupported)
        {
            c = ScatterComplexRowsTiled<Transpose4>(ref work, ref destination, stride, lanes, width, e, reOff, imOff, scale);
        }

        for (; c < width; c++)
        {
            ref float src = ref Unsafe.Add(ref work, (nuint)c * e);
            for (int l = 0; l < rows; l++)
            {
                ref float p = ref Unsafe.Add(ref destination, (l * stride) + (2 * c));
                p = Unsafe.Add(ref src, reOff + (nuint)l) * scale;
                Unsafe.Add(ref p, 1) = Unsafe.Add(ref src, imOff + (nuint)l) * scale;
            }
        }
    }

    private static int ScatterComplexRowsTiled<TT>(ref float work, ref float destination, nint stride, int lanes, int width, nuint e, nuint reOff, nuint imOff, float scale)
        where TT : struct, ITileTranspose
    {
        int g = TT.Size;
        Span<nuint> offsets = stackalloc nuint[8];
        int c = 0;
        for (; c + (g / 2) <= width; c += g / 2)
        {
            for (int q = 0; q < g / 2; q++)
            {
                nuint at = (nuint)(c + q) * e;
                offsets[2 * q] = at + reOff;
                offsets[(2 * q) + 1] = at + imOff;
            }

            for (int lane = 0; lane < lanes; lane += g)
            {
                TT.ColumnsToRows(ref Unsafe.Add(ref work, lane), ref offsets[0], ref Unsafe.Add(ref destination, (lane * stride) + (2 * c)), stride, scale);
            }
        }

        return c;
    }

    /// <summary>Real rows into lanes, two rows per lane: lane l holds row 2l + i·row (2l+1) (missing rows are 0).</summary>
    public static void GatherRealRows<TV, TOps>(ref float source, nint stride, int rows, int width, ref float work, ReadOnlySpan<int> order)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        nuint e = (nuint)(2 * lanes);
        int c = 0;
        if (rows == 2 * lanes && lanes >= 8 && Transpose8.IsSupported)
        {
            c = GatherRealRowsTiled<Transpose8>(ref source, stride, lanes, width, ref work, order, e);
        }
        else if (rows == 2 * lanes && lanes == 4 && Transpose4.IsSupported)
        {
            c = GatherRealRowsTiled<Transpose4>(ref source, stride, lanes, width, ref work, order, e);
        }

        for (; c < width; c++)
        {
            ref float dst = ref Unsafe.Add(ref work, Slot(order, c, e));
            for (int l = 0; l < lanes; l++)
            {
                int even = 2 * l;
                Unsafe.Add(ref dst, l) = even < rows ? Unsafe.Add(ref source, (even * stride) + c) : 0f;
                Unsafe.Add(ref dst, lanes + l) = even + 1 < rows ? Unsafe.Add(ref source, ((even + 1) * stride) + c) : 0f;
            }
        }
    }

    private static int GatherRealRowsTiled<TT>(ref float source, nint stride, int lanes, int width, ref float work, ReadOnlySpan<int> order, nuint e)
        where TT : struct, ITileTranspose
    {
        // Lanes lane..lane+G-1 take the even rows 2·lane, 2·lane+2, ... (tile stride 2·stride) as real parts and the
        // odd rows after them as imaginary parts; transposed, tile column m is image column c+m.
        int g = TT.Size;
        Span<nuint> offsets = stackalloc nuint[8];
        int c = 0;
        for (; c + g <= width; c += g)
        {
            for (int m = 0; m < g; m++)
            {
                offsets[m] = Slot(order, c + m, e);
            }

            for (int lane = 0; lane < lanes; lane += g)
            {
                ref float even = ref Unsafe.Add(ref source, (2 * lane * stride) + c);
                TT.RowsToColumns(ref even, 2 * stride, ref Unsafe.Add(ref work, lane), ref offsets[0]);
                TT.RowsToColumns(ref Unsafe.Add(ref even, stride), 2 * stride, ref Unsafe.Add(ref work, lanes + lane), ref offsets[0]);
            }
        }

        return c;
    }

    /// <summary>Lanes (natural order) back to real row pairs: row 2l from the real slot, row 2l+1 from the imaginary
    /// slot (exchanged when <paramref name="swap"/>), times <paramref name="scale"/>.</summary>
    public static void ScatterRealRows<TV, TOps>(ref float work, ref float destination, nint stride, int rows, int width, bool swap, float scale)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        nuint e = (nuint)(2 * lanes);
        nuint evenOff = swap ? (nuint)lanes : 0;
        nuint oddOff = swap ? 0 : (nuint)lanes;
        int c = 0;
        if (rows == 2 * lanes && lanes >= 8 && Transpose8.IsSupported)
        {
            c = ScatterRealRowsTiled<Transpose8>(ref work, ref destination, stride, lanes, width, e, evenOff, oddOff, scale);
        }
        else if (rows == 2 * lanes && lanes == 4 && Transpose4.IsSupported)
        {
            c = ScatterRealRowsTiled<Transpose4>(ref work, ref destination, stride, lanes, width, e, evenOff, oddOff, scale);
        }

        for (; c < width; c++)
        {
            ref float src = ref Unsafe.Add(ref work, (nuint)c * e);
            for (int l = 0; 2 * l < rows; l++)
            {
                int even = 2 * l;
                Unsafe.Add(ref destination, (even * stride) + c) = Unsafe.Add(ref src, evenOff + (nuint)l) * scale;
                if (even + 1 < rows)
                {
                    Unsafe.Add(ref destination, ((even + 1) * stride) + c) = Unsafe.Add(ref src, oddOff + (nuint)l) * scale;
                }
            }
        }
    }

    private static int ScatterRealRowsTiled<TT>(ref float work, ref float destination, nint stride, int lanes, int width, nuint e, nuint evenOff, nuint oddOff, float scale)
        where TT : struct, ITileTranspose
    {
        int g = TT.Size;
        Span<nuint> offsets = stackalloc nuint[8];
        int c = 0;
        for (; c + g <= width; c += g)
        {
            for (int m = 0; m < g; m++)
            {
                offsets[m] = (nuint)(c + m) * e;
            }

            for (int lane = 0; lane < lanes; lane += g)
            {
                ref float even = ref Unsafe.Add(ref destination, (2 * lane * stride) + c);
                TT.ColumnsToRows(ref Unsafe.Add(ref work, evenOff + (nuint)lane), ref offsets[0], ref even, 2 * stride, scale);
                TT.ColumnsToRows(ref Unsafe.Add(ref work, oddOff + (nuint)lane), ref offsets[0], ref Unsafe.Add(ref even, stride), 2 * stride, scale);
            }
        }

        return c;
    }

    /// <summary>A strip of <paramref name="count"/> ≤ L complex columns (rows <paramref name="stride"/> floats apart) into lanes.</summary>
    public static void GatherComplexColumns<TV, TOps>(ref float source, nint stride, int height, int count, ref float work, ReadOnlySpan<int> order, bool swap)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        nuint e = (nuint)(2 * lanes);
        nuint reOff = swap ? (nuint)lanes : 0;
        nuint imOff = swap ? 0 : (nuint)lanes;
        if (count == lanes)
        {
            for (int i = 0; i < height; i++)
            {
                ref float row = ref Unsafe.Add(ref source, i * stride);
                TOps.Deinterleave(TOps.Load(ref row, 0), TOps.Load(ref row, (nuint)lanes), out TV re, out TV im);
                ref float dst = ref Unsafe.Add(ref work, Slot(order, i, e));
                TOps.Store(re, ref dst, reOff);
                TOps.Store(im, ref dst, imOff);
            }

            return;
        }

        for (int i = 0; i < height; i++)
        {
            ref float row = ref Unsafe.Add(ref source, i * stride);
            ref float dst = ref Unsafe.Add(ref work, Slot(order, i, e));
            for (int p = 0; p < lanes; p++)
            {
                Unsafe.Add(ref dst, reOff + (nuint)p) = p < count ? Unsafe.Add(ref row, 2 * p) : 0f;
                Unsafe.Add(ref dst, imOff + (nuint)p) = p < count ? Unsafe.Add(ref row, (2 * p) + 1) : 0f;
            }
        }
    }

    /// <summary>Lanes (natural order) back to a strip of complex columns, times <paramref name="scale"/>.</summary>
    public static void ScatterComplexColumns<TV, TOps>(ref float work, ref float destination, nint stride, int height, int count, bool swap, float scale)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        nuint e = (nuint)(2 * lanes);
        nuint reOff = swap ? (nuint)lanes : 0;
        nuint imOff = swap ? 0 : (nuint)lanes;
        if (count == lanes)
        {
            TV s = TOps.Broadcast(scale);
            for (int i = 0; i < height; i++)
            {
                ref float src = ref Unsafe.Add(ref work, (nuint)i * e);
                TV re = TOps.Multiply(TOps.Load(ref src, reOff), s);
                TV im = TOps.Multiply(TOps.Load(ref src, imOff), s);
                TOps.Interleave(re, im, out TV v0, out TV v1);
                ref float row = ref Unsafe.Add(ref destination, i * stride);
                TOps.Store(v0, ref row, 0);
                TOps.Store(v1, ref row, (nuint)lanes);
            }

            return;
        }

        for (int i = 0; i < height; i++)
        {
            ref float src = ref Unsafe.Add(ref work, (nuint)i * e);
            ref float row = ref Unsafe.Add(ref destination, i * stride);
            for (int p = 0; p < count; p++)
            {
                Unsafe.Add(ref row, 2 * p) = Unsafe.Add(ref src, reOff + (nuint)p) * scale;
                Unsafe.Add(ref row, (2 * p) + 1) = Unsafe.Add(ref src, imOff + (nuint)p) * scale;
            }
        }
    }

    /// <summary>
    /// Separates the transform Z of the packed real pair z = x + i·y (n elements, natural order) into the half
    /// spectra X[k] and Y[k], k = 0..n/2, written to <paramref name="halves"/> elements k and half + k, each times
    /// <paramref name="factor"/>[k] when given.
    /// </summary>
    /// <remarks>With A = Z[k], B = Z[(n−k) mod n]: X = (A + conj B)/2, Y = (A − conj B)/(2i).</remarks>
    public static void SplitRealPair<TV, TOps>(ref float spectrum, int n, ref float halves, ReadOnlySpan<float> factor)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        nuint e = (nuint)(2 * lanes);
        nuint l = (nuint)lanes;
        int half = (n / 2) + 1;
        for (int k = 0; k < half; k++)
        {
            ref float a = ref Unsafe.Add(ref spectrum, (nuint)k * e);
            ref float b = ref Unsafe.Add(ref spectrum, (nuint)(k == 0 ? 0 : n - k) * e);
            TV ar = TOps.Load(ref a, 0);
            TV ai = TOps.Load(ref a, l);
            TV br = TOps.Load(ref b, 0);
            TV bi = TOps.Load(ref b, l);
            TV h = TOps.Broadcast(factor.IsEmpty ? 0.5f : 0.5f * factor[k]);
            ref float x = ref Unsafe.Add(ref halves, (nuint)k * e);
            ref float y = ref Unsafe.Add(ref halves, (nuint)(half + k) * e);
            TOps.Store(TOps.Multiply(TOps.Add(ar, br), h), ref x, 0);
            TOps.Store(TOps.Multiply(TOps.Subtract(ai, bi), h), ref x, l);
            TOps.Store(TOps.Multiply(TOps.Add(ai, bi), h), ref y, 0);
            TOps.Store(TOps.Multiply(TOps.Subtract(br, ar), h), ref y, l);
        }
    }

    /// <summary>
    /// The inverse of <see cref="SplitRealPair{TV, TOps}"/>: from half spectra X (elements 0..n/2) and Y (elements
    /// half..), builds Z[k] = X[k] + i·Y[k] for k = 0..n−1 with Hermitian extension, and writes swap(Z[k]) to batch
    /// element <c>order[k]</c>, ready for the forward kernel to act as an inverse transform.
    /// </summary>
    /// <remarks>Like NumPy's irfft (pocketfft c2r), the imaginary parts of X[0] and, for even n, X[n/2] are ignored.</remarks>
    public static void CombineRealPair<TV, TOps>(ref float halves, int n, ref float work, ReadOnlySpan<int> order)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        nuint e = (nuint)(2 * lanes);
        nuint l = (nuint)lanes;
        int half = (n / 2) + 1;
        for (int k = 0; k < n; k++)
        {
            int j = k < half ? k : n - k;
            ref float x = ref Unsafe.Add(ref halves, (nuint)j * e);
            ref float y = ref Unsafe.Add(ref halves, (nuint)(half + j) * e);
            TV xr = TOps.Load(ref x, 0);
            TV xi = TOps.Load(ref x, l);
            TV yr = TOps.Load(ref y, 0);
            TV yi = TOps.Load(ref y, l);
            if (k == 0 || 2 * k == n)
            {
                xi = TOps.Zero;
                yi = TOps.Zero;
            }
            else if (k >= half)
            {
                xi = TOps.Subtract(TOps.Zero, xi);
                yi = TOps.Subtract(TOps.Zero, yi);
            }

            // Z = X + iY; stored swapped (re slot <- Im Z, im slot <- Re Z).
            ref float z = ref Unsafe.Add(ref work, Slot(order, k, e));
            TOps.Store(TOps.Add(xi, yr), ref z, 0);
            TOps.Store(TOps.Subtract(xr, yi), ref z, l);
        }
    }

    /// <summary>Writes swap(a[i]·factor[i]) to batch element <c>order[i]</c>: a forward spectrum in natural order
    /// becomes the input of an inverse transform, filtered on the way.</summary>
    public static void FilterForInverse<TV, TOps>(ref float source, int n, ref float work, ReadOnlySpan<int> order, ReadOnlySpan<float> factor)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int lanes = TOps.Count;
        nuint e = (nuint)(2 * lanes);
        nuint l = (nuint)lanes;
        for (int i = 0; i < n; i++)
        {
            ref float a = ref Unsafe.Add(ref source, (nuint)i * e);
            TV f = TOps.Broadcast(factor[i]);
            ref float z = ref Unsafe.Add(ref work, Slot(order, i, e));
            TV re = TOps.Multiply(TOps.Load(ref a, 0), f);
            TV im = TOps.Multiply(TOps.Load(ref a, l), f);
            TOps.Store(im, ref z, 0);
            TOps.Store(re, ref z, l);
        }
    }
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastXray.Threading;

namespace FastXray.Morphology;

/// <summary>How one pass combines the shifted copies of the image: AND for erosion, OR for dilation.</summary>
internal interface IBitCombineOperator
{
    /// <summary>The value an empty structure produces (AND over nothing is all ones, OR over nothing all zeros).</summary>
    static abstract ulong Identity { get; }

    static abstract ulong Invoke(ulong a, ulong b);

    static abstract Vector128<ulong> Invoke(Vector128<ulong> a, Vector128<ulong> b);

    static abstract Vector256<ulong> Invoke(Vector256<ulong> a, Vector256<ulong> b);

    static abstract Vector512<ulong> Invoke(Vector512<ulong> a, Vector512<ulong> b);
}

/// <summary>Erosion: <c>out[p] = AND over q of in[p + q]</c>.</summary>
internal readonly struct AndCombineOperator : IBitCombineOperator
{
    public static ulong Identity => ulong.MaxValue;

    public static ulong Invoke(ulong a, ulong b) => a & b;

    public static Vector128<ulong> Invoke(Vector128<ulong> a, Vector128<ulong> b) => a & b;

    public static Vector256<ulong> Invoke(Vector256<ulong> a, Vector256<ulong> b) => a & b;

    public static Vector512<ulong> Invoke(Vector512<ulong> a, Vector512<ulong> b) => a & b;
}

/// <summary>Dilation: <c>out[p] = OR over q of in[p - q]</c>.</summary>
internal readonly struct OrCombineOperator : IBitCombineOperator
{
    public static ulong Identity => 0;

    public static ulong Invoke(ulong a, ulong b) => a | b;

    public static Vector128<ulong> Invoke(Vector128<ulong> a, Vector128<ulong> b) => a | b;

    public static Vector256<ulong> Invoke(Vector256<ulong> a, Vector256<ulong> b) => a | b;

    public static Vector512<ulong> Invoke(Vector512<ulong> a, Vector512<ulong> b) => a | b;
}

/// <summary>The shared driver of binary erosion, dilation, opening and closing on a bit-packed image.</summary>
/// <remarks>
/// The source is packed once (bit = sample != 0) into a plane framed by the border value, the passes ping-pong between
/// two planes, and the last plane is unpacked to 0/1 bytes. A pass computes each output word as the AND (erosion) or
/// OR (dilation) of the input shifted by every structure offset: offset (dy, dx) reads row y + dy at bit position
/// x + dx, i.e. words floor(dx/64) and floor(dx/64)+1 away combined with a right and a left shift. 64 pixels per word
/// and 8 words per Vector512 make one cross pass on a 1024-wide row 2 x 5 vector loads. A pass that changes nothing
/// ends the repetition early, since every later pass would reproduce it; this is also how iterations &lt; 1 ("until
/// stable") stops. Everything the call needs is rented once from <see cref="ArrayPool{T}"/>.
/// </remarks>
internal static class BinaryMorphology
{
    /// <summary>One kind of pass in a sequence.</summary>
    public enum Pass
    {
        Erosion,
        Dilation,
    }

    /// <summary>Validates the arguments shared by all four public operations.</summary>
    public static void Validate<T>(ReadOnlyImageSpan<T> source, ImageSpan<byte> destination, ReadOnlyImageSpan<byte> structure)
        where T : unmanaged
    {
        if (!PixelConvert.IsSupported<T>())
        {
            ThrowHelper.ThrowNotSupportedType<T>();
        }

        ImageSpanValidation.SameSize(source, destination);
        if (structure.IsEmpty)
        {
            ThrowHelper.ThrowArgument(nameof(structure), "The structure must not be empty.");
        }

        if (structure.Width > 4096 || structure.Height > 4096)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(structure), "The structure may be at most 4096 samples along each axis.");
        }
    }

    /// <summary>Runs <paramref name="first"/> then (optionally) <paramref name="second"/>, each repeated <paramref name="iterations"/> times.</summary>
    public static void Run<T>(
        ReadOnlyImageSpan<T> source,
        ImageSpan<byte> destination,
        ReadOnlyImageSpan<byte> structure,
        int iterations,
        bool borderValue,
        Pass first,
        Pass? second)
        where T : unmanaged
    {
        if (source.IsEmpty)
        {
            return;
        }

        int members = 0;
        for (int i = 0; i < structure.Height; i++)
        {
            members += structure.Width - structure.Row(i).Count((byte)0);
        }

        // Reach of the structure from its centre (shape // 2); the reflected structure has the same reach.
        int cy = structure.Height / 2;
        int cx = structure.Width / 2;
        int reachY = Math.Max(cy, structure.Height - 1 - cy);
        int reachX = Math.Max(cx, structure.Width - 1 - cx);
        var layout = new BitLayout(source.Width, source.Height, reachX, reachY);
        ulong borderFill = borderValue ? ulong.MaxValue : 0;

        ulong[] planeA = ArrayPool<ulong>.Shared.Rent(layout.TotalWords);
        ulong[] planeB = ArrayPool<ulong>.Shared.Rent(layout.TotalWords);

        // With the centre a member, erosion only removes and dilation only adds, so "until stable" ends. Without
        // it the passes can cycle for ever (structure [[1,0,1]] flips a line between odd and even pixels; scipy
        // then never returns): such runs keep a third plane to detect a repeated state.
        bool mayCycle = iterations < 1 && structure.Row(cy)[cx] == 0;
        ulong[]? saved = mayCycle ? ArrayPool<ulong>.Shared.Rent(layout.TotalWords) : null;
        int[] offsets = ArrayPool<int>.Shared.Rent(Math.Max(4 * members, 1));
        try
        {
            Span<int> erosionOffsets = offsets.AsSpan(0, 2 * members);
            Span<int> dilationOffsets = offsets.AsSpan(2 * members, 2 * members);
            BuildOffsets(structure, layout, reflect: false, erosionOffsets);
            BuildOffsets(structure, layout, reflect: true, dilationOffsets);

            BitPlane.Pack(source, planeA, layout, borderFill);
            planeB.AsSpan(0, layout.TotalWords).Fill(borderFill);
            Span<ulong> current = planeA.AsSpan(0, layout.TotalWords);
            Span<ulong> next = planeB.AsSpan(0, layout.TotalWords);

            Span<ulong> savedPlane = saved is null ? default : saved.AsSpan(0, layout.TotalWords);
            Repeat(first == Pass.Erosion, first == Pass.Erosion ? erosionOffsets : dilationOffsets, iterations, layout, borderFill, ref current, ref next, savedPlane);
            if (second is Pass s)
            {
                Repeat(s == Pass.Erosion, s == Pass.Erosion ? erosionOffsets : dilationOffsets, iterations, layout, borderFill, ref current, ref next, savedPlane);
            }

            for (int y = 0; y < layout.Height; y++)
            {
                BitPlane.UnpackRow(current.Slice(layout.RowStart(y), layout.DataWords), destination.Row(y));
            }
        }
        finally
        {
            if (saved is not null)
            {
                ArrayPool<ulong>.Shared.Return(saved);
            }

            ArrayPool<int>.Shared.Return(offsets);
            ArrayPool<ulong>.Shared.Return(planeB);
            ArrayPool<ulong>.Shared.Return(planeA);
        }
    }

    /// <summary>Encodes each member (dy, dx) as a pair (word offset dy*RowWords + floor(dx/64), bit shift dx mod 64).</summary>
    /// <remarks>Erosion reads in[p + q] with q = k - shape//2; dilation, the Minkowski sum, reads in[p - q].</remarks>
    private static void BuildOffsets(ReadOnlyImageSpan<byte> structure, in BitLayout layout, bool reflect, Span<int> pairs)
    {
        int cy = structure.Height / 2;
        int cx = structure.Width / 2;
        int n = 0;
        for (int i = 0; i < structure.Height; i++)
        {
            ReadOnlySpan<byte> row = structure.Row(i);
            for (int j = 0; j < structure.Width; j++)
            {
                if (row[j] == 0)
                {
                    continue;
                }

                int dy = reflect ? cy - i : i - cy;
                int dx = reflect ? cx - j : j - cx;
                int word = dx >> 6;
                pairs[n++] = (dy * layout.RowWords) + word;
                pairs[n++] = dx - (word << 6);
            }
        }
    }

    /// <remarks>
    /// A non-empty <paramref name="saved"/> turns on Brent's cycle detection for "until stable" runs that may never
    /// stabilise: the state at each power-of-two pass count is kept and every later state compared with it, so a
    /// cycle of period P is found within about 2P passes after it starts, with one extra plane and one comparison a
    /// pass. The passes are deterministic, so a repeated state proves the run would never end.
    /// </remarks>
    private static void Repeat(bool erosion, ReadOnlySpan<int> offsets, int iterations, in BitLayout layout, ulong borderFill, ref Span<ulong> current, ref Span<ulong> next, Span<ulong> saved)
    {
        int power = 1;
        int sinceSaved = 0;
        if (!saved.IsEmpty)
        {
            current.CopyTo(saved);
        }

        for (int done = 0; iterations < 1 || done < iterations; done++)
        {
            // Until-stable runs may take thousands of passes over the whole plane.
            KernelCancellation.ThrowIfRequested();
            bool changed = erosion
                ? Step<AndCombineOperator>(current, next, layout, offsets, borderFill)
                : Step<OrCombineOperator>(current, next, layout, offsets, borderFill);
            Span<ulong> t = current;
            current = next;
            next = t;
            if (!changed)
            {
                return;
            }

            if (!saved.IsEmpty)
            {
                sinceSaved++;
                if (current.SequenceEqual(saved))
                {
                    ThrowHelper.ThrowArgument(
                        nameof(iterations),
                        $"iterations < 1 repeats until nothing changes, but with this structure (its centre is not a member) the passes cycle with period {sinceSaved} and never stabilise; give a positive iteration count.");
                }

                if (sinceSaved == power)
                {
                    current.CopyTo(saved);
                    power *= 2;
                    sinceSaved = 0;
                }
            }
        }
    }

    /// <summary>One pass from <paramref name="source"/> into <paramref name="destination"/>; true when any pixel changed.</summary>
    internal static bool Step<TOperator>(ReadOnlySpan<ulong> source, Span<ulong> destination, in BitLayout layout, ReadOnlySpan<int> offsets, ulong borderFill)
        where TOperator : struct, IBitCombineOperator
    {
        bool changed = false;
        int dataWords = layout.DataWords;
        for (int y = 0; y < layout.Height; y++)
        {
            int start = layout.RowStart(y);
            ref ulong src = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), start);
            ref ulong dst = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), start);
            if (Vector512.IsHardwareAccelerated)
            {
                for (int w = 0; w < dataWords; w += Vector512<ulong>.Count)
                {
                    Vector512<ulong> acc = Vector512.Create(TOperator.Identity);
                    for (int k = 0; k < offsets.Length; k += 2)
                    {
                        ref ulong p = ref Unsafe.Add(ref src, offsets[k] + w);
                        int shift = offsets[k + 1];
                        Vector512<ulong> v = Vector512.LoadUnsafe(ref p);
                        if (shift != 0)
                        {
                            v = Vector512.ShiftRightLogical(v, shift) | Vector512.ShiftLeft(Vector512.LoadUnsafe(ref p, 1), 64 - shift);
                        }

                        acc = TOperator.Invoke(acc, v);
                    }

                    acc.StoreUnsafe(ref dst, (nuint)w);
                }
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                for (int w = 0; w < dataWords; w += Vector256<ulong>.Count)
                {
                    Vector256<ulong> acc = Vector256.Create(TOperator.Identity);
                    for (int k = 0; k < offsets.Length; k += 2)
                    {
                        ref ulong p = ref Unsafe.Add(ref src, offsets[k] + w);
                        int shift = offsets[k + 1];
                        Vector256<ulong> v = Vector256.LoadUnsafe(ref p);
                        if (shift != 0)
                        {
                            v = Vector256.ShiftRightLogical(v, shift) | Vector256.ShiftLeft(Vector256.LoadUnsafe(ref p, 1), 64 - shift);
                        }

                        acc = TOperator.Invoke(acc, v);
                    }

                    acc.StoreUnsafe(ref dst, (nuint)w);
                }
            }
            else if (Vector128.IsHardwareAccelerated)
            {
                for (int w = 0; w < dataWords; w += Vector128<ulong>.Count)
                {
                    Vector128<ulong> acc = Vector128.Create(TOperator.Identity);
                    for (int k = 0; k < offsets.Length; k += 2)
                    {
                        ref ulong p = ref Unsafe.Add(ref src, offsets[k] + w);
                        int shift = offsets[k + 1];
                        Vector128<ulong> v = Vector128.LoadUnsafe(ref p);
                        if (shift != 0)
                        {
                            v = Vector128.ShiftRightLogical(v, shift) | Vector128.ShiftLeft(Vector128.LoadUnsafe(ref p, 1), 64 - shift);
                        }

                        acc = TOperator.Invoke(acc, v);
                    }

                    acc.StoreUnsafe(ref dst, (nuint)w);
                }
            }
            else
            {
                StepRowScalar<TOperator>(ref src, ref dst, dataWords, offsets);
            }

            Span<ulong> row = destination.Slice(start, dataWords);
            BitPlane.FixTail(row, layout.Width, borderFill);
            changed |= !row.SequenceEqual(source.Slice(start, dataWords));
        }

        return changed;
    }

    /// <summary>The scalar reference of one row of <see cref="Step{TOperator}"/>.</summary>
    internal static void StepRowScalar<TOperator>(ref ulong src, ref ulong dst, int dataWords, ReadOnlySpan<int> offsets)
        where TOperator : struct, IBitCombineOperator
    {
        for (int w = 0; w < dataWords; w++)
        {
            ulong acc = TOperator.Identity;
            for (int k = 0; k < offsets.Length; k += 2)
            {
                ref ulong p = ref Unsafe.Add(ref src, offsets[k] + w);
                int shift = offsets[k + 1];
                ulong v = p;
                if (shift != 0)
                {
                    v = (v >> shift) | (Unsafe.Add(ref p, 1) << (64 - shift));
                }

                acc = TOperator.Invoke(acc, v);
            }

            Unsafe.Add(ref dst, w) = acc;
        }
    }
}

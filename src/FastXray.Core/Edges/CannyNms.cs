using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastXray.Edges;

/// <summary>
/// Canny's non-maximum suppression and double threshold, exactly as skimage 0.19's <c>_get_local_maxima</c>
/// followed by <c>magnitude &gt;= low</c> / <c>&gt;= high</c>, marking the destination for the hysteresis.
/// </summary>
/// <remarks>
/// A pixel is considered when it is inside the eroded mask (not on the outermost rows and columns; with a mask,
/// its whole 3x3 neighbourhood is in the mask), magnitude m &gt; 0 and m ≥ low (pixels below low cannot be in the
/// output, so their suppression is never evaluated). With i = sobel axis 0 and j = sobel axis 1, skimage assigns
/// the sectors in this order, a later one overwriting an earlier one on the shared diagonals and axes:
/// <list type="number">
/// <item>0–45°: (i ≥ 0 ∧ j ≥ 0 ∨ i ≤ 0 ∧ j ≤ 0) ∧ |i| ≥ |j|; w = |j|/|i|; neighbours (y+1,x),(y+1,x+1) and (y−1,x),(y−1,x−1).</item>
/// <item>45–90°: same signs ∧ |i| ≤ |j|; w = |i|/|j|; (y,x+1),(y+1,x+1) and (y,x−1),(y−1,x−1).</item>
/// <item>90–135°: (i ≤ 0 ∧ j ≥ 0 ∨ i ≥ 0 ∧ j ≤ 0) ∧ |i| ≤ |j|; w = |i|/|j|; (y,x+1),(y−1,x+1) and (y,x−1),(y+1,x−1).</item>
/// <item>135–180°: opposite signs ∧ |i| ≥ |j|; w = |j|/|i|; (y−1,x),(y−1,x+1) and (y+1,x),(y+1,x−1).</item>
/// </list>
/// The last matching sector decides, so they are tested from 4 down to 1. For neighbours (c1, c2) on each side the
/// pixel is a maximum when <c>c2·w + c1·(1 − w) ≤ m</c> on both sides, evaluated in float64 as skimage does (the
/// inputs are our float32 values).
/// The destination gets 2 for maxima with m ≥ high (also pushed on the stack as seeds), 1 for the other maxima
/// with m ≥ low, 0 elsewhere.
/// </remarks>
internal static unsafe class CannyNms
{
    /// <summary>Marks candidates and seeds; returns the number of seeds pushed on <paramref name="stack"/> (destination-linear indices).</summary>
    public static int Seed(
        ReadOnlySpan<float> magnitude,
        ReadOnlySpan<float> isobel,
        ReadOnlySpan<float> jsobel,
        int width,
        int height,
        ReadOnlySpan<byte> mask,
        int maskStride,
        double low,
        double high,
        ImageSpan<byte> destination,
        int[] stack)
    {
        Debug.Assert(magnitude.Length >= width * height && stack.Length >= width * height);
        for (int y = 0; y < height; y++)
        {
            destination.Row(y).Clear();
        }

        if (width < 3 || height < 3)
        {
            // No pixel has all eight neighbours: the eroded mask is empty.
            return 0;
        }

        bool masked = !mask.IsEmpty;
        int dstStride = destination.Stride;
        int count = 0;

        // m >= low (low in float64) is m >= lowF for the smallest float lowF >= low, so whole vectors of candidates
        // can be found with float compares; the pixels that pass are then handled one by one.
        float lowF = (float)low;
        if (lowF < low)
        {
            lowF = MathF.BitIncrement(lowF);
        }

        var row = new Row { Width = width, High = high, Masked = masked, MaskStride = maskStride };
        SimdLevel level = SimdCapabilities.Active;
        fixed (float* pm = magnitude)
        fixed (float* pi = isobel)
        fixed (float* pj = jsobel)
        fixed (byte* pd = destination.Data)
        fixed (byte* pk = mask)
        fixed (int* st = stack)
        {
            row.Mask = pk;
            row.Stack = st;
            for (int y = 1; y < height - 1; y++)
            {
                row.M = pm + ((nint)y * width);
                row.I = pi + ((nint)y * width);
                row.J = pj + ((nint)y * width);
                row.D = pd + ((nint)y * dstStride);
                row.DestinationRowStart = y * dstStride;
                row.Y = y;
                int x = 1;
                int end = width - 1;
                if (level >= SimdLevel.Vector256)
                {
                    Vector256<float> lowV = Vector256.Create(lowF);
                    for (; x + Vector256<float>.Count <= end; x += Vector256<float>.Count)
                    {
                        Vector256<float> v = Vector256.Load(row.M + x);
                        uint bits = (Vector256.GreaterThanOrEqual(v, lowV) & Vector256.GreaterThan(v, Vector256<float>.Zero)).ExtractMostSignificantBits();
                        for (; bits != 0; bits &= bits - 1)
                        {
                            count = row.Candidate(x + BitOperations.TrailingZeroCount(bits), count);
                        }
                    }
                }
                else if (level >= SimdLevel.Vector128)
                {
                    Vector128<float> lowV = Vector128.Create(lowF);
                    for (; x + Vector128<float>.Count <= end; x += Vector128<float>.Count)
                    {
                        Vector128<float> v = Vector128.Load(row.M + x);
                        uint bits = (Vector128.GreaterThanOrEqual(v, lowV) & Vector128.GreaterThan(v, Vector128<float>.Zero)).ExtractMostSignificantBits();
                        for (; bits != 0; bits &= bits - 1)
                        {
                            count = row.Candidate(x + BitOperations.TrailingZeroCount(bits), count);
                        }
                    }
                }

                for (; x < end; x++)
                {
                    // `mv > 0` is false for NaN too, which skimage's comparisons reject as well.
                    float mv = row.M[x];
                    if (mv > 0f && mv >= lowF)
                    {
                        count = row.Candidate(x, count);
                    }
                }
            }
        }

        return count;
    }

    /// <summary>One image row being scanned: pointers to its magnitude, gradients and marks, and the shared state.</summary>
    private struct Row
    {
        public float* M;
        public float* I;
        public float* J;
        public byte* D;
        public byte* Mask;
        public int* Stack;
        public int Width;
        public int MaskStride;
        public int DestinationRowStart;
        public int Y;
        public double High;
        public bool Masked;

        /// <summary>A pixel with m &gt; 0 and m ≥ low: mask, suppression, then weak (1) or strong (2, pushed).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly int Candidate(int x, int count)
        {
            float mv = M[x];
            if (Masked && !Inside3x3(Mask, MaskStride, x, Y))
            {
                return count;
            }

            if (!IsLocalMaximum(M, I[x], J[x], mv, x, Width))
            {
                return count;
            }

            if (mv >= High)
            {
                D[x] = 2;
                Stack[count++] = DestinationRowStart + x;
            }
            else
            {
                D[x] = 1;
            }

            return count;
        }
    }

    // ndi.binary_erosion(mask, ones 3x3, border_value=0) at an interior pixel.
    private static bool Inside3x3(byte* mask, int stride, int x, int y)
    {
        for (int dy = -1; dy <= 1; dy++)
        {
            byte* row = mask + ((nint)(y + dy) * stride) + x;
            if (row[-1] == 0 || row[0] == 0 || row[1] == 0)
            {
                return false;
            }
        }

        return true;
    }

    // The four sectors share one shape: the "plus" side reads c1 at offset o1 and c2 at offset o2 (in pixels of
    // the magnitude image), the "minus" side at −o1 and −o2, and w = min(|i|, |j|) / max(|i|, |j|) (|j|/|i| in the
    // horizontal sectors 1 and 4, |i|/|j| in the vertical ones 2 and 3, always the smaller over the larger). So the
    // sector only selects two offsets from a table and the test runs without data-dependent branches, which the
    // noisy gradient directions of a radiograph would mispredict half the time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLocalMaximum(float* m, float i, float j, float mv, int x, int width)
    {
        float ai = Math.Abs(i);
        float aj = Math.Abs(j);
        bool opposite = (i <= 0 & j >= 0) | (i >= 0 & j <= 0);

        // Sector index 0..3 for skimage's sectors 1..4; a later sector wins on shared boundaries (ai == aj, or a
        // zero component, which makes the signs count as opposite).
        int sector = opposite ? 2 + (ai >= aj ? 1 : 0) : (ai <= aj ? 1 : 0);
        int o1 = sector switch { 0 => width, 1 => 1, 2 => 1, _ => -width };
        int o2 = sector switch { 0 => width + 1, 1 => width + 1, 2 => 1 - width, _ => 1 - width };
        double w = (double)Math.Min(ai, aj) / Math.Max(ai, aj);
        double v = 1 - w;
        double mm = mv;
        float* c = m + x;
        return ((c[o2] * w) + (c[o1] * v) <= mm) & ((c[-o2] * w) + (c[-o1] * v) <= mm);
    }
}

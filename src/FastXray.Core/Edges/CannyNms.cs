using System.Diagnostics;
using System.Runtime.CompilerServices;

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
        fixed (float* pm = magnitude)
        fixed (float* pi = isobel)
        fixed (float* pj = jsobel)
        fixed (byte* pd = destination.Data)
        fixed (byte* pk = mask)
        {
            for (int y = 1; y < height - 1; y++)
            {
                float* m = pm + ((nint)y * width);
                float* gi = pi + ((nint)y * width);
                float* gj = pj + ((nint)y * width);
                byte* d = pd + ((nint)y * dstStride);
                for (int x = 1; x < width - 1; x++)
                {
                    float mv = m[x];

                    // Most pixels fail here; `!(mv > 0)` also drops NaN, which skimage's comparisons reject too.
                    if (!(mv > 0f) || mv < low)
                    {
                        continue;
                    }

                    if (masked && !Inside3x3(pk, maskStride, x, y))
                    {
                        continue;
                    }

                    if (!IsLocalMaximum(m, gi[x], gj[x], mv, x, width))
                    {
                        continue;
                    }

                    if (mv >= high)
                    {
                        d[x] = 2;
                        stack[count++] = (y * dstStride) + x;
                    }
                    else
                    {
                        d[x] = 1;
                    }
                }
            }
        }

        return count;
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

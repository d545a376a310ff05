using System.Runtime.Intrinsics;

namespace FastXray.Edges;

/// <summary>Canny's hysteresis: grows the strong edges through 8-connected weak candidates with an explicit stack.</summary>
/// <remarks>
/// Equivalent to skimage's labelling of <c>low_mask</c> with a 3x3 structure and keeping the labels that hold a
/// strong pixel: every pixel reachable from a seed through candidates is in a seeded component. Each pixel is
/// pushed at most once (it is marked before it is pushed), so the stack never holds more than width·height
/// entries, and no recursion is involved. Candidates never lie on the outermost rows or columns, so the eight
/// neighbours of a popped pixel are always inside the image.
/// </remarks>
internal static unsafe class Hysteresis
{
    /// <summary>Marks (2) every weak candidate (1) connected to a seed; <paramref name="stack"/> holds <paramref name="count"/> seeds.</summary>
    public static void Grow(ImageSpan<byte> map, int[] stack, int count)
    {
        if (count == 0)
        {
            return;
        }

        int s = map.Stride;
        fixed (byte* d = map.Data)
        fixed (int* st = stack)
        {
            while (count > 0)
            {
                int p = st[--count];
                byte* c = d + p;
                Visit(c - s - 1, p - s - 1, st, ref count);
                Visit(c - s, p - s, st, ref count);
                Visit(c - s + 1, p - s + 1, st, ref count);
                Visit(c - 1, p - 1, st, ref count);
                Visit(c + 1, p + 1, st, ref count);
                Visit(c + s - 1, p + s - 1, st, ref count);
                Visit(c + s, p + s, st, ref count);
                Visit(c + s + 1, p + s + 1, st, ref count);
            }
        }
    }

    private static void Visit(byte* q, int index, int* stack, ref int count)
    {
        if (*q == 1)
        {
            *q = 2;
            stack[count++] = index;
        }
    }

    /// <summary>Maps the marks to the output: 2 (edge) to 1 or 255, anything else to 0.</summary>
    public static void Finish(ImageSpan<byte> map, bool fullScale)
    {
        for (int y = 0; y < map.Height; y++)
        {
            Span<byte> row = map.Row(y);
            fixed (byte* r = row)
            {
                // v >> 1 is 1 for an edge (2) and 0 for 0 or 1; negating gives 255. Not idempotent, so the tail is scalar.
                int x = 0;
                if (SimdCapabilities.Active >= SimdLevel.Vector256)
                {
                    for (; x <= row.Length - Vector256<byte>.Count; x += Vector256<byte>.Count)
                    {
                        Vector256<byte> v = Vector256.ShiftRightLogical(Vector256.Load(r + x), 1);
                        (fullScale ? Vector256<byte>.Zero - v : v).Store(r + x);
                    }
                }
                else if (SimdCapabilities.Active >= SimdLevel.Vector128)
                {
                    for (; x <= row.Length - Vector128<byte>.Count; x += Vector128<byte>.Count)
                    {
                        Vector128<byte> v = Vector128.ShiftRightLogical(Vector128.Load(r + x), 1);
                        (fullScale ? Vector128<byte>.Zero - v : v).Store(r + x);
                    }
                }

                for (; x < row.Length; x++)
                {
                    int e = r[x] >> 1;
                    r[x] = (byte)(fullScale ? -e : e);
                }
            }
        }
    }
}

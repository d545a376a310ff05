namespace FastXray;

/// <summary>Maps a virtual index outside <c>[0, n)</c> to the sample that scipy reads there.</summary>
/// <remarks>
/// These are the periodic formulas of scipy's 1-D line-buffer path (ndimage-semantics §2), used for every
/// filter here, including the ones scipy runs on its n-D path: that path reads out of bounds for
/// <c>reflect</c> when a kernel reaches 4n samples before an axis start, a bug we deliberately do not copy.
/// Callers precompute index maps with this once per call; nothing calls it per pixel.
/// </remarks>
public static class BorderIndex
{
    /// <summary>The in-range index for virtual index <paramref name="j"/>, or -1 for <see cref="BorderMode.Constant"/> outside.</summary>
    public static int Map(long j, int n, BorderMode mode)
    {
        if ((ulong)j < (ulong)n)
        {
            return (int)j;
        }

        switch (mode)
        {
            case BorderMode.Constant:
                return -1;
            case BorderMode.Nearest:
                return j < 0 ? 0 : n - 1;
            case BorderMode.Wrap:
                return (int)Mod(j, n);
            case BorderMode.Reflect:
            {
                long m = Mod(j, 2L * n);
                return (int)(m < n ? m : 2L * n - 1 - m);
            }
            case BorderMode.Mirror:
            {
                if (n == 1)
                {
                    return 0;
                }

                long p = 2L * n - 2;
                long m = Mod(j, p);
                return (int)(m < n ? m : p - m);
            }
            default:
                return ThrowHelper.ThrowArgumentOutOfRange<int>(nameof(mode), "Unknown border mode.");
        }
    }

    private static long Mod(long a, long m)
    {
        long r = a % m;
        return r < 0 ? r + m : r;
    }
}

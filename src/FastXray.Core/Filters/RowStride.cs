namespace FastXray.Filters;

/// <summary>
/// Row strides that keep the vertical pass out of cache-set conflicts (4K aliasing).
/// </summary>
/// <remarks>
/// The vertical pass streams one vector from each of its tap rows at the same column. With a row stride
/// of 4 KiB (1024 floats), or any multiple of 2 KiB, or a stride within a few floats of one (a 1023- or
/// 1025-wide image), those rows fall in the same one or two L1 sets (64 sets of 64-byte lines on the
/// x86 cores we target, so the set index repeats every 4 KiB) and a 17-tap kernel evicts its own rows:
/// every load misses L1, and loads also falsely wait on stores whose low 12 address bits match.
/// Rows we allocate therefore get a stride of an odd number of 64-byte lines: consecutive rows then
/// start in different sets and 64 consecutive rows cover all 64 sets (gcd(odd, 64) = 1), at every cache
/// level whose set index repeats at a power of two. A caller's float source with an aliasing stride is
/// copied once into such a buffer when the vertical kernel has enough taps to thrash
/// (<see cref="CopyTapThreshold"/>); the copy costs one read and one write per pixel.
/// Only the memory layout changes, never the arithmetic, so results are bit-identical either way.
/// <c>FASTXRAY_STRIDE_PADDING=0</c> (process) or <see cref="Force"/> (thread) turns it off, so tests
/// and benchmarks reach both layouts.
/// </remarks>
internal static class RowStride
{
    /// <summary>Vertical kernels with more taps than this read an aliasing caller source from a padded copy.</summary>
    public const int CopyTapThreshold = 8;

    // The L1 set index repeats every 4 KiB (64 sets of 64-byte lines).
    private const int SetPeriodFloats = 1024;

    // Rows narrower than this are not padded: 64 rows of them span less than 16 KiB, so they cannot
    // crowd one set, and padding would multiply the memory of tall narrow images.
    private const int MinPaddedWidth = 64;

    // A cache line in floats.
    private const int LineFloats = 16;

    [ThreadStatic]
    private static bool? t_forced;

    private static readonly bool s_processEnabled = Environment.GetEnvironmentVariable("FASTXRAY_STRIDE_PADDING") != "0";

    /// <summary>Whether padding is on for the current thread.</summary>
    public static bool Enabled => t_forced ?? s_processEnabled;

    /// <summary>Overrides <see cref="Enabled"/> for the current thread (null restores the process setting). Returns the previous override.</summary>
    public static bool? Force(bool? enabled)
    {
        bool? previous = t_forced;
        t_forced = enabled;
        return previous;
    }

    /// <summary>The stride (in floats) for an allocated float image or row buffer of <paramref name="width"/> samples.</summary>
    public static int For(int width)
    {
        if (!Enabled || width < MinPaddedWidth)
        {
            return width;
        }

        int stride = checked((width + LineFloats - 1) & ~(LineFloats - 1));
        if ((stride / LineFloats % 2) == 0)
        {
            stride = checked(stride + LineFloats);
        }

        return stride;
    }

    /// <summary>
    /// True when rows one or two apart start less than a cache line from the same L1 set (a row
    /// distance within 16 floats of a multiple of 1024 floats): strides on or near a multiple of 2 KiB.
    /// </summary>
    /// <remarks>
    /// A padded stride (<see cref="For"/>) never aliases: an odd number of lines times 1 or 2 is never
    /// a multiple of 64 lines.
    /// </remarks>
    public static bool Aliases(int stride) => NearSetPeriod(stride) || NearSetPeriod(2L * stride);

    private static bool NearSetPeriod(long distance)
    {
        long r = distance % SetPeriodFloats;
        return distance > SetPeriodFloats - LineFloats && (r < LineFloats || r > SetPeriodFloats - LineFloats);
    }

    /// <summary>True when the vertical pass should read a caller's float source with <paramref name="stride"/> from a padded copy.</summary>
    public static bool CopySource(int stride, int verticalTaps) =>
        Enabled && verticalTaps > CopyTapThreshold && Aliases(stride);
}

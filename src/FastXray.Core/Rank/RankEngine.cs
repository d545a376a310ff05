using System.Runtime.InteropServices;

namespace FastXray.Rank;

/// <summary>Rank-selection algorithms; <see cref="Auto"/> picks per call, tests and benchmarks force the others.</summary>
internal enum RankAlgorithm
{
    Auto,
    Network3x3,
    Radix,
    Histogram,
}

/// <summary>
/// The shared driver of the rank filters: validation, scipy's delegation rules, the choice of kernel and the
/// dispatch from sample type to key type and to the vector width of <see cref="SimdCapabilities.Active"/>.
/// </summary>
/// <remarks>
/// scipy (ndimage-semantics §8): a rank of 0 or N-1 is a minimum or maximum; over a full rectangle that is the
/// separable filter (cval compared as a double), otherwise the n-D path with cval cast to the input type, like
/// every other rank. Kernel choice (<see cref="RankAlgorithm.Auto"/>): the 3x3 median network for a full 3x3
/// median; else the radix select while the window is small enough for its key type (it costs bits × N compares
/// per vector of pixels), else the sliding histogram (8/16-bit). Float keys always use the radix select.
/// </remarks>
internal static class RankEngine
{
    /// <summary>Largest 8-bit window for the radix select (its byte counters hold at most 255).</summary>
    public const int RadixLimit8 = 255;

    /// <summary>Largest 16-bit window for the radix select (16 passes at 32 lanes); larger ones use the histogram, whose walk is slow on noisy 16-bit data.</summary>
    public const int RadixLimit16 = 400;

    /// <summary>Validates the common arguments of every filter in this library area.</summary>
    public static void Validate<T, TOut>(in ReadOnlyImageSpan<T> source, in ImageSpan<TOut> destination, BorderMode mode)
        where T : unmanaged
        where TOut : unmanaged
    {
        if (!PixelConvert.IsSupported<T>())
        {
            ThrowHelper.ThrowNotSupportedType<T>();
        }

        if (typeof(TOut) != typeof(float) && typeof(TOut) != typeof(T))
        {
            ThrowHelper.ThrowNotSupportedType<TOut>();
        }

        ImageSpanValidation.SameSize(source, destination);
        if ((uint)mode > (uint)BorderMode.Wrap)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(mode), "Unknown border mode.");
        }

        if (MemoryMarshal.AsBytes(source.Data).Overlaps(MemoryMarshal.AsBytes(destination.Data)))
        {
            ThrowHelper.ThrowOverlap();
        }
    }

    /// <summary>scipy's percentile → rank: negative adds 100, 100 is the last element, else int(N·p/100).</summary>
    public static int PercentileRank(double percentile, int count)
    {
        double p = percentile < 0 ? percentile + 100.0 : percentile;
        if (!(p >= 0 && p <= 100))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(percentile), $"Percentile must be in [-100, 100], got {percentile}.");
        }

        return p == 100.0 ? count - 1 : (int)((double)count * p / 100.0);
    }

    /// <summary>scipy's rank: negative counts from the end; must land in [0, N).</summary>
    public static int ResolveRank(int rank, int count)
    {
        long r = rank < 0 ? (long)rank + count : rank;
        if (r < 0 || r >= count)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(rank), $"Rank {rank} is outside a window of {count} elements.");
        }

        return (int)r;
    }

    /// <summary>Minimum or maximum filter (scipy's minimum_filter/maximum_filter).</summary>
    public static void Extremum<TOp, T, TOut>(ReadOnlyImageSpan<T> source, ImageSpan<TOut> destination, in RankWindow window, BorderMode mode, double cval)
        where TOp : struct, IExtremumOperator
        where T : unmanaged
        where TOut : unmanaged
    {
        Validate(source, destination, mode);
        if (source.IsEmpty)
        {
            return;
        }

        if (typeof(T) == typeof(byte))
        {
            Extremum<TOp, T, byte, TOut>(source, destination, window, mode, cval);
        }
        else if (typeof(T) == typeof(ushort))
        {
            Extremum<TOp, T, ushort, TOut>(source, destination, window, mode, cval);
        }
        else
        {
            Extremum<TOp, T, uint, TOut>(source, destination, window, mode, cval);
        }
    }

    /// <summary>Rank filter: the element at <paramref name="rank"/> (already resolved to [0, N)) of the sorted window.</summary>
    public static void Select<T, TOut>(ReadOnlyImageSpan<T> source, ImageSpan<TOut> destination, in RankWindow window, int rank, BorderMode mode, double cval, RankAlgorithm algorithm = RankAlgorithm.Auto)
        where T : unmanaged
        where TOut : unmanaged
    {
        if (rank == 0)
        {
            Extremum<MinimumOperator, T, TOut>(source, destination, window, mode, cval);
            return;
        }

        if (rank == window.Count - 1)
        {
            Extremum<MaximumOperator, T, TOut>(source, destination, window, mode, cval);
            return;
        }

        Validate(source, destination, mode);
        if (source.IsEmpty)
        {
            return;
        }

        if (typeof(T) == typeof(byte))
        {
            Select<T, byte, TOut>(source, destination, window, rank, mode, cval, algorithm);
        }
        else if (typeof(T) == typeof(ushort))
        {
            Select<T, ushort, TOut>(source, destination, window, rank, mode, cval, algorithm);
        }
        else
        {
            Select<T, uint, TOut>(source, destination, window, rank, mode, cval, algorithm);
        }
    }

    /// <summary>The kernel <see cref="RankAlgorithm.Auto"/> picks.</summary>
    public static RankAlgorithm Choose<TKey>(in RankWindow window, int rank)
        where TKey : unmanaged
    {
        if (window.IsFull && window.SizeY == 3 && window.SizeX == 3 && rank == 4)
        {
            return RankAlgorithm.Network3x3;
        }

        if (typeof(TKey) == typeof(byte))
        {
            return window.Count <= RadixLimit8 ? RankAlgorithm.Radix : RankAlgorithm.Histogram;
        }

        if (typeof(TKey) == typeof(ushort))
        {
            return window.Count <= RadixLimit16 ? RankAlgorithm.Radix : RankAlgorithm.Histogram;
        }

        return RankAlgorithm.Radix;
    }

    private static void Extremum<TOp, T, TKey, TOut>(ReadOnlyImageSpan<T> source, ImageSpan<TOut> destination, in RankWindow window, BorderMode mode, double cval)
        where TOp : struct, IExtremumOperator
        where T : unmanaged
        where TKey : unmanaged
        where TOut : unmanaged
    {
        if (window.IsFull)
        {
            switch (SimdCapabilities.Active)
            {
                case SimdLevel.Vector512: ExtremumKernel.Separable<TOp, T, TKey, TOut, Lanes512<TKey>>(source, destination, window, mode, cval); break;
                case SimdLevel.Vector256: ExtremumKernel.Separable<TOp, T, TKey, TOut, Lanes256<TKey>>(source, destination, window, mode, cval); break;
                case SimdLevel.Vector128: ExtremumKernel.Separable<TOp, T, TKey, TOut, Lanes128<TKey>>(source, destination, window, mode, cval); break;
                default: ExtremumKernel.Separable<TOp, T, TKey, TOut, Lanes1<TKey>>(source, destination, window, mode, cval); break;
            }

            return;
        }

        TKey fill = CvalKey<T, TKey>(cval);
        switch (SimdCapabilities.Active)
        {
            case SimdLevel.Vector512: ExtremumKernel.Footprint<TOp, T, TKey, TOut, Lanes512<TKey>>(source, destination, window, mode, fill); break;
            case SimdLevel.Vector256: ExtremumKernel.Footprint<TOp, T, TKey, TOut, Lanes256<TKey>>(source, destination, window, mode, fill); break;
            case SimdLevel.Vector128: ExtremumKernel.Footprint<TOp, T, TKey, TOut, Lanes128<TKey>>(source, destination, window, mode, fill); break;
            default: ExtremumKernel.Footprint<TOp, T, TKey, TOut, Lanes1<TKey>>(source, destination, window, mode, fill); break;
        }
    }

    private static void Select<T, TKey, TOut>(ReadOnlyImageSpan<T> source, ImageSpan<TOut> destination, in RankWindow window, int rank, BorderMode mode, double cval, RankAlgorithm algorithm)
        where T : unmanaged
        where TKey : unmanaged
        where TOut : unmanaged
    {
        TKey fill = CvalKey<T, TKey>(cval);
        if (algorithm == RankAlgorithm.Auto)
        {
            algorithm = Choose<TKey>(window, rank);
        }

        if (algorithm == RankAlgorithm.Network3x3 && !(window.IsFull && window.SizeY == 3 && window.SizeX == 3 && rank == 4))
        {
            ThrowHelper.ThrowArgument(nameof(algorithm), "The 3x3 network computes the median of a full 3x3 window only.");
        }

        if (algorithm == RankAlgorithm.Radix && window.Count > RadixSelectKernel.MaxCount<TKey>())
        {
            ThrowHelper.ThrowArgument(nameof(algorithm), "The window is too large for the radix select with this key type.");
        }

        if (algorithm == RankAlgorithm.Histogram)
        {
            if (typeof(TKey) == typeof(uint))
            {
                ThrowHelper.ThrowArgument(nameof(algorithm), "The histogram kernel needs 8- or 16-bit samples.");
            }

            HistogramRankKernel.Run<T, TKey, TOut>(source, destination, window, rank, mode, fill);
            return;
        }

        SimdLevel width = SimdCapabilities.Active;
        if (algorithm == RankAlgorithm.Network3x3)
        {
            switch (width)
            {
                case SimdLevel.Vector512: Median3x3Kernel.Run<T, TKey, TOut, Lanes512<TKey>>(source, destination, mode, fill, window.LowY, window.LowX); break;
                case SimdLevel.Vector256: Median3x3Kernel.Run<T, TKey, TOut, Lanes256<TKey>>(source, destination, mode, fill, window.LowY, window.LowX); break;
                case SimdLevel.Vector128: Median3x3Kernel.Run<T, TKey, TOut, Lanes128<TKey>>(source, destination, mode, fill, window.LowY, window.LowX); break;
                default: Median3x3Kernel.Run<T, TKey, TOut, Lanes1<TKey>>(source, destination, mode, fill, window.LowY, window.LowX); break;
            }

            return;
        }

        switch (width)
        {
            case SimdLevel.Vector512: RadixSelectKernel.Run<T, TKey, TOut, Lanes512<TKey>>(source, destination, window, rank, mode, fill); break;
            case SimdLevel.Vector256: RadixSelectKernel.Run<T, TKey, TOut, Lanes256<TKey>>(source, destination, window, rank, mode, fill); break;
            case SimdLevel.Vector128: RadixSelectKernel.Run<T, TKey, TOut, Lanes128<TKey>>(source, destination, window, rank, mode, fill); break;
            default: RadixSelectKernel.Run<T, TKey, TOut, Lanes1<TKey>>(source, destination, window, rank, mode, fill); break;
        }
    }

    /// <summary>cval as scipy's n-D path sees it: cast to the input type first, then as a key.</summary>
    private static TKey CvalKey<T, TKey>(double cval)
        where T : unmanaged
        where TKey : unmanaged => RankKeys.ToKey<T, TKey>(RankKeys.CastFromDouble<T>(cval));
}

namespace FastXray.Threading;

/// <summary>
/// Work that <see cref="RowBands"/> splits by output rows: one call computes a contiguous band of output rows
/// and writes nothing else.
/// </summary>
/// <remarks>
/// <see cref="Execute"/> is called concurrently from several threads for disjoint row ranges, so an implementation
/// holds no mutable state of its own; scratch is rented inside the call (once per band). Kernels stay
/// single-threaded: parallelism lives only in the scheduler.
/// </remarks>
public interface IRowBandKernel
{
    /// <summary>Computes output rows <c>[rowStart, rowEnd)</c> of the full image.</summary>
    void Execute(int rowStart, int rowEnd);
}

/// <summary>
/// A whole-image filter that <see cref="RowBands.Filter{TIn, TOut, TFilter}"/> can run band by band on a
/// halo'd window of the source.
/// </summary>
/// <typeparam name="TIn">Source sample type.</typeparam>
/// <typeparam name="TOut">Destination sample type.</typeparam>
public interface IHaloFilter<TIn, TOut>
    where TIn : unmanaged
    where TOut : unmanaged
{
    /// <summary>
    /// How many source rows above and below an output row the filter reads (after every pass and origin
    /// shift), or a negative value when an output row depends on rows further away or on the whole image
    /// (FFT, image-wide statistics, <see cref="BorderMode.Wrap"/>, running sums that are not exact): such a
    /// filter always runs on one thread.
    /// </summary>
    /// <remarks>
    /// Exactness contract: each output row must be a pure function of the source rows within
    /// <see cref="Reach"/> of it, computed in the same order wherever the window starts, with border handling
    /// at the true image edges. A window then reproduces the whole-image bytes for its own rows:
    /// a window edge that is not an image edge is at least <see cref="Reach"/> rows from every row kept, and at
    /// a true edge the window is at least <c>Reach + 1</c> rows tall, so reflect, mirror and nearest indices
    /// land inside it exactly as in the whole image.
    /// </remarks>
    int Reach { get; }

    /// <summary>Runs the filter on <paramref name="source"/> (a window of the image, or all of it).</summary>
    void Apply(ReadOnlyImageSpan<TIn> source, ImageSpan<TOut> destination);
}

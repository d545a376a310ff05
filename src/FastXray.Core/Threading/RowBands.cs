using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace FastXray.Threading;

/// <summary>
/// The outer row-band scheduler: splits an image's output rows into contiguous bands and runs them on the
/// calling thread plus thread-pool work items. Kernels stay single-threaded and pure; only this class knows
/// about threads.
/// </summary>
/// <remarks>
/// <para>Partition: band <c>i</c> of <c>n</c> is rows <c>[⌊i·h/n⌋, ⌊(i+1)·h/n⌋)</c>, so bands differ by at
/// most one row and cover every row exactly once. Bands are claimed dynamically (an interlocked counter);
/// which thread runs a band never changes its bytes, because a band is computed exactly as the whole-image
/// kernel computes those rows (see <see cref="IHaloFilter{TIn, TOut}.Reach"/>).</para>
/// <para>Serial below <see cref="DefaultSerialThreshold"/> pixels, with one thread, or when the halo would be
/// at least as large as a band: then the kernel is called once, directly, and nothing is allocated.</para>
/// <para>Cancellation: inside a <see cref="KernelCancellation"/> scope every band starts with a check, and
/// <see cref="Filter{TIn, TOut, TFilter}"/> cuts images above <see cref="CancellationCheckPixels"/> into more bands
/// than threads (serial runs too), so a cancelled call stops within one band's work. A band that has started
/// always finishes; the caller gets one <see cref="OperationCanceledException"/> after every started band ends.</para>
/// <para>Allocation: a parallel call allocates one small job object (about 80 bytes) that the queued work
/// items share; it cannot be pooled safely because a work item that starts after every band is done still
/// reads its counter. Per-band scratch (the halo'd output window) is rented from <c>ArrayPool</c>.</para>
/// </remarks>
public static class RowBands
{
    /// <summary>
    /// Images with fewer pixels run serially: 512x512. On the 2-core EPYC development VM a 512x512 Gaussian
    /// σ=2 or Sobel magnitude takes 0.3-0.5 ms on one thread, the same order as queueing a band to a pool
    /// thread plus its halo rows and window copy (best 2-thread runs were 0.54/0.58 ms vs 0.33/0.47 ms), so
    /// banding cannot pay below this size. The machine was heavily shared while measuring; the value is a
    /// conservative choice, not a tuned one (see bench/results/Threading.md).
    /// </summary>
    public const long DefaultSerialThreshold = 512 * 512;

    /// <summary>
    /// Under cancellation, bands hold at most about this many pixels (4 Mpixel): a Gaussian or Sobel pass over
    /// that takes tens of milliseconds on one core, so a 16384x16384 image stops well within a second, while
    /// the extra halo rows stay a few percent for usual reaches (bands are also at least 8 halos tall).
    /// </summary>
    public const long CancellationCheckPixels = 1L << 22;

    /// <summary>Number of bands for an image: 1 (serial) or up to <paramref name="threads"/>.</summary>
    /// <param name="width">Image width.</param>
    /// <param name="height">Image height.</param>
    /// <param name="threads">Requested workers, including the calling thread.</param>
    /// <param name="reach">Halo rows on each side; negative: whole-image op, always 1 band.</param>
    /// <param name="serialBelow">Pixel count below which the image runs serially.</param>
    public static int BandCount(int width, int height, int threads, int reach, long serialBelow = DefaultSerialThreshold)
    {
        if (threads <= 1 || reach < 0 || height <= 1 || (long)width * height < serialBelow)
        {
            return 1;
        }

        // A band shorter than its two halos would do more halo work than its own: fewer, taller bands.
        long minRows = Math.Max(1L, 2L * reach);
        return (int)Math.Clamp(height / minRows, 1, threads);
    }

    /// <summary>Rows <c>[Start, End)</c> of band <paramref name="index"/> out of <paramref name="count"/>.</summary>
    public static (int Start, int End) Band(int index, int count, int height)
    {
        if ((uint)index >= (uint)count || height < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(index), "Band index outside 0..count-1.");
        }

        return ((int)((long)height * index / count), (int)((long)height * (index + 1) / count));
    }

    /// <summary>
    /// Runs <paramref name="kernel"/> over <paramref name="height"/> rows in <paramref name="bands"/> bands:
    /// the calling thread works too and returns when every band is done. Exceptions from a band are rethrown
    /// (the first one) after all bands have finished.
    /// </summary>
    public static void Run<TKernel>(in TKernel kernel, int height, int bands)
        where TKernel : struct, IRowBandKernel
    {
        if (height <= 0)
        {
            return;
        }

        bands = Math.Clamp(bands, 1, height);
        RunBands(kernel, height, bands, bands, KernelCancellation.Current);
    }

    /// <summary>
    /// <paramref name="bands"/> bands on at most <paramref name="workers"/> threads (the caller included); with
    /// a checkpoint, each band starts with a check.
    /// </summary>
    private static void RunBands<TKernel>(in TKernel kernel, int height, int bands, int workers, Checkpoint? cancel)
        where TKernel : struct, IRowBandKernel
    {
        if (bands == 1)
        {
            cancel?.Check();
            kernel.Execute(0, height);
            return;
        }

        if (workers <= 1)
        {
            // Serial but cut into bands only so that a cancellation is seen between them.
            for (int i = 0; i < bands; i++)
            {
                cancel?.Check();
                (int start, int end) = Band(i, bands, height);
                kernel.Execute(start, end);
            }

            return;
        }

        var job = new Job<TKernel>(kernel, height, bands, cancel);
        for (int i = 1; i < Math.Min(workers, bands); i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
        }

        job.Work();
        job.Wait();
    }

    /// <summary>
    /// Bands for <see cref="Filter{TIn, TOut, TFilter}"/> under cancellation: at least <paramref name="bands"/>,
    /// and enough that none holds much more than <see cref="CancellationCheckPixels"/>, but never shorter than
    /// 8 halos (the recomputed halo rows then cost at most a quarter of a band).
    /// </summary>
    internal static int CancellableBands(int width, int height, int reach, int bands)
    {
        if (reach < 0 || width <= 0 || (long)width * height <= CancellationCheckPixels)
        {
            return bands;
        }

        long rows = Math.Max(Math.Max(1L, CancellationCheckPixels / width), 8L * reach);
        return (int)Math.Max(bands, Math.Clamp(height / rows, 1, height));
    }

    /// <summary>
    /// Runs a whole-image filter band by band: each band applies <paramref name="filter"/> to its rows plus
    /// <see cref="IHaloFilter{TIn, TOut}.Reach"/> rows on each side (clipped at the image edges) and keeps only
    /// its own rows. Bit-identical to <c>filter.Apply(source, destination)</c> for any thread count when the
    /// filter keeps the exactness contract of <see cref="IHaloFilter{TIn, TOut}.Reach"/>.
    /// </summary>
    /// <param name="source">Input image.</param>
    /// <param name="destination">Output, same size. If it overlaps the source the call is serial.</param>
    /// <param name="filter">The filter.</param>
    /// <param name="threads">Workers including the calling thread (1 = serial).</param>
    /// <param name="serialBelow">Pixel count below which the call is serial.</param>
    public static unsafe void Filter<TIn, TOut, TFilter>(ReadOnlyImageSpan<TIn> source, ImageSpan<TOut> destination, in TFilter filter, int threads, long serialBelow = DefaultSerialThreshold)
        where TIn : unmanaged
        where TOut : unmanaged
        where TFilter : struct, IHaloFilter<TIn, TOut>
    {
        ImageSpanValidation.SameSize(source, destination);
        int workers = BandCount(source.Width, source.Height, threads, filter.Reach, serialBelow);
        Checkpoint? cancel = KernelCancellation.Current;
        bool overlaps = MemoryMarshal.AsBytes(source.Data).Overlaps(MemoryMarshal.AsBytes(destination.Data));
        int bands = cancel is null || overlaps ? workers : CancellableBands(source.Width, source.Height, filter.Reach, workers);
        if (bands <= 1 || overlaps)
        {
            cancel?.Check();
            filter.Apply(source, destination);
            return;
        }

        fixed (TIn* src = source.Data)
        fixed (TOut* dst = destination.Data)
        {
            var kernel = new HaloKernel<TIn, TOut, TFilter>(src, source.Stride, dst, destination.Stride, source.Width, source.Height, filter, serial: workers <= 1);
            RunBands(kernel, source.Height, Math.Min(bands, source.Height), workers, cancel);
        }
    }

    /// <summary>Shared by the calling thread and the queued work items of one <see cref="Run"/> call.</summary>
    private sealed class Job<TKernel> : IThreadPoolWorkItem
        where TKernel : struct, IRowBandKernel
    {
        private readonly TKernel _kernel;
        private readonly int _height;
        private readonly int _bands;
        private readonly Checkpoint? _cancel;
        private int _next = -1;
        private int _remaining;
        private ExceptionDispatchInfo? _error;

        public Job(in TKernel kernel, int height, int bands, Checkpoint? cancel)
        {
            _cancel = cancel;
            _kernel = kernel;
            _height = height;
            _bands = bands;
            _remaining = bands;
        }

        void IThreadPoolWorkItem.Execute() => Work();

        /// <summary>Claims and runs bands until none is left. The kernel is touched only for a claimed band.</summary>
        public void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref _next)) < _bands)
            {
                (int start, int end) = Band(i, _bands, _height);
                try
                {
                    // Once cancelled, every band still unclaimed throws here at once, so the call ends quickly.
                    _cancel?.Check();
                    _kernel.Execute(start, end);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
                }

                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    lock (this)
                    {
                        Monitor.PulseAll(this);
                    }
                }
            }
        }

        /// <summary>Blocks until every claimed band has finished; bands not yet claimed were run by <see cref="Work"/>.</summary>
        public void Wait()
        {
            var spin = default(SpinWait);
            while (Volatile.Read(ref _remaining) != 0 && !spin.NextSpinWillYield)
            {
                spin.SpinOnce();
            }

            if (Volatile.Read(ref _remaining) != 0)
            {
                lock (this)
                {
                    while (Volatile.Read(ref _remaining) != 0)
                    {
                        Monitor.Wait(this);
                    }
                }
            }

            _error?.Throw();
        }
    }
}

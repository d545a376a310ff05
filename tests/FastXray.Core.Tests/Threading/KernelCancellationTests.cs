using System.Runtime.InteropServices;
using FastXray.Threading;
using Xunit;

namespace FastXray.Tests.Threading;

/// <summary>
/// The ambient cancellation of <see cref="KernelCancellation"/>: checks between row bands (serial runs cut into
/// bands too), no effect without a scope, the same bytes with a scope that is never cancelled, and flow into threads.
/// </summary>
public sealed class KernelCancellationTests
{
    // 1024 x 8192 = 8 Mpixel: above RowBands.CancellationCheckPixels, so a cancellable call runs in two bands.
    private const int Width = 1024;
    private const int Height = 8192;

    [Fact]
    public void A_check_outside_any_scope_never_throws() => KernelCancellation.ThrowIfRequested();

    [Fact]
    public void A_check_in_a_cancelled_scope_throws_and_disposing_the_scope_restores_the_outer_one()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        using (KernelCancellation.Enter(CancellationToken.None))
        {
            IDisposable inner = KernelCancellation.Enter(cancel.Token);
            Assert.Throws<OperationCanceledException>(KernelCancellation.ThrowIfRequested);
            inner.Dispose();
            KernelCancellation.ThrowIfRequested();
        }
    }

    [Fact]
    public void The_scope_flows_into_threads_started_inside_it()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Exception? seen = null;
        using (KernelCancellation.Enter(cancel.Token))
        {
            var thread = new Thread(() => seen = Record.Exception(KernelCancellation.ThrowIfRequested));
            thread.Start();
            thread.Join();
        }

        Assert.IsType<OperationCanceledException>(seen);
    }

    [Fact]
    public void Checking_inside_a_scope_allocates_nothing()
    {
        using (KernelCancellation.Enter(CancellationToken.None))
        {
            AllocationAssert.None(KernelCancellation.ThrowIfRequested, "check");
        }
    }

    [Fact]
    public void A_serial_filter_stops_at_the_next_band_after_cancellation()
    {
        float[] source = Ramp();
        float[] destination = new float[source.Length];
        using var cancel = new CancellationTokenSource();
        int[] applied = new int[1];
        int checks = 0;

        // The hook cancels at the second check, i.e. after the first band ran: the second band must not run.
        using (KernelCancellation.Enter(cancel.Token, () =>
        {
            if (Interlocked.Increment(ref checks) == 2)
            {
                cancel.Cancel();
            }
        }))
        {
            Assert.Throws<OperationCanceledException>(() => RowBands.Filter(
                new ReadOnlyImageSpan<float>(source, Width, Height), new ImageSpan<float>(destination, Width, Height), new CountingFilter(applied), threads: 1));
        }

        Assert.Equal(1, applied[0]);
        Assert.Equal(2, checks);
    }

    [Fact]
    public void A_parallel_filter_in_a_cancelled_scope_runs_no_band()
    {
        float[] source = Ramp();
        float[] destination = new float[source.Length];
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        int[] applied = new int[1];
        using (KernelCancellation.Enter(cancel.Token))
        {
            Assert.Throws<OperationCanceledException>(() => RowBands.Filter(
                new ReadOnlyImageSpan<float>(source, Width, Height), new ImageSpan<float>(destination, Width, Height), new CountingFilter(applied), threads: 2));
        }

        Assert.Equal(0, applied[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_scope_never_cancelled_gives_the_bytes_of_one_whole_image_call(int threads)
    {
        float[] source = Ramp();
        float[] expected = new float[source.Length];
        float[] actual = new float[source.Length];
        var filter = new CountingFilter(new int[1]);
        filter.Apply(new ReadOnlyImageSpan<float>(source, Width, Height), new ImageSpan<float>(expected, Width, Height));
        using (KernelCancellation.Enter(CancellationToken.None))
        {
            RowBands.Filter(new ReadOnlyImageSpan<float>(source, Width, Height), new ImageSpan<float>(actual, Width, Height), filter, threads);
        }

        Assert.True(MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan())));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(40)]
    public void Serial_bands_written_in_place_give_the_bytes_of_one_whole_image_call_whatever_the_destination_held(int reach)
    {
        // One thread: the bands run top to bottom straight into the destination, halo rows included, and put
        // back the rows above each band. A destination full of NaN shows any row left unwritten or clobbered.
        float[] source = Ramp();
        float[] expected = new float[source.Length];
        float[] actual = new float[source.Length];
        Array.Fill(actual, float.NaN);
        var filter = new VerticalBox(reach);
        filter.Apply(new ReadOnlyImageSpan<float>(source, Width, Height), new ImageSpan<float>(expected, Width, Height));
        using (KernelCancellation.Enter(CancellationToken.None))
        {
            RowBands.Filter(new ReadOnlyImageSpan<float>(source, Width, Height), new ImageSpan<float>(actual, Width, Height), filter, threads: 1);
        }

        Assert.True(MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan())));
    }

    [Theory]
    [InlineData(1024, 8192, 1, 1, 2)]
    [InlineData(1024, 8192, 1, 2, 2)]
    [InlineData(16384, 16384, 8, 1, 64)]
    [InlineData(16384, 16384, 100, 2, 20)]
    [InlineData(2048, 2048, 1, 1, 1)]
    [InlineData(4096, 4096, -1, 1, 1)]
    public void Cancellable_band_counts_bound_the_work_between_checks(int width, int height, int reach, int bands, int expected) =>
        Assert.Equal(expected, RowBands.CancellableBands(width, height, reach, bands));

    private static float[] Ramp()
    {
        float[] data = new float[Width * Height];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (i * 37) % 1001;
        }

        return data;
    }

    /// <summary>A 3-row vertical sum with reflected borders (reach 1) that counts its calls.</summary>
    private readonly struct CountingFilter(int[] applied) : IHaloFilter<float, float>
    {
        public int Reach => 1;

        public void Apply(ReadOnlyImageSpan<float> source, ImageSpan<float> destination)
        {
            Interlocked.Increment(ref applied[0]);
            for (int y = 0; y < source.Height; y++)
            {
                ReadOnlySpan<float> above = source.Row(BorderIndex.Map(y - 1, source.Height, BorderMode.Reflect));
                ReadOnlySpan<float> here = source.Row(y);
                ReadOnlySpan<float> below = source.Row(BorderIndex.Map(y + 1, source.Height, BorderMode.Reflect));
                Span<float> output = destination.Row(y);
                for (int x = 0; x < output.Length; x++)
                {
                    output[x] = above[x] + (2 * here[x]) + below[x];
                }
            }
        }
    }

    /// <summary>A vertical sum over 2 * reach + 1 rows with reflected borders: halo rows of a clipped window differ.</summary>
    private readonly struct VerticalBox(int reach) : IHaloFilter<float, float>
    {
        public int Reach => reach;

        public void Apply(ReadOnlyImageSpan<float> source, ImageSpan<float> destination)
        {
            for (int y = 0; y < source.Height; y++)
            {
                Span<float> output = destination.Row(y);
                output.Clear();
                for (int k = -reach; k <= reach; k++)
                {
                    ReadOnlySpan<float> row = source.Row(BorderIndex.Map(y + k, source.Height, BorderMode.Reflect));
                    for (int x = 0; x < output.Length; x++)
                    {
                        output[x] += row[x];
                    }
                }
            }
        }
    }
}

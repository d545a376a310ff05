using System.Runtime.InteropServices;
using FastXray.Threading;
using Xunit;

namespace FastXray.Tests.Threading;

/// <summary>The row-band scheduler: partitions, band counts, every row run once, halo windows, errors.</summary>
public sealed unsafe class RowBandsTests
{
    [Fact]
    public void Partitions_cover_every_row_exactly_once_in_order()
    {
        for (int height = 0; height <= 70; height++)
        {
            for (int count = 1; count <= Math.Max(1, Math.Min(height, 12)); count++)
            {
                int next = 0;
                for (int i = 0; i < count; i++)
                {
                    (int start, int end) = RowBands.Band(i, count, height);
                    Assert.Equal(next, start);
                    Assert.InRange(end - start, height / count, (height / count) + 1);
                    next = end;
                }

                Assert.Equal(height, next);
            }
        }
    }

    [Theory]
    [InlineData(4096, 4096, 1, 8, 1)]
    [InlineData(4096, 4096, 2, 8, 2)]
    [InlineData(4096, 4096, 7, 8, 7)]
    [InlineData(511, 512, 4, 1, 1)]
    [InlineData(512, 512, 4, 1, 4)]
    [InlineData(4096, 4096, 4, -1, 1)]
    [InlineData(100000, 3, 7, 0, 3)]
    [InlineData(100000, 3, 7, 1, 1)]
    [InlineData(100000, 40, 8, 8, 2)]
    [InlineData(1000000, 1, 4, 0, 1)]
    public void Band_count_is_serial_for_small_images_whole_image_ops_and_large_halos(int width, int height, int threads, int reach, int expected) =>
        Assert.Equal(expected, RowBands.BandCount(width, height, threads, reach));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(5, 7)]
    [InlineData(13, 64)]
    [InlineData(20, 101)]
    public void Run_executes_every_row_once_even_with_more_bands_than_rows(int bands, int height)
    {
        int[] hits = new int[height];
        fixed (int* p = hits)
        {
            RowBands.Run(new CountingKernel(p), height, bands);
        }

        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void Run_on_no_rows_does_nothing() => RowBands.Run(new CountingKernel(null), 0, 4);

    [Fact]
    public void A_band_exception_reaches_the_caller_after_every_band_ran()
    {
        int[] hits = new int[64];
        InvalidOperationException? error = null;
        fixed (int* p = hits)
        {
            try
            {
                RowBands.Run(new ThrowingKernel(p, 40), 64, 4);
            }
            catch (InvalidOperationException e)
            {
                error = e;
            }
        }

        Assert.Equal("row 40", error?.Message);

        Assert.Equal(64, hits.Sum());
    }

    public static TheoryData<int, int, int, int> HaloCases()
    {
        var data = new TheoryData<int, int, int, int>();
        foreach ((int w, int h) in new[] { (1, 1), (1, 9), (9, 1), (3, 2), (7, 13), (5, 31), (16, 64) })
        {
            foreach (int reach in new[] { 0, 1, 3, 20 })
            {
                foreach (int threads in new[] { 2, 3, 7 })
                {
                    data.Add(w, h, reach, threads);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HaloCases))]
    public void Halo_windows_reproduce_the_whole_image_in_every_border_mode(int width, int height, int reach, int threads)
    {
        var random = new Random((width * 131) + (height * 7) + reach);
        float[] source = new float[width * height];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = random.Next(1000) / 8f;
        }

        foreach (BorderMode mode in new[] { BorderMode.Reflect, BorderMode.Mirror, BorderMode.Nearest, BorderMode.Constant })
        {
            var filter = new ColumnWindowFilter(reach, mode);
            float[] expected = new float[source.Length];
            float[] actual = new float[source.Length];
            actual.AsSpan().Fill(float.NaN);
            filter.Apply(new ReadOnlyImageSpan<float>(source, width, height), new ImageSpan<float>(expected, width, height));
            RowBands.Filter(new ReadOnlyImageSpan<float>(source, width, height), new ImageSpan<float>(actual, width, height), filter, threads, serialBelow: 0);
            Assert.True(MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan())), $"{mode}");
        }
    }

    [Fact]
    public void Strided_source_and_destination_keep_their_padding()
    {
        const int width = 6, height = 40, stride = 9;
        float[] source = new float[stride * height];
        float[] destination = new float[stride * height];
        float[] expected = new float[width * height];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = i % stride < width ? i * 0.25f : float.NaN;
        }

        destination.AsSpan().Fill(-7);
        var filter = new ColumnWindowFilter(2, BorderMode.Reflect);
        var src = new ReadOnlyImageSpan<float>(source, width, height, stride);
        filter.Apply(src, new ImageSpan<float>(expected, width, height));
        RowBands.Filter(src, new ImageSpan<float>(destination, width, height, stride), filter, 3, serialBelow: 0);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < stride; x++)
            {
                Assert.Equal(x < width ? expected[(y * width) + x] : -7, destination[(y * stride) + x]);
            }
        }
    }

    private readonly struct CountingKernel(int* hits) : IRowBandKernel
    {
        public void Execute(int rowStart, int rowEnd)
        {
            for (int y = rowStart; y < rowEnd; y++)
            {
                Interlocked.Increment(ref hits[y]);
            }
        }
    }

    private readonly struct ThrowingKernel(int* hits, int badRow) : IRowBandKernel
    {
        public void Execute(int rowStart, int rowEnd)
        {
            for (int y = rowStart; y < rowEnd; y++)
            {
                Interlocked.Increment(ref hits[y]);
            }

            if (badRow >= rowStart && badRow < rowEnd)
            {
                throw new InvalidOperationException("row " + badRow);
            }
        }
    }

    /// <summary>
    /// A position-dependent test filter: each output is a weighted sum over rows y-reach..y+reach through the
    /// border map (weights differ per offset, so any wrong row shows), plus the column.
    /// </summary>
    private readonly struct ColumnWindowFilter(int reach, BorderMode mode) : IHaloFilter<float, float>
    {
        public int Reach => reach;

        public void Apply(ReadOnlyImageSpan<float> source, ImageSpan<float> destination)
        {
            for (int y = 0; y < source.Height; y++)
            {
                for (int x = 0; x < source.Width; x++)
                {
                    float sum = x;
                    for (int k = -reach; k <= reach; k++)
                    {
                        int row = BorderIndex.Map(y + k, source.Height, mode);
                        sum += (k + reach + 1) * (row < 0 ? 3.5f : source.Row(row)[x]);
                    }

                    destination.Row(y)[x] = sum;
                }
            }
        }
    }
}

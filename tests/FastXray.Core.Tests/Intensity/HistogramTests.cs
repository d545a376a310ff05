using FastXray.Imaging.Npy;
using FastXray.Intensity;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Intensity;

public class HistogramTests
{
    public static TheoryData<string> HistogramCases => IntensityGolden.Ids("histogram", "histogram_range");

    public static TheoryData<string> EdgeCases => IntensityGolden.Ids("edges");

    [Theory]
    [MemberData(nameof(HistogramCases))]
    public void Counts_match_numpy_exactly(string id)
    {
        GoldenCase c = IntensityGolden.Get(id);
        NpyArray input = IntensityGolden.Input(c.InputName);
        long[] expected = IntensityGolden.Longs(c.Expected);
        bool range = c.Op == "histogram_range";
        double lo = range ? c.Double("lo", 0) : c.Double("min", 0);
        double hi = range ? c.Double("hi", 0) : c.Double("max", 0);
        int bins = c.Int("bins", 0);
        Assert.Equal(bins, expected.Length);
        switch (input.DType)
        {
            case NpyDType.UInt8:
                Check<byte>(input, range, lo, hi, expected, 77);
                break;
            case NpyDType.UInt16:
                Check<ushort>(input, range, lo, hi, expected, 77);
                break;
            default:
                Check(input, range, lo, hi, expected, 5.5f);
                break;
        }
    }

    private static void Check<T>(NpyArray input, bool range, double lo, double hi, long[] expected, T garbage)
        where T : unmanaged
    {
        foreach ((T[] data, int stride) in IntensityGolden.Layouts(input, garbage))
        {
            var counts = new long[expected.Length];
            ReadOnlyImageSpan<T> image = IntensityGolden.View(data, input, stride);
            if (range)
            {
                Histogram.ComputeRange(image, lo, hi, counts);
            }
            else
            {
                Histogram.Compute(image, lo, hi, counts);
            }

            Assert.Equal(expected, counts);
        }
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Edges_are_bit_identical_to_linspace(string id)
    {
        GoldenCase c = IntensityGolden.Get(id);
        double[] expected = c.Expected.ToDoubleArray();
        var edges = new double[c.Int("bins", 0) + 1];
        Histogram.Edges(c.Double("min", 0), c.Double("max", 0), edges);
        for (int i = 0; i < edges.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(edges[i]), $"edge {i}: {edges[i]:R}, numpy {expected[i]:R}");
        }
    }

    [Fact]
    public void Linspace_third_edge_is_not_point_three()
    {
        // ndimage-semantics §10: linspace(0, 1, 11)[3] = 0.30000000000000004, so 0.3 lands in bin 2.
        var edges = new double[11];
        Histogram.Edges(0, 1, edges);
        Assert.Equal(0.30000000000000004, edges[3]);
        Assert.NotEqual(0.3, edges[3]);
    }

    [Fact]
    public void Invalid_arguments_throw_like_numpy()
    {
        byte[] data = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => Histogram.Compute(new ReadOnlyImageSpan<byte>(data, 3, 1), 5, 4, new long[3]));
        Assert.Throws<ArgumentException>(() => Histogram.Compute(new ReadOnlyImageSpan<byte>(data, 3, 1), 0, 4, Span<long>.Empty));
        Assert.Throws<ArgumentException>(() => Histogram.Compute(new ReadOnlyImageSpan<byte>(data, 3, 1), double.NaN, 4, new long[3]));
        Assert.Throws<ArgumentException>(() => Histogram.ComputeRange(new ReadOnlyImageSpan<byte>(data, 3, 1), 4, 3, new long[3]));
        Assert.Throws<ArgumentException>(() => Histogram.ComputeRange(new ReadOnlyImageSpan<byte>(data, 3, 1), 0, double.PositiveInfinity, new long[3]));
    }

    [Fact]
    public void Float_bins_agree_with_a_direct_edge_search_on_random_ranges()
    {
        // The arithmetic guess must always be corrected to the searchsorted answer, whatever the range.
        var rng = new Random(11);
        for (int trial = 0; trial < 200; trial++)
        {
            double min = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-3, 6));
            double max = min + (rng.NextDouble() * Math.Pow(10, rng.Next(-3, 6)));
            int bins = rng.Next(1, 600);
            var edges = new double[bins + 1];
            Histogram.Edges(min, max, edges);
            var values = new float[257];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = i % 3 == 0
                    ? (float)edges[rng.Next(edges.Length)] // on (or next to) an edge
                    : (float)(min + ((rng.NextDouble() * 1.2) - 0.1) * (max - min));
            }

            var counts = new long[bins];
            Histogram.Compute(new ReadOnlyImageSpan<float>(values, values.Length, 1), min, max, counts);
            var expected = new long[bins];
            foreach (float f in values)
            {
                double v = f;
                if (v < min || v > max)
                {
                    continue;
                }

                int b = Array.FindLastIndex(edges, e => e <= v);
                expected[Math.Min(b, bins - 1)]++;
            }

            Assert.Equal(expected, counts);
        }
    }
}

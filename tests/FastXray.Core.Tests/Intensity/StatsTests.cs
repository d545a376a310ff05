using FastXray.Imaging.Npy;
using FastXray.Intensity;
using FastXray.Tests;
using Xunit;
using Xunit.Sdk;

namespace FastXray.Core.Tests.Intensity;

public class StatsTests
{
    public static TheoryData<string> Cases => IntensityGolden.Ids("min", "max", "sum", "mean", "median", "std");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_numpy(string id)
    {
        GoldenCase c = IntensityGolden.Get(id);
        NpyArray input = IntensityGolden.Input(c.InputName);
        double expected = IntensityGolden.Scalar(c.Expected);
        switch (input.DType)
        {
            case NpyDType.UInt8:
                Check<byte>(c.Op, input, expected, 0, exactInteger: true);
                break;
            case NpyDType.UInt16:
                Check<ushort>(c.Op, input, expected, 0, exactInteger: true);
                break;
            default:
                Check(c.Op, input, expected, float.NaN, exactInteger: false);
                break;
        }
    }

    private static void Check<T>(string op, NpyArray input, double expected, T garbage, bool exactInteger)
        where T : unmanaged
    {
        foreach ((T[] data, int stride) in IntensityGolden.Layouts(input, garbage))
        {
            ReadOnlyImageSpan<T> image = IntensityGolden.View(data, input, stride);
            double actual = op switch
            {
                "min" => Stats.Min(image),
                "max" => Stats.Max(image),
                "sum" => Stats.Sum(image),
                "mean" => Stats.Mean(image),
                "median" => Stats.Median(image),
                _ => Stats.Std(image),
            };
            ImageStatistics all = ImageStatistics.Compute(image);
            double fromAll = op switch
            {
                "min" => all.Min,
                "max" => all.Max,
                "sum" => all.Sum,
                "mean" => all.Mean,
                "median" => all.Median,
                _ => all.Std,
            };

            // Integer images: everything but std is exact (std: exact integer moments, one final rounding,
            // against NumPy's two-pass float64). float32: float64 accumulation in a different order.
            bool exact = op is "min" or "max" or "median" || (exactInteger && op != "std");
            AssertClose(expected, actual, exact, $"{op} stride {stride}");
            AssertClose(expected, fromAll, exact, $"ImageStatistics.{op} stride {stride}");
            Assert.Equal(input.Shape2D.Width, all.Width);
            Assert.Equal(input.Shape2D.Height, all.Height);
        }
    }

    private static void AssertClose(double expected, double actual, bool exact, string what)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{what}: {actual}, expected NaN");
            return;
        }

        double tolerance = exact ? 0 : 1e-12 * Math.Max(1, Math.Abs(expected));
        if (!(Math.Abs(actual - expected) <= tolerance))
        {
            throw new XunitException($"{what}: {actual:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void Median_of_even_count_averages_the_middle_values_without_overflow()
    {
        // ndimage-semantics §14: [1,2,3,4] → 2.5, [254,255] → 254.5, [3,1,255,254] → 128.5, uint16 [65535,65534] → 65534.5.
        Assert.Equal(2.5, Stats.Median(new ReadOnlyImageSpan<byte>(new byte[] { 1, 2, 3, 4 }, 4, 1)));
        Assert.Equal(254.5, Stats.Median(new ReadOnlyImageSpan<byte>(new byte[] { 254, 255 }, 2, 1)));
        Assert.Equal(128.5, Stats.Median(new ReadOnlyImageSpan<byte>(new byte[] { 3, 1, 255, 254 }, 2, 2)));
        Assert.Equal(65534.5, Stats.Median(new ReadOnlyImageSpan<ushort>(new ushort[] { 65535, 65534 }, 2, 1)));
        Assert.Equal(5.0, Stats.Median(new ReadOnlyImageSpan<byte>(new byte[] { 9, 5, 1 }, 3, 1)));
    }

    [Fact]
    public void Float_median_matches_a_sort_for_many_sizes_and_orders()
    {
        var rng = new Random(3);
        for (int n = 1; n <= 300; n += 1 + (n / 10))
        {
            foreach (int pattern in new[] { 0, 1, 2, 3 })
            {
                float[] v = new float[n];
                for (int i = 0; i < n; i++)
                {
                    v[i] = pattern switch
                    {
                        0 => (float)rng.NextDouble(),
                        1 => i,                // sorted
                        2 => n - i,            // reversed
                        _ => rng.Next(3),      // many duplicates
                    };
                }

                float[] sorted = (float[])v.Clone();
                Array.Sort(sorted);
                double expected = n % 2 == 1 ? sorted[n / 2] : ((double)sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
                Assert.Equal(expected, Stats.Median(new ReadOnlyImageSpan<float>(v, n, 1)));
            }
        }
    }

    [Fact]
    public void Large_integer_images_are_exact()
    {
        // 1e7 samples of 255: NumPy's mean is exactly 255.0 (ndimage-semantics §14); std exactly 0.
        var big = new byte[10_000_000];
        big.AsSpan().Fill(255);
        var image = new ReadOnlyImageSpan<byte>(big, 10_000, 1000);
        Assert.Equal(255.0, Stats.Mean(image));
        Assert.Equal(255.0 * 1e7, Stats.Sum(image));
        Assert.Equal(0.0, Stats.Std(image));
        Assert.Equal(255.0, Stats.Median(image));
        var u16 = new ushort[4_000_000];
        u16.AsSpan().Fill(65535);
        Assert.Equal(65535.0 * 4e6, Stats.Sum(new ReadOnlyImageSpan<ushort>(u16, 2000, 2000)));
        Assert.Equal(0.0, Stats.Std(new ReadOnlyImageSpan<ushort>(u16, 2000, 2000)));
    }

    [Fact]
    public void Empty_images_follow_numpy()
    {
        var empty = new ReadOnlyImageSpan<byte>([], 0, 0);
        Assert.Throws<ArgumentException>(() => Stats.Min(new ReadOnlyImageSpan<byte>([], 0, 3)));
        Assert.Throws<ArgumentException>(() => Stats.Max(new ReadOnlyImageSpan<float>([], 4, 0)));
        Assert.Throws<ArgumentException>(() => ImageStatistics.Compute(new ReadOnlyImageSpan<ushort>([], 0, 0)));
        Assert.Equal(0.0, Stats.Sum(empty));
        Assert.True(double.IsNaN(Stats.Mean(empty)));
        Assert.True(double.IsNaN(Stats.Median(empty)));
        Assert.True(double.IsNaN(Stats.Std(empty)));
    }

    [Fact]
    public void Unsupported_pixel_types_throw()
    {
        Assert.Throws<NotSupportedException>(() => Stats.Sum(new ReadOnlyImageSpan<int>(new int[4], 2, 2)));
        Assert.Throws<NotSupportedException>(() => ImageStatistics.Compute(new ReadOnlyImageSpan<double>(new double[4], 2, 2)));
    }
}

using FastXray.Color;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Color;

/// <summary>
/// <see cref="Colormap.Indices"/> is the entry <see cref="Colormap.Apply"/> picks: table[index] must be Apply's RGB
/// for every pixel, on every row length the vector paths and their overlapping tails see.
/// </summary>
public class ColormapIndicesTests
{
    public static TheoryData<double, double> Ranges() => new() { { 0, 255 }, { -40.5, 7.25 }, { 3, 3 }, { 0, 1e-30 }, { -1e30, 1e30 } };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void TableOfIndices_EqualsApply_AtEveryRowLength(double vmin, double vmax)
    {
        var random = new Random(5);
        Colormap cmap = Colormap.Get("nipy_spectral");
        for (int width = 1; width <= (3 * 64) + 1; width++)
        {
            const int H = 3;
            float[] values = Values(random, width * H, vmin, vmax, withNaN: false);
            var indices = new byte[width * H];
            var rgb = new byte[width * H * 3];
            var image = new ReadOnlyImageSpan<float>(values, width, H);

            Assert.True(Colormap.Indices(image, indices, vmin, vmax));
            cmap.Apply(image, rgb, vmin, vmax);
            AssertSameColours(cmap, values, indices, rgb, $"width {width}, range [{vmin}, {vmax}]");
            for (int i = 0; i < values.Length; i++)
            {
                Assert.True(Documented(values[i], vmin, vmax) == indices[i], $"width {width}: value {values[i]:R} -> entry {indices[i]}, documented rule {Documented(values[i], vmin, vmax)}");
            }
        }
    }

    [Fact]
    public void NaN_IsReportedAndGetsEntryZero_OtherPixelsStillExact()
    {
        var random = new Random(9);
        Colormap cmap = Colormap.Get("hot");
        foreach (int width in new[] { 1, 15, 16, 17, 63, 64, 65, 200 })
        {
            float[] values = Values(random, width * 2, 0, 100, withNaN: false);
            values[width] = float.NaN;
            var indices = new byte[values.Length];
            var rgb = new byte[values.Length * 3];
            var image = new ReadOnlyImageSpan<float>(values, width, 2);

            Assert.False(Colormap.Indices(image, indices, 0, 100));
            cmap.Apply(image, rgb, 0, 100);
            Assert.Equal(0, indices[width]);
            values[width] = 0;
            AssertSameColours(cmap, values, indices, rgb, $"width {width}", skip: width);
        }
    }

    [Fact]
    public void VminEqualsVmax_EveryPixelIsEntryZero_EvenNaN()
    {
        float[] values = [float.NaN, -1, 5, 1e9f, float.PositiveInfinity, 5];
        var indices = new byte[] { 7, 7, 7, 7, 7, 7 };
        Assert.True(Colormap.Indices(new ReadOnlyImageSpan<float>(values, 3, 2), indices, 5, 5));
        Assert.All(indices, i => Assert.Equal(0, i));
    }

    [Fact]
    public void StridedSource_EqualsDense_AndRowsArePacked()
    {
        const int W = 70, H = 4, Stride = 83;
        var random = new Random(2);
        var strided = new float[((H - 1) * Stride) + W];
        var dense = new float[W * H];
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                strided[(y * Stride) + x] = dense[(y * W) + x] = (float)(random.NextDouble() * 300);
            }
        }

        var a = new byte[(W * H) + 1];
        var b = new byte[W * H];
        a[^1] = 0xAB;
        Colormap.Indices(new ReadOnlyImageSpan<float>(strided, W, H, Stride), a, 0, 300);
        Colormap.Indices(new ReadOnlyImageSpan<float>(dense, W, H), b, 0, 300);
        Assert.Equal(b, a[..^1]);
        Assert.Equal(0xAB, a[^1]);
    }

    [Fact]
    public void Lookup_OfTheIndices_IsApply_AndChecksItsArguments()
    {
        float[] values = Values(new Random(3), 70 * 3, 0, 255, withNaN: false);
        var image = new ReadOnlyImageSpan<float>(values, 70, 3);
        var indices = new byte[values.Length];
        Assert.True(Colormap.Indices(image, indices, 0, 255));
        foreach (string name in Colormap.Names)
        {
            Colormap cmap = Colormap.Get(name);
            var want = new byte[values.Length * 3];
            var got = new byte[values.Length * 3];
            cmap.Apply(image, want, 0, 255);
            Colormap.Lookup(indices, cmap.Table, got);
            Assert.Equal(want, got);
            AllocationAssert.None(() => Colormap.Lookup(indices, cmap.Table, got), "Colormap.Lookup");
        }

        Assert.Throws<ArgumentException>(() => Colormap.Lookup([0, 1], new byte[6], new byte[5]));
        Assert.Throws<ArgumentException>(() => Colormap.Lookup([0, 2], new byte[6], new byte[6]));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        var src = new float[6];
        Assert.Throws<ArgumentException>(() => Colormap.Indices(new ReadOnlyImageSpan<float>(src, 3, 2), new byte[5], 0, 1));
        Assert.Throws<ArgumentException>(() => Colormap.Indices(new ReadOnlyImageSpan<float>(src, 3, 2), new byte[6], 2, 1));
    }

    [Fact]
    public void AllocatesNothing()
    {
        var src = new float[1024 * 8];
        for (int i = 0; i < src.Length; i++)
        {
            src[i] = i % 300;
        }

        var indices = new byte[src.Length];
        AllocationAssert.None(() => Colormap.Indices(new ReadOnlyImageSpan<float>(src, 1024, 8), indices, 0, 255), "Colormap.Indices");
    }

    // Values inside and outside [vmin, vmax], exactly on table edges (t·256 an integer), ±inf, ±0 and the range ends.
    private static float[] Values(Random random, int n, double vmin, double vmax, bool withNaN)
    {
        var values = new float[n];
        double span = Math.Max(vmax - vmin, 1);
        for (int i = 0; i < n; i++)
        {
            values[i] = (i % 11) switch
            {
                0 => (float)vmin,
                1 => (float)vmax,
                2 => (float)(vmin + (span * random.Next(257) / 256)),
                3 => float.PositiveInfinity,
                4 => float.NegativeInfinity,
                5 => -0f,
                6 when withNaN => float.NaN,
                _ => (float)(vmin - (span * 0.2) + (random.NextDouble() * span * 1.4)),
            };
        }

        return values;
    }

    // The rule as Colormap.Apply documents it, restated here in scalar float32.
    private static int Documented(float v, double vmin, double vmax)
    {
        if (vmin == vmax)
        {
            return 0;
        }

        float xa = (v - (float)vmin) / (float)(vmax - vmin) * 256;
        return xa >= 0 ? (xa < 256 ? (int)xa : 255) : 0;
    }

    private static void AssertSameColours(Colormap cmap, float[] values, byte[] indices, byte[] rgb, string what, int skip = -1)
    {
        ReadOnlySpan<byte> table = cmap.Table;
        for (int i = 0; i < values.Length; i++)
        {
            if (i != skip && !table.Slice(indices[i] * 3, 3).SequenceEqual(rgb.AsSpan(i * 3, 3)))
            {
                Assert.Fail($"{what}: value {values[i]:R} (#{i}) -> entry {indices[i]}, Apply gave ({rgb[i * 3]},{rgb[(i * 3) + 1]},{rgb[(i * 3) + 2]})");
            }
        }
    }
}

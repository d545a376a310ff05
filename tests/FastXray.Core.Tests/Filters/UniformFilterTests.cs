using FastXray.Filters;
using FastXray.Imaging.Npy;
using FastXray.Tests.Rank;
using Xunit;

namespace FastXray.Tests.Filters;

/// <summary>uniform_filter against scipy golden data, a brute-force double reference, every SIMD width and allocation.</summary>
public sealed class UniformFilterTests
{
    private static readonly Lazy<Dictionary<string, GoldenCase>> s_cases =
        new(() => GoldenCase.Load("rank").Where(c => c.Op == "uniform").ToDictionary(c => c.Id));

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (string id in s_cases.Value.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Matches_scipy(string id)
    {
        GoldenCase c = s_cases.Value[id];
        RankSpec s = RankGoldenTests.Spec(c);
        NpyArray input = c.Input;
        (int height, int width) = input.Shape2D;
        double[] expected = c.Expected.ToDoubleArray();
        float[] actual = new float[expected.Length];
        var dst = new ImageSpan<float>(actual, width, height);
        if (c.String("dtype", "") == "float32")
        {
            UniformFilter.Apply(new ReadOnlyImageSpan<float>(input.ToSingleArray(), width, height), dst, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX);
        }
        else if (input.DType == NpyDType.UInt8)
        {
            UniformFilter.Apply(new ReadOnlyImageSpan<byte>(input.AsSpan<byte>(), width, height), dst, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX);
        }
        else
        {
            UniformFilter.Apply(new ReadOnlyImageSpan<ushort>(input.AsSpan<ushort>(), width, height), dst, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX);
        }

        // 1e-4 (8-bit) / 5e-2 (16-bit) absolute, scaled for cval cases whose magnitude exceeds the data range.
        double tolerance = c.DefaultTolerance * Math.Max(1, Math.Abs(s.Cval) / 255);
        Approx.Equal(expected, actual, tolerance, id);
    }

    [Fact]
    public void Golden_data_covers_every_mode_and_even_sizes()
    {
        var cases = s_cases.Value.Values.ToList();
        foreach (string mode in new[] { "reflect", "mirror", "nearest", "constant", "wrap" })
        {
            Assert.Contains(cases, c => c.String("mode", "reflect") == mode);
        }

        Assert.Contains(cases, c => c.Pair("size", 0).Axis0 == 2);
        Assert.Contains(cases, c => c.Pair("size", 0).Axis0 == 10);
        Assert.Contains(cases, c => c.Has("origin"));
    }

    /// <summary>Brute-force mean in double of the window through the periodic border map.</summary>
    internal static double[] Reference<T>(T[] source, int width, int height, int sizeY, int sizeX, int originY, int originX, BorderMode mode, double cval)
        where T : unmanaged
    {
        var result = new double[source.Length];
        int lowY = -(sizeY / 2) - originY;
        int lowX = -(sizeX / 2) - originX;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double sum = 0;
                for (int i = 0; i < sizeY; i++)
                {
                    for (int j = 0; j < sizeX; j++)
                    {
                        int r = BorderIndex.Map(y + lowY + i, height, mode);
                        int c = BorderIndex.Map(x + lowX + j, width, mode);
                        sum += r < 0 || c < 0 ? cval : RankSupport.ToDouble(source[(r * width) + c]);
                    }
                }

                result[(y * width) + x] = sum / (sizeY * sizeX);
            }
        }

        return result;
    }

    public static TheoryData<SimdLevel> Levels()
    {
        var data = new TheoryData<SimdLevel>();
        foreach (SimdLevel level in new[] { SimdLevel.Scalar, SimdLevel.Vector128, SimdLevel.Vector256, SimdLevel.Vector512 })
        {
            if (level <= SimdCapabilities.ProcessLevel)
            {
                data.Add(level);
            }
        }

        return data;
    }

    /// <summary>Every width 0..3·Vector512&lt;float&gt;.Count+1, offset views with sentinels, all modes and both accumulators.</summary>
    [Theory]
    [MemberData(nameof(Levels))]
    public void Matches_brute_force_at_every_width(SimdLevel level)
    {
        SimdLevel? previous = SimdCapabilities.Force(level);
        try
        {
            var rng = new Random(11);
            int maxWidth = (3 * 16) + 1;
            for (int width = 0; width <= maxWidth; width++)
            {
                int height = 1 + (width % 4);
                var mode = (BorderMode)(width % 5);
                (int sy, int sx) = (1 + (width % 3), 1 + ((width * 7) % 12));
                double cval = width % 2 == 0 ? 3 : 2.5;
                Check(rng, RankSupport.RandomImage<byte>(rng, width * height), width, height, sy, sx, mode, cval, 1e-4);
                Check(rng, RankSupport.RandomImage<ushort>(rng, width * height), width, height, sy, sx, mode, cval, 5e-2);
                float[] f = RankSupport.RandomImage<float>(rng, width * height);
                Check(rng, f, width, height, sy, sx, mode, cval, 1e-4 * Math.Max(1, f.Length == 0 ? 0 : f.Max(Math.Abs)));
            }
        }
        finally
        {
            SimdCapabilities.Force(previous);
        }
    }

    private static void Check<T>(Random rng, T[] data, int width, int height, int sizeY, int sizeX, BorderMode mode, double cval, double tolerance)
        where T : unmanaged
    {
        // Source and destination as strided views at odd offsets inside larger buffers; sentinels must survive.
        int offset = 1 + rng.Next(5);
        int stride = width + rng.Next(3);
        var big = new T[offset + (stride * height) + 3];
        for (int y = 0; y < height; y++)
        {
            data.AsSpan(y * width, width).CopyTo(big.AsSpan(offset + (y * stride)));
        }

        var output = new float[offset + (stride * height) + 3];
        Array.Fill(output, -12345f);
        int originY = Math.Clamp(rng.Next(-1, 2), -(sizeY / 2), sizeY - 1 - (sizeY / 2));
        int originX = Math.Clamp(rng.Next(-2, 3), -(sizeX / 2), sizeX - 1 - (sizeX / 2));
        var src = new ReadOnlyImageSpan<T>(big.AsSpan(offset, Math.Max(0, (stride * height) - (stride - width))), width, height, stride);
        var dst = new ImageSpan<float>(output.AsSpan(offset, Math.Max(0, (stride * height) - (stride - width))), width, height, stride);
        UniformFilter.Apply(src, dst, sizeY, sizeX, mode, cval, originY, originX);
        double[] expected = Reference(data, width, height, sizeY, sizeX, originY, originX, mode, cval);
        var actual = new float[data.Length];
        for (int y = 0; y < height; y++)
        {
            output.AsSpan(offset + (y * stride), width).CopyTo(actual.AsSpan(y * width));
            for (int x = width; x < stride && y < height - 1; x++)
            {
                Assert.Equal(-12345f, output[offset + (y * stride) + x]);
            }
        }

        Assert.All(output.AsSpan(0, offset).ToArray(), v => Assert.Equal(-12345f, v));
        Assert.All(output.AsSpan(output.Length - 3).ToArray(), v => Assert.Equal(-12345f, v));
        Approx.Equal(expected, actual, tolerance, $"{typeof(T).Name} {width}x{height} size {sizeY}x{sizeX} origin ({originY},{originX}) {mode}");
    }

    [Fact]
    public void Long_rows_do_not_drift()
    {
        // A wide row of large 16-bit values with a wide window takes the double running sum; the error must not
        // grow along the row.
        int width = 5000;
        var data = new ushort[width * 2];
        var rng = new Random(5);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (ushort)rng.Next(65536);
        }

        var actual = new float[data.Length];
        UniformFilter.Apply(new ReadOnlyImageSpan<ushort>(data, width, 2), new ImageSpan<float>(actual, width, 2), 2, 301, BorderMode.Wrap);
        double[] expected = Reference(data, width, 2, 2, 301, 0, 0, BorderMode.Wrap, 0);
        Approx.Equal(expected, actual, 5e-2 / 8, "wide 16-bit window");
    }

    [Fact]
    public void Allocates_nothing()
    {
        var rng = new Random(3);
        byte[] data = RankSupport.RandomImage<byte>(rng, 64 * 48);
        float[] f = RankSupport.RandomImage<float>(rng, 64 * 48);
        var output = new float[64 * 48];
        AllocationAssert.None(() => UniformFilter.Apply(new ReadOnlyImageSpan<byte>(data, 64, 48), new ImageSpan<float>(output, 64, 48), 5), "uniform u8 5x5");
        AllocationAssert.None(() => UniformFilter.Apply(new ReadOnlyImageSpan<byte>(data, 64, 48), new ImageSpan<float>(output, 64, 48), 3, 17, BorderMode.Constant, 2.5), "uniform u8 3x17 cval 2.5");
        AllocationAssert.None(() => UniformFilter.Apply(new ReadOnlyImageSpan<float>(f, 64, 48), new ImageSpan<float>(output, 64, 48), 4), "uniform f32 4x4");
    }

    [Fact]
    public void Rejects_invalid_arguments()
    {
        var data = new byte[12];
        var output = new float[12];
        Assert.Throws<ArgumentOutOfRangeException>(() => UniformFilter.Apply(new ReadOnlyImageSpan<byte>(data, 4, 3), new ImageSpan<float>(output, 4, 3), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => UniformFilter.Apply(new ReadOnlyImageSpan<byte>(data, 4, 3), new ImageSpan<float>(output, 4, 3), 3, origin: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => UniformFilter.Apply(new ReadOnlyImageSpan<byte>(data, 4, 3), new ImageSpan<float>(output, 4, 3), 4, origin: -3));
        Assert.Throws<ArgumentException>(() => UniformFilter.Apply(new ReadOnlyImageSpan<byte>(data, 4, 3), new ImageSpan<float>(output, 3, 4), 3));
        var shared = new float[12];
        Assert.Throws<ArgumentException>(() => UniformFilter.Apply(new ReadOnlyImageSpan<float>(shared, 4, 3), new ImageSpan<float>(shared, 4, 3), 3));
    }

    [Fact]
    public void Documented_scipy_examples()
    {
        // ndimage-semantics §7: x = [1,2,4,8,16,32], constant mode.
        float[] x = [1, 2, 4, 8, 16, 32];
        var output = new float[6];
        UniformFilter.Apply(new ReadOnlyImageSpan<float>(x, 6, 1), new ImageSpan<float>(output, 6, 1), 1, 2, BorderMode.Constant);
        Approx.Equal([0.5, 1.5, 3, 6, 12, 24], output, 1e-6, "size 2");
        UniformFilter.Apply(new ReadOnlyImageSpan<float>(x, 6, 1), new ImageSpan<float>(output, 6, 1), 1, 4, BorderMode.Constant);
        Approx.Equal([0.75, 1.75, 3.75, 7.5, 15, 14], output, 1e-6, "size 4");
        UniformFilter.Apply(new ReadOnlyImageSpan<float>(x, 6, 1), new ImageSpan<float>(output, 6, 1), 1, 3, BorderMode.Constant, originX: 1);
        Approx.Equal([1 / 3.0, 1, 7 / 3.0], output[..3], 1e-6, "size 3 origin 1");
    }
}

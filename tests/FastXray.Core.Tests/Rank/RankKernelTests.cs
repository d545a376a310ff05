using FastXray.Rank;
using Xunit;

namespace FastXray.Tests.Rank;

/// <summary>
/// Every rank kernel (3x3 network, radix select, sliding histogram, separable and footprint min/max) at every
/// SIMD width against the brute-force reference: all widths up to three 512-bit byte vectors plus one, strided
/// views at odd offsets with sentinels, byte/ushort/float, every mode, origins, cvals, float and typed outputs.
/// </summary>
public sealed class RankKernelTests
{
    private const float Sentinel = -12345f;

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

    /// <summary>The windows each width is tried with: (op, sizeY, sizeX, footprint, algorithm).</summary>
    private static readonly (string Op, int SizeY, int SizeX, bool[]? Footprint, RankAlgorithm Algorithm)[] s_kernels =
    [
        ("median", 3, 3, null, RankAlgorithm.Network3x3),
        ("median", 5, 5, null, RankAlgorithm.Radix),
        ("rank", 3, 4, null, RankAlgorithm.Radix),
        ("percentile", 4, 2, null, RankAlgorithm.Histogram),
        ("median", 3, 5, [true, false, true, false, true, false, true, true, true, false, true, false, true, false, true], RankAlgorithm.Radix),
        ("rank", 2, 3, [true, true, false, false, true, true], RankAlgorithm.Histogram),
        ("minimum", 3, 2, null, RankAlgorithm.Auto),
        ("maximum", 10, 11, null, RankAlgorithm.Auto),
        ("minimum", 9, 1, null, RankAlgorithm.Auto),
        ("maximum", 3, 3, [false, true, false, true, true, true, false, true, false], RankAlgorithm.Auto),
    ];

    [Theory]
    [MemberData(nameof(Levels))]
    public void Every_kernel_matches_brute_force_at_every_width(SimdLevel level)
    {
        SimdLevel? previous = SimdCapabilities.Force(level);
        try
        {
            var rng = new Random(7 + (int)level);
            int maxWidth = (3 * 64) + 1;
            for (int width = 0; width <= maxWidth; width++)
            {
                int height = 1 + (width % 3);
                foreach (var k in s_kernels)
                {
                    RankSpec spec = RandomSpec(rng, k.Op, k.SizeY, k.SizeX, k.Footprint);
                    Check(spec, k.Algorithm, RankSupport.RandomImage<byte>(rng, width * height), width, height, rng);
                    if (width % 3 == 0)
                    {
                        Check(spec, k.Algorithm, RankSupport.RandomImage<ushort>(rng, width * height), width, height, rng);
                        if (k.Algorithm != RankAlgorithm.Histogram)
                        {
                            Check(spec, k.Algorithm, RankSupport.RandomImage<float>(rng, width * height), width, height, rng);
                        }
                    }
                }
            }
        }
        finally
        {
            SimdCapabilities.Force(previous);
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Large_windows_agree_across_kernels(SimdLevel level)
    {
        // Radix and histogram on the same larger images, plus the brute force, for windows past the direct limits.
        SimdLevel? previous = SimdCapabilities.Force(level);
        try
        {
            var rng = new Random(99);
            foreach ((int sy, int sx) in new[] { (9, 9), (16, 16), (12, 7) })
            {
                foreach (BorderMode mode in Enum.GetValues<BorderMode>())
                {
                    var spec = new RankSpec("percentile", sy, sx, null, 0, -1, mode, 17, Percentile: 30 + sy);
                    Check(spec, RankAlgorithm.Histogram, RankSupport.RandomImage<ushort>(rng, 70 * 23), 70, 23, rng);
                    Check(spec, RankAlgorithm.Histogram, RankSupport.RandomImage<byte>(rng, 70 * 23), 70, 23, rng);
                    if (sy * sx <= 255)
                    {
                        Check(spec, RankAlgorithm.Radix, RankSupport.RandomImage<byte>(rng, 70 * 23), 70, 23, rng);
                    }

                    Check(spec with { Op = "maximum" }, RankAlgorithm.Auto, RankSupport.RandomImage<ushort>(rng, 70 * 23), 70, 23, rng);
                }
            }
        }
        finally
        {
            SimdCapabilities.Force(previous);
        }
    }

    [Fact]
    public void Sixteen_bit_histogram_walks_far()
    {
        // Values spread over the whole 16-bit range, so the tracked rank jumps across many coarse bins.
        var rng = new Random(4);
        int w = 90;
        int h = 12;
        var data = new ushort[w * h];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (ushort)(rng.Next(2) == 0 ? rng.Next(300) : 65535 - rng.Next(300));
        }

        foreach (int rank in new[] { 1, 20, 40, 63 })
        {
            Check(new RankSpec("rank", 8, 8, null, 0, 0, BorderMode.Mirror, 0, Rank: rank), RankAlgorithm.Histogram, data, w, h, rng);
        }
    }

    private static RankSpec RandomSpec(Random rng, string op, int sizeY, int sizeX, bool[]? footprint)
    {
        var mode = (BorderMode)rng.Next(5);
        int oy = rng.Next(-(sizeY / 2), sizeY - (sizeY / 2));
        int ox = rng.Next(-(sizeX / 2), sizeX - (sizeX / 2));
        double[] cvals = [0, 7, -1, 2.7, 300, 70000.9, 1e10, -0.5];
        double cval = cvals[rng.Next(cvals.Length)];
        int count = footprint?.Count(b => b) ?? (sizeY * sizeX);

        // Ranks strictly inside (1..N-2) so the forced kernel really runs; percentile chosen to land there too.
        int rank = 1 + rng.Next(Math.Max(count - 2, 1));
        double percentile = 100.0 * rank / count;
        if (op == "rank" && rng.Next(2) == 0)
        {
            rank -= count;
        }

        return new RankSpec(op, sizeY, sizeX, footprint, oy, ox, mode, cval, percentile, rank);
    }

    private static void Check<T>(RankSpec spec, RankAlgorithm algorithm, T[] data, int width, int height, Random rng)
        where T : unmanaged
    {
        double[] expected = RankSupport.Reference(spec, data, width, height);
        string what = $"{typeof(T).Name} {width}x{height} {spec} {algorithm} {SimdCapabilities.Active}";

        int offset = 1 + rng.Next(7);
        int stride = width + rng.Next(4);
        int span = height == 0 || width == 0 ? 0 : ((height - 1) * stride) + width;
        var big = new T[offset + span + 5];
        for (int y = 0; y < height; y++)
        {
            data.AsSpan(y * width, width).CopyTo(big.AsSpan(offset + (y * stride)));
        }

        var src = new ReadOnlyImageSpan<T>(big.AsSpan(offset, span), width, height, stride);

        var floats = new float[offset + span + 5];
        Array.Fill(floats, Sentinel);
        Run(spec, algorithm, src, new ImageSpan<float>(floats.AsSpan(offset, span), width, height, stride));
        var typed = new T[offset + span + 5];
        Run(spec, algorithm, src, new ImageSpan<T>(typed.AsSpan(offset, span), width, height, stride));

        var actual = new float[data.Length];
        var actualTyped = new T[data.Length];
        for (int y = 0; y < height; y++)
        {
            floats.AsSpan(offset + (y * stride), width).CopyTo(actual.AsSpan(y * width));
            typed.AsSpan(offset + (y * stride), width).CopyTo(actualTyped.AsSpan(y * width));
            for (int x = width; x < stride && y < height - 1; x++)
            {
                Assert.True(floats[offset + (y * stride) + x] == Sentinel, what + ": wrote into the row gap");
            }
        }

        Assert.True(floats.AsSpan(0, offset).ToArray().All(v => v == Sentinel), what + ": wrote before the view");
        Assert.True(floats.AsSpan(offset + span).ToArray().All(v => v == Sentinel), what + ": wrote after the view");
        RankSupport.AssertExact(expected, actual, what);
        RankSupport.AssertExactTyped(expected, actualTyped.AsSpan(), what + " (typed)");
    }

    /// <summary>The engine with a forced kernel, resolving the rank as the public API does.</summary>
    private static void Run<T, TOut>(RankSpec s, RankAlgorithm algorithm, ReadOnlyImageSpan<T> source, ImageSpan<TOut> destination)
        where T : unmanaged
        where TOut : unmanaged
    {
        var fp = new ReadOnlyImageSpan<bool>(s.Footprint ?? [], s.Footprint is null ? 0 : s.SizeX, s.Footprint is null ? 0 : s.SizeY);
        using RankWindow window = s.Footprint is null ? RankWindow.Box(s.SizeY, s.SizeX, s.OriginY, s.OriginX) : RankWindow.Footprint(fp, s.OriginY, s.OriginX);
        switch (s.Op)
        {
            case "minimum":
                RankEngine.Extremum<MinimumOperator, T, TOut>(source, destination, window, s.Mode, s.Cval);
                break;
            case "maximum":
                RankEngine.Extremum<MaximumOperator, T, TOut>(source, destination, window, s.Mode, s.Cval);
                break;
            default:
                int rank = s.Op switch
                {
                    "median" => window.Count / 2,
                    "rank" => RankEngine.ResolveRank(s.Rank, window.Count),
                    _ => RankEngine.PercentileRank(s.Percentile, window.Count),
                };
                RankEngine.Select(source, destination, window, rank, s.Mode, s.Cval, algorithm);
                break;
        }
    }
}

using System.Text.Json;
using FastXray.Color;
using FastXray.Imaging.Npy;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Color;

public class ColormapTests
{
    private static readonly string[] s_expectedNames = ["gray", "hot", "CMRmap", "prism", "nipy_spectral", "terrain", "seismic", "viridis"];

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in LoadCases())
        {
            data.Add(c.GetProperty("id").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Apply_MatchesMatplotlib(string id)
    {
        JsonElement c = LoadCases().Single(e => e.GetProperty("id").GetString() == id);
        float[] input = NpyFile.Read(Ref("input.npy")).AsSpan<float>().ToArray();
        NpyArray expected = NpyFile.Read(Ref(id + ".npy"));
        Assert.Equal([input.Length, 3], expected.Shape);
        Colormap cmap = Colormap.Get(c.GetProperty("cmap").GetString()!);
        var rgb = new byte[input.Length * 3];

        cmap.Apply(new ReadOnlyImageSpan<float>(input, input.Length, 1), rgb, c.GetProperty("vmin").GetDouble(), c.GetProperty("vmax").GetDouble());

        ReadOnlySpan<byte> want = expected.AsSpan<byte>();
        for (int i = 0; i < input.Length; i++)
        {
            if (!want.Slice(i * 3, 3).SequenceEqual(rgb.AsSpan(i * 3, 3)))
            {
                Assert.Fail($"{id}: value {input[i]:R} (#{i}) -> ({rgb[i * 3]},{rgb[(i * 3) + 1]},{rgb[(i * 3) + 2]}), Matplotlib ({want[i * 3]},{want[(i * 3) + 1]},{want[(i * 3) + 2]})");
            }
        }
    }

    [Fact]
    public void Apply_EveryTableEntryIsReachable()
    {
        // x = k + 0.5 over [0, 256) selects entry k exactly, so Apply reproduces the table itself.
        float[] values = Enumerable.Range(0, 256).Select(k => k + 0.5f).ToArray();
        foreach (string name in Colormap.Names)
        {
            Colormap cmap = Colormap.Get(name);
            var rgb = new byte[768];
            cmap.Apply(new ReadOnlyImageSpan<float>(values, 16, 16), rgb, 0, 256);
            Assert.True(cmap.Table.SequenceEqual(rgb), name);
        }
    }

    [Fact]
    public void Names_AreMatplotlibs()
    {
        Assert.Equal(s_expectedNames, Colormap.Names);
        foreach (string name in Colormap.Names)
        {
            Assert.True(Colormap.TryGet(name, out Colormap? c));
            Assert.Equal(name, c.Name);
            Assert.Equal(Colormap.Size * 3, c.Table.Length);
        }
    }

    [Fact]
    public void TryGet_IgnoresCaseAndRejectsUnknown()
    {
        Assert.True(Colormap.TryGet("cmrmap", out Colormap? c));
        Assert.Equal("CMRmap", c.Name);
        Assert.True(Colormap.TryGet("Viridis", out c));
        Assert.Equal("viridis", c.Name);
        Assert.False(Colormap.TryGet("jet", out c));
        Assert.Null(c);
        ArgumentException e = Assert.Throws<ArgumentException>(() => Colormap.Get("jet"));
        Assert.Contains("viridis", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_StridedSourceEqualsDense()
    {
        const int W = 7, H = 5, Stride = 11;
        var rng = new Random(3);
        var strided = new float[((H - 1) * Stride) + W];
        var dense = new float[W * H];
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                float v = (float)((rng.NextDouble() * 300) - 20);
                strided[(y * Stride) + x] = v;
                dense[(y * W) + x] = v;
            }
        }

        Colormap cmap = Colormap.Get("terrain");
        var a = new byte[W * H * 3];
        var b = new byte[W * H * 3];
        cmap.Apply(new ReadOnlyImageSpan<float>(strided, W, H, Stride), a, 0, 255);
        cmap.Apply(new ReadOnlyImageSpan<float>(dense, W, H), b, 0, 255);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Apply_VminEqualsVmax_EverythingIsFirstEntry()
    {
        float[] values = [float.NaN, -1, 5, 5, 1e9f, float.PositiveInfinity];
        Colormap cmap = Colormap.Get("viridis");
        var rgb = new byte[values.Length * 3];
        cmap.Apply(new ReadOnlyImageSpan<float>(values, values.Length, 1), rgb, 5, 5);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(cmap.Table[..3].SequenceEqual(rgb.AsSpan(i * 3, 3)));
        }
    }

    [Fact]
    public void Apply_RejectsBadArguments()
    {
        var src = new float[6];
        Colormap cmap = Colormap.Get("gray");
        Assert.Throws<ArgumentException>(() => cmap.Apply(new ReadOnlyImageSpan<float>(src, 3, 2), new byte[17], 0, 1));
        Assert.Throws<ArgumentException>(() => cmap.Apply(new ReadOnlyImageSpan<float>(src, 3, 2), new byte[18], 2, 1));
    }

    [Fact]
    public void Apply_EmptyImage_WritesNothing()
    {
        Colormap.Get("hot").Apply(new ReadOnlyImageSpan<float>([], 0, 0), [], 0, 1);
        var rgb = new byte[] { 9 };
        Colormap.Get("hot").Apply(new ReadOnlyImageSpan<float>([], 0, 4), rgb, 0, 1);
        Assert.Equal(9, rgb[0]);
    }

    [Fact]
    public void AutoRange_IgnoresNonFinite()
    {
        float[] values = [float.NaN, 3, -2, float.PositiveInfinity, 7.5f, float.NegativeInfinity];
        Assert.Equal((-2.0, 7.5), Colormap.AutoRange(new ReadOnlyImageSpan<float>(values, 3, 2)));
        Assert.Equal((0.0, 0.0), Colormap.AutoRange(new ReadOnlyImageSpan<float>([float.NaN], 1, 1)));
    }

    [Fact]
    public void AutoRange_VectorisedPathEqualsTheMaskingLoop()
    {
        // Finite data takes the vectorised min/max; one infinity sends the same data through the masking loop.
        var random = new Random(21);
        foreach ((int w, int h, int stride) in new[] { (1, 1, 1), (1, 9, 1), (9, 1, 9), (37, 5, 37), (37, 5, 50), (4, 3, 4), (8, 3, 9), (16, 2, 16), (17, 3, 17), (63, 2, 70), (64, 2, 64), (200, 3, 200) })
        {
            var data = new float[((h - 1) * stride) + w];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (float)((random.NextDouble() * 1e4) - 3e3);
            }

            var image = new ReadOnlyImageSpan<float>(data, w, h, stride);
            List<float> inside = [.. Enumerable.Range(0, h).SelectMany(y => data.Skip(y * stride).Take(w))];
            Assert.Equal(((double)inside.Min(), (double)inside.Max()), Colormap.AutoRange(image));

            data[(h - 1) * stride] = float.PositiveInfinity;
            inside.RemoveAt(((h - 1) * w));
            (double, double) expected = inside.Count == 0 ? (0, 0) : (inside.Min(), inside.Max());
            Assert.Equal(expected, Colormap.AutoRange(image));
        }
    }

    [Fact]
    public void Apply_AllocatesNothing()
    {
        var src = new float[64 * 48];
        for (int i = 0; i < src.Length; i++)
        {
            src[i] = i % 300;
        }

        var rgb = new byte[src.Length * 3];
        Colormap cmap = Colormap.Get("nipy_spectral");
        AllocationAssert.None(() => cmap.Apply(new ReadOnlyImageSpan<float>(src, 64, 48), rgb, 0, 255), "Colormap.Apply");
    }

    [Theory]
    [InlineData(0.0, 255.0)]
    [InlineData(3.0, 3.0)]
    [InlineData(-40.5, 7.25)]
    public void ApplyChannel_EqualsEachChannelOfApply(double vmin, double vmax)
    {
        // NaN, infinities, values on table edges, below and above the range, on a strided source.
        float[] values = new float[37 * 29];
        var random = new Random(11);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (i % 97) switch
            {
                0 => float.NaN,
                1 => float.PositiveInfinity,
                2 => float.NegativeInfinity,
                _ => (float)((random.NextDouble() * 400) - 100),
            };
        }

        var source = new ReadOnlyImageSpan<float>(values, 31, 29, 37);
        foreach (string name in Colormap.Names)
        {
            Colormap map = Colormap.Get(name);
            var rgb = new byte[31 * 29 * 3];
            map.Apply(source, rgb, vmin, vmax);
            for (int c = 0; c < 3; c++)
            {
                var channel = new byte[31 * 29];
                map.ApplyChannel(source, channel, c, vmin, vmax);
                Assert.Equal(rgb.Where((_, i) => i % 3 == c), channel);
            }
        }
    }

    [Fact]
    public void ApplyChannel_AllocatesNothing()
    {
        var src = new float[64 * 48];
        for (int i = 0; i < src.Length; i++)
        {
            src[i] = i % 300;
        }

        var gray = new byte[src.Length];
        Colormap cmap = Colormap.Get("gray");
        AllocationAssert.None(() => cmap.ApplyChannel(new ReadOnlyImageSpan<float>(src, 64, 48), gray, 0, 0, 255), "Colormap.ApplyChannel");
    }

    private static string Ref(string file) => TestData.Reference("FastXray.Core.Tests", "colormaps", file);

    private static List<JsonElement> LoadCases()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Ref("cases.json")));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}

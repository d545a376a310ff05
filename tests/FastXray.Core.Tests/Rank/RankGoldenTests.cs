using Xunit;
using System.Text.Json;
using FastXray.Imaging.Npy;

namespace FastXray.Tests.Rank;

/// <summary>
/// Every rank case of tools/fixtures/rank.py against scipy 1.10.1: float32 outputs equal scipy's float64 output
/// rounded to float32, typed outputs ("output": "native") equal scipy's same-dtype output, exactly.
/// </summary>
public sealed class RankGoldenTests
{
    private static readonly Lazy<Dictionary<string, GoldenCase>> s_cases =
        new(() => GoldenCase.Load("rank").ToDictionary(c => c.Id));

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (GoldenCase c in s_cases.Value.Values.Where(c => c.Op != "uniform").OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            data.Add(c.Id);
        }

        return data;
    }

    [Fact]
    public void Golden_data_covers_every_op_and_mode()
    {
        var cases = s_cases.Value.Values.Where(c => c.Op != "uniform").ToList();
        foreach (string op in new[] { "median", "percentile", "rank", "minimum", "maximum" })
        {
            foreach (string mode in BorderModes.Names.Where(n => !n.StartsWith("grid", StringComparison.Ordinal)))
            {
                Assert.Contains(cases, c => c.Op == op && c.String("mode", "reflect") == mode);
            }
        }

        Assert.Contains(cases, c => c.String("output", "") == "native");
        Assert.Contains(cases, c => c.Has("footprint"));
        Assert.Contains(cases, c => c.InputName.StartsWith("u16", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Matches_scipy(string id)
    {
        GoldenCase c = s_cases.Value[id];
        RankSpec spec = Spec(c);
        NpyArray input = c.Input;
        (int height, int width) = input.Shape2D;
        double[] expected = c.Expected.ToDoubleArray();
        bool native = c.String("output", "float64") == "native";
        if (c.String("dtype", "") == "float32")
        {
            float[] data = input.ToSingleArray();
            Check(spec, data, width, height, expected, native, id);
        }
        else if (input.DType == NpyDType.UInt8)
        {
            Check(spec, input.AsSpan<byte>().ToArray(), width, height, expected, native, id);
        }
        else
        {
            Check(spec, input.AsSpan<ushort>().ToArray(), width, height, expected, native, id);
        }
    }

    private static void Check<T>(RankSpec spec, T[] data, int width, int height, double[] expected, bool native, string id)
        where T : unmanaged
    {
        if (native)
        {
            // scipy's own same-dtype output: compare without any further cast.
            T[] typed = RankSupport.ApplyTyped(spec, data, width, height);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(expected[i] == RankSupport.ToDouble(typed[i]), $"{id}: element {i} is {RankSupport.ToDouble(typed[i])}, expected {expected[i]}");
            }
        }
        else
        {
            RankSupport.AssertExact(expected, RankSupport.ApplyFloat(spec, data, width, height), id);
        }
    }

    internal static RankSpec Spec(GoldenCase c)
    {
        Assert.True(BorderModes.TryParse(c.String("mode", "reflect"), out BorderMode mode));
        (double oy, double ox) = c.Pair("origin", 0);
        bool[]? footprint = null;
        int sizeY;
        int sizeX;
        if (c.Params.TryGetProperty("footprint", out JsonElement fp))
        {
            sizeY = fp.GetArrayLength();
            sizeX = fp[0].GetArrayLength();
            footprint = fp.EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetInt32() != 0)).ToArray();
        }
        else
        {
            (double sy, double sx) = c.Pair("size", 1);
            sizeY = (int)sy;
            sizeX = (int)sx;
        }

        return new RankSpec(c.Op, sizeY, sizeX, footprint, (int)oy, (int)ox, mode, c.Double("cval", 0), c.Double("percentile", 50), c.Int("rank", 0));
    }
}

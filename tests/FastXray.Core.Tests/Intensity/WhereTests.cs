using FastXray.Imaging.Npy;
using FastXray.Intensity;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Intensity;

public class WhereTests
{
    public static TheoryData<string> Cases => IntensityGolden.Ids("where", "mask");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_numpy_where_exactly(string id)
    {
        GoldenCase c = IntensityGolden.Get(id);
        NpyArray input = IntensityGolden.Input(c.InputName);
        Assert.True(CompareOps.TryParse(c.String("op", ""), out CompareOp op));
        double t = c.Double("t", double.NaN);
        switch (input.DType)
        {
            case NpyDType.UInt8:
                Check<byte>(c, input, op, t, 200);
                break;
            case NpyDType.UInt16:
                Check<ushort>(c, input, op, t, 200);
                break;
            default:
                Check(c, input, op, t, 200f);
                break;
        }
    }

    private static void Check<T>(GoldenCase c, NpyArray input, CompareOp op, double t, T garbage)
        where T : unmanaged, IEquatable<T>
    {
        (int h, int w) = input.Shape2D;
        foreach ((T[] data, int stride) in IntensityGolden.Layouts(input, garbage))
        {
            var image = new ReadOnlyImageSpan<T>(data, w, h, stride);
            if (c.Op == "where")
            {
                T[] expected = c.Expected.AsSpan<T>().ToArray();
                var output = new T[data.Length];
                Where.Keep(image, op, t, new ImageSpan<T>(output, w, h, stride));
                AssertBits(expected, IntensityGolden.Dense<T>(output, w, h, stride));

                // In place.
                T[] copy = (T[])data.Clone();
                Where.Keep(new ReadOnlyImageSpan<T>(copy, w, h, stride), op, t, new ImageSpan<T>(copy, w, h, stride));
                AssertBits(expected, IntensityGolden.Dense<T>(copy, w, h, stride));
            }
            else
            {
                byte[] expected = c.Expected.AsSpan<byte>().ToArray();
                var output = new byte[data.Length];
                Where.Mask(image, op, t, new ImageSpan<byte>(output, w, h, stride));
                Assert.Equal(expected, IntensityGolden.Dense<byte>(output, w, h, stride));
            }
        }
    }

    /// <summary>Compares by bits, so NaN pixels kept by != and signed zeros count too.</summary>
    private static void AssertBits<T>(T[] expected, T[] actual)
        where T : unmanaged, IEquatable<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = typeof(T) == typeof(float)
                ? BitConverter.SingleToInt32Bits((float)(object)expected[i]) == BitConverter.SingleToInt32Bits((float)(object)actual[i])
                : expected[i].Equals(actual[i]);
            Assert.True(same, $"element {i}: {actual[i]}, expected {expected[i]}");
        }
    }

    [Fact]
    public void Nan_threshold_matches_nothing_except_not_equal()
    {
        float[] values = [1, float.NaN, -3, 0];
        byte[] bytes = [0, 1, 255, 7];
        foreach (CompareOp op in Enum.GetValues<CompareOp>())
        {
            var mask = new byte[4];
            Where.Mask(new ReadOnlyImageSpan<float>(values, 4, 1), op, double.NaN, new ImageSpan<byte>(mask, 4, 1));
            byte want = op == CompareOp.NotEqual ? (byte)1 : (byte)0;
            Assert.All(mask, m => Assert.Equal(want, m));
            Where.Mask(new ReadOnlyImageSpan<byte>(bytes, 4, 1), op, double.NaN, new ImageSpan<byte>(mask, 4, 1));
            Assert.All(mask, m => Assert.Equal(want, m));
        }
    }

    [Fact]
    public void Integer_thresholds_compare_exactly_in_float64()
    {
        // Every byte and ushort value against thresholds just around integers, against a float64 comparison.
        double[] thresholds = [-1e300, -0.5, 0, 0.25, 127.5, 149.97, 150, 150.000001, 254.9, 255, 255.5, 65534.5, 65535, 65535.2, 1e300, double.PositiveInfinity, double.NegativeInfinity];
        byte[] all8 = Enumerable.Range(0, 256).Select(v => (byte)v).ToArray();
        ushort[] all16 = Enumerable.Range(0, 65536).Select(v => (ushort)v).ToArray();
        var mask8 = new byte[256];
        var mask16 = new byte[65536];
        foreach (CompareOp op in Enum.GetValues<CompareOp>())
        {
            foreach (double t in thresholds)
            {
                Where.Mask(new ReadOnlyImageSpan<byte>(all8, 256, 1), op, t, new ImageSpan<byte>(mask8, 256, 1));
                Where.Mask(new ReadOnlyImageSpan<ushort>(all16, 65536, 1), op, t, new ImageSpan<byte>(mask16, 65536, 1));
                for (int v = 0; v < 65536; v++)
                {
                    byte want = Reference(v, op, t) ? (byte)1 : (byte)0;
                    if (v < 256)
                    {
                        Assert.True(want == mask8[v], $"u8 {v} {op} {t}");
                    }

                    Assert.True(want == mask16[v], $"u16 {v} {op} {t}");
                }
            }
        }
    }

    [Fact]
    public void Float_thresholds_compare_in_float32_like_numpy()
    {
        // A float32 0.1 is not > 0.1: NumPy rounds the threshold to float32 first. Beyond 3.4e38 it compares in float64.
        float[] values = [0.1f, 3.4028235e38f, float.PositiveInfinity, -0.0f, float.Epsilon, float.NaN];
        (double T, CompareOp Op, byte[] Want)[] cases =
        [
            (0.1, CompareOp.Greater, [0, 1, 1, 0, 0, 0]),
            (0.1, CompareOp.Equal, [1, 0, 0, 0, 0, 0]),
            (3.4000001e38, CompareOp.Greater, [0, 1, 1, 0, 0, 0]),
            (1e300, CompareOp.Greater, [0, 0, 1, 0, 0, 0]),
            (1e300, CompareOp.Less, [1, 1, 0, 1, 1, 0]),
            (-0.0, CompareOp.Greater, [1, 1, 1, 0, 1, 0]),
            (0.0, CompareOp.GreaterOrEqual, [1, 1, 1, 1, 1, 0]),
            (0.0, CompareOp.Equal, [0, 0, 0, 1, 0, 0]),
            (double.PositiveInfinity, CompareOp.GreaterOrEqual, [0, 0, 1, 0, 0, 0]),
            (double.PositiveInfinity, CompareOp.Greater, [0, 0, 0, 0, 0, 0]),
            (double.NegativeInfinity, CompareOp.Greater, [1, 1, 1, 1, 1, 0]),
            (5, CompareOp.NotEqual, [1, 1, 1, 1, 1, 1]),
        ];
        var mask = new byte[values.Length];
        foreach ((double t, CompareOp op, byte[] want) in cases)
        {
            Where.Mask(new ReadOnlyImageSpan<float>(values, values.Length, 1), op, t, new ImageSpan<byte>(mask, values.Length, 1));
            Assert.True(want.SequenceEqual(mask), $"{op} {t}: [{string.Join(",", mask)}]");
        }
    }

    [Fact]
    public void Names_parse_both_ways()
    {
        foreach (CompareOp op in Enum.GetValues<CompareOp>())
        {
            Assert.True(CompareOps.TryParse(op.Name(), out CompareOp back));
            Assert.Equal(op, back);
        }

        Assert.True(CompareOps.TryParse(">=", out CompareOp ge));
        Assert.Equal(CompareOp.GreaterOrEqual, ge);
        Assert.False(CompareOps.TryParse("gte", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Where.Mask(new ReadOnlyImageSpan<byte>(new byte[1], 1, 1), (CompareOp)42, 0, new ImageSpan<byte>(new byte[1], 1, 1)));
    }

    internal static bool Reference(double v, CompareOp op, double t) => op switch
    {
        CompareOp.Greater => v > t,
        CompareOp.GreaterOrEqual => v >= t,
        CompareOp.Less => v < t,
        CompareOp.LessOrEqual => v <= t,
        CompareOp.Equal => v == t,
        _ => v != t,
    };
}

using FastXray.Imaging.Npy;
using FastXray.Intensity;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Intensity;

/// <summary>Normalisation, scaling, hypot and mask logic against NumPy.</summary>
public class MapTests
{
    public static TheoryData<string> FloatMapCases => IntensityGolden.Ids("normalize_max", "normalize_minmax", "scale");

    public static TheoryData<string> MaskCases => IntensityGolden.Ids("and", "or", "xor", "not");

    [Theory]
    [MemberData(nameof(FloatMapCases))]
    public void Float_maps_match_numpy(string id)
    {
        GoldenCase c = IntensityGolden.Get(id);
        NpyArray input = IntensityGolden.Input(c.InputName);
        double[] expected = c.Expected.ToDoubleArray();
        switch (input.DType)
        {
            case NpyDType.UInt8:
                Check<byte>(c, input, expected, 3, exactFloat32: false);
                break;
            case NpyDType.UInt16:
                Check<ushort>(c, input, expected, 3, exactFloat32: false);
                break;
            default:
                // NumPy computes these in float32 exactly as we do (scale rounded to float32, then one product),
                // except min-max, whose NumPy reference is float64.
                Check(c, input, expected, 3f, exactFloat32: c.Op != "normalize_minmax");
                break;
        }
    }

    private static void Check<T>(GoldenCase c, NpyArray input, double[] expected, T garbage, bool exactFloat32)
        where T : unmanaged
    {
        (int h, int w) = input.Shape2D;
        foreach ((T[] data, int stride) in IntensityGolden.Layouts(input, garbage))
        {
            var image = new ReadOnlyImageSpan<T>(data, w, h, stride);
            var output = new float[data.Length];
            var destination = new ImageSpan<float>(output, w, h, stride);
            switch (c.Op)
            {
                case "normalize_max":
                    Normalize.ByMax(image, destination);
                    break;
                case "normalize_minmax":
                    Normalize.MinMax(image, destination);
                    break;
                default:
                    Scale.Multiply(image, c.Double("factor", double.NaN), destination);
                    break;
            }

            float[] dense = IntensityGolden.Dense<float>(output, w, h, stride);
            // Outputs are 0..255 (scale: up to 2.5 x 65535), so the absolute rule scales with the magnitude.
            double magnitude = expected.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
            Approx.Equal(expected, dense, 1e-4 * Math.Max(1, magnitude / 255), c.Id);
            if (exactFloat32)
            {
                for (int i = 0; i < dense.Length; i++)
                {
                    Assert.True(((float)expected[i]).Equals(dense[i]), $"{c.Id} element {i}: {dense[i]:R}, numpy {expected[i]:R}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(MaskCases))]
    public void Mask_logic_matches_numpy(string id)
    {
        GoldenCase c = IntensityGolden.Get(id);
        NpyArray a = IntensityGolden.Input(c.InputName);
        (int h, int w) = a.Shape2D;
        byte[] expected = c.Expected.AsSpan<byte>().ToArray();
        byte[] x = a.AsSpan<byte>().ToArray();
        byte[] y = c.Has("other") ? IntensityGolden.Input(c.String("other", "")).AsSpan<byte>().ToArray() : x;
        var output = new byte[x.Length];
        var dst = new ImageSpan<byte>(output, w, h);
        var ax = new ReadOnlyImageSpan<byte>(x, w, h);
        var by = new ReadOnlyImageSpan<byte>(y, w, h);
        switch (c.Op)
        {
            case "and": MaskLogic.And(ax, by, dst); break;
            case "or": MaskLogic.Or(ax, by, dst); break;
            case "xor": MaskLogic.Xor(ax, by, dst); break;
            default: MaskLogic.Not(ax, dst); break;
        }

        Assert.Equal(expected, output);
    }

    [Fact]
    public void Mask_logic_treats_any_nonzero_byte_as_true()
    {
        byte[] a = [0, 0, 2, 255, 1, 7];
        byte[] b = [0, 9, 0, 128, 1, 0];
        var d = new byte[6];
        MaskLogic.And(new ReadOnlyImageSpan<byte>(a, 6, 1), new ReadOnlyImageSpan<byte>(b, 6, 1), new ImageSpan<byte>(d, 6, 1));
        Assert.Equal(new byte[] { 0, 0, 0, 1, 1, 0 }, d);
        MaskLogic.Or(new ReadOnlyImageSpan<byte>(a, 6, 1), new ReadOnlyImageSpan<byte>(b, 6, 1), new ImageSpan<byte>(d, 6, 1));
        Assert.Equal(new byte[] { 0, 1, 1, 1, 1, 1 }, d);
        MaskLogic.Xor(new ReadOnlyImageSpan<byte>(a, 6, 1), new ReadOnlyImageSpan<byte>(b, 6, 1), new ImageSpan<byte>(d, 6, 1));
        Assert.Equal(new byte[] { 0, 1, 1, 0, 0, 1 }, d);
        MaskLogic.Not(new ReadOnlyImageSpan<byte>(a, 6, 1), new ImageSpan<byte>(d, 6, 1));
        Assert.Equal(new byte[] { 1, 1, 0, 0, 0, 0 }, d);
    }

    [Fact]
    public void Hypot_matches_numpy_float32_bit_for_bit()
    {
        GoldenCase c = IntensityGolden.Get("hypot__hx_13x11__other-hy_13x11");
        NpyArray x = IntensityGolden.Input(c.InputName);
        NpyArray y = IntensityGolden.Input(c.String("other", ""));
        (int h, int w) = x.Shape2D;
        float[] expected = c.Expected.AsSpan<float>().ToArray();
        foreach (((float[] dx, int stride), (float[] dy, _)) in IntensityGolden.Layouts(x, 1f).Zip(IntensityGolden.Layouts(y, 2f)))
        {
            var output = new float[dx.Length];
            Hypot.Compute(new ReadOnlyImageSpan<float>(dx, w, h, stride), new ReadOnlyImageSpan<float>(dy, w, h, stride), new ImageSpan<float>(output, w, h, stride));
            float[] dense = IntensityGolden.Dense<float>(output, w, h, stride);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(expected[i].Equals(dense[i]), $"element {i}: {dense[i]:R}, numpy {expected[i]:R}");
            }
        }
    }

    [Fact]
    public void Hypot_follows_c99_for_infinities_and_nan()
    {
        float[] x = [float.PositiveInfinity, float.NaN, float.NegativeInfinity, float.NaN, 3];
        float[] y = [float.NaN, float.NegativeInfinity, 1, 2, 4];
        var d = new float[5];
        Hypot.Compute(new ReadOnlyImageSpan<float>(x, 5, 1), new ReadOnlyImageSpan<float>(y, 5, 1), new ImageSpan<float>(d, 5, 1));
        Assert.Equal(new[] { float.PositiveInfinity, float.PositiveInfinity, float.PositiveInfinity, float.NaN, 5f }, d);
    }

    [Fact]
    public void Normalize_by_zero_max_gives_nan_like_numpy_and_minmax_of_constant_gives_zero()
    {
        byte[] zeros = new byte[6];
        var output = new float[6];
        Normalize.ByMax(new ReadOnlyImageSpan<byte>(zeros, 3, 2), new ImageSpan<float>(output, 3, 2));
        Assert.All(output, v => Assert.True(float.IsNaN(v)));
        byte[] seven = [7, 7, 7, 7, 7, 7];
        Normalize.MinMax(new ReadOnlyImageSpan<byte>(seven, 3, 2), new ImageSpan<float>(output, 3, 2));
        Assert.All(output, v => Assert.Equal(0f, v));
    }
}

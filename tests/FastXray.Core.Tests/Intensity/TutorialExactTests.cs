using FastXray.Imaging.Npy;
using FastXray.Intensity;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Intensity;

/// <summary>The tutorial's float16 steps against NumPy's own float16 arrays (stored as their bit patterns).</summary>
public class TutorialExactTests
{
    public static TheoryData<string> ScaleCases => IntensityGolden.Ids("scale_half_bits", "scale_to_max_half_bits");

    [Fact]
    public void Hypot_of_all_65536_uint8_pairs_matches_numpy_float16()
    {
        GoldenCase c = IntensityGolden.Get("hypot_half_bits__none");
        ushort[] expected = c.Expected.AsSpan<ushort>().ToArray();
        var x = new byte[65536];
        var y = new byte[65536];
        for (int i = 0; i < 65536; i++)
        {
            x[i] = (byte)(i >> 8); // meshgrid(indexing='ij'): row = x, column = y
            y[i] = (byte)i;
        }

        var h = new Half[65536];
        TutorialExact.Hypot(new ReadOnlyImageSpan<byte>(x, 256, 256), new ReadOnlyImageSpan<byte>(y, 256, 256), new ImageSpan<Half>(h, 256, 256));
        for (int i = 0; i < 65536; i++)
        {
            Assert.True(expected[i] == BitConverter.HalfToUInt16Bits(h[i]), $"hypot({x[i]}, {y[i]}) = {h[i]}, numpy {BitConverter.UInt16BitsToHalf(expected[i])}");
        }

        Assert.Equal((Half)360.5f, TutorialExact.Max(new ReadOnlyImageSpan<Half>(h, 256, 256)));
    }

    [Fact]
    public void Hypot_of_uint8_sobel_outputs_matches_numpy()
    {
        // The tutorial's np.hypot(sobel(img, 0), sobel(img, 1)) on scipy's wrapped uint8 Sobel outputs.
        GoldenCase c = IntensityGolden.Get("hypot_half_bits__sobel0_xray_64x64__other-sobel1_xray_64x64");
        NpyArray x = IntensityGolden.Input(c.InputName);
        NpyArray y = IntensityGolden.Input(c.String("other", ""));
        (int height, int width) = x.Shape2D;
        var h = new Half[width * height];
        TutorialExact.Hypot(new ReadOnlyImageSpan<byte>(x.AsSpan<byte>(), width, height), new ReadOnlyImageSpan<byte>(y.AsSpan<byte>(), width, height), new ImageSpan<Half>(h, width, height));
        Assert.Equal(c.Expected.AsSpan<ushort>().ToArray(), h.Select(BitConverter.HalfToUInt16Bits).ToArray());
    }

    [Theory]
    [MemberData(nameof(ScaleCases))]
    public void Scaling_matches_numpy_float16(string id)
    {
        GoldenCase c = IntensityGolden.Get(id);
        NpyArray input = IntensityGolden.Input(c.InputName);
        (int height, int width) = input.Shape2D;
        Half[] h = input.AsSpan<ushort>().ToArray().Select(BitConverter.UInt16BitsToHalf).ToArray();
        var image = new ImageSpan<Half>(h, width, height);
        if (c.Op == "scale_to_max_half_bits")
        {
            TutorialExact.ScaleToMax(image);
        }
        else
        {
            TutorialExact.Scale(image, c.Double("factor", double.NaN));
        }

        ushort[] expected = c.Expected.AsSpan<ushort>().ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Half want = BitConverter.UInt16BitsToHalf(expected[i]);
            bool same = Half.IsNaN(want) ? Half.IsNaN(h[i]) : expected[i] == BitConverter.HalfToUInt16Bits(h[i]);
            Assert.True(same, $"{id} element {i}: {h[i]}, numpy {want}");
        }
    }

    [Fact]
    public void Scale_to_max_is_not_always_exactly_255()
    {
        // ndimage-semantics §12: the scale is rounded to float16, so the maximum after scaling can miss 255.
        Half[] h = [(Half)360.5f, (Half)1f];
        double scale = TutorialExact.ScaleToMax(new ImageSpan<Half>(h, 2, 1));
        Assert.Equal(255.0 / 360.5, scale);
        Assert.Equal((Half)((float)(Half)360.5f * (float)(Half)(255.0 / 360.5)), h[0]);
    }
}

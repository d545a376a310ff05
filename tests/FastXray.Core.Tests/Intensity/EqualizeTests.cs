using FastXray.Imaging.Npy;
using FastXray.Intensity;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Intensity;

public class EqualizeTests
{
    public static TheoryData<string> CdfCases => IntensityGolden.Ids("equalize");

    public static TheoryData<string> OpenCvCases => IntensityGolden.Ids("equalize_opencv");

    [Theory]
    [MemberData(nameof(CdfCases))]
    public void Cdf_matches_the_tutorial_recipe(string id)
    {
        GoldenCase c = IntensityGolden.Get(id);
        NpyArray input = IntensityGolden.Input(c.InputName);
        double[] expected = c.Expected.ToDoubleArray();
        (int h, int w) = input.Shape2D;
        if (input.DType == NpyDType.UInt8)
        {
            foreach ((byte[] data, int stride) in IntensityGolden.Layouts<byte>(input, 9))
            {
                float[] output = new float[data.Length];
                Equalize.Cdf(new ReadOnlyImageSpan<byte>(data, w, h, stride), new ImageSpan<float>(output, w, h, stride));
                AssertFloat32OfFloat64(expected, IntensityGolden.Dense<float>(output, w, h, stride), id);
            }
        }
        else
        {
            int bins = c.Int("bins", Equalize.DefaultBins16);
            foreach ((ushort[] data, int stride) in IntensityGolden.Layouts<ushort>(input, 9))
            {
                float[] output = new float[data.Length];
                Equalize.Cdf(new ReadOnlyImageSpan<ushort>(data, w, h, stride), new ImageSpan<float>(output, w, h, stride), bins);
                AssertFloat32OfFloat64(expected, IntensityGolden.Dense<float>(output, w, h, stride), id);
            }
        }
    }

    /// <summary>The table is computed in float64 like NumPy and rounded once: equal to float32(NumPy), within the 1e-4 rule trivially.</summary>
    private static void AssertFloat32OfFloat64(double[] expected, float[] actual, string what)
    {
        Approx.Equal(expected, actual, 1e-4, what);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal((float)expected[i], actual[i]);
        }
    }

    [Theory]
    [MemberData(nameof(OpenCvCases))]
    public void OpenCv_matches_cv2_equalizeHist_exactly(string id)
    {
        GoldenCase c = IntensityGolden.Get(id);
        NpyArray input = IntensityGolden.Input(c.InputName);
        byte[] expected = c.Expected.AsSpan<byte>().ToArray();
        (int h, int w) = input.Shape2D;
        if (input.DType == NpyDType.UInt8)
        {
            foreach ((byte[] data, int stride) in IntensityGolden.Layouts<byte>(input, 9))
            {
                byte[] output = new byte[data.Length];
                Equalize.OpenCv(new ReadOnlyImageSpan<byte>(data, w, h, stride), new ImageSpan<byte>(output, w, h, stride));
                Assert.Equal(expected, IntensityGolden.Dense<byte>(output, w, h, stride));

                // In place, as cv2.equalizeHist(img, dst=img) allows.
                Equalize.OpenCv(new ReadOnlyImageSpan<byte>(data, w, h, stride), new ImageSpan<byte>(data, w, h, stride));
                Assert.Equal(expected, IntensityGolden.Dense<byte>(data, w, h, stride));
            }
        }
        else
        {
            int bins = c.Int("bins", Equalize.DefaultBins16);
            foreach ((ushort[] data, int stride) in IntensityGolden.Layouts<ushort>(input, 9))
            {
                byte[] output = new byte[data.Length];
                Equalize.OpenCv(new ReadOnlyImageSpan<ushort>(data, w, h, stride), new ImageSpan<byte>(output, w, h, stride), bins);
                Assert.Equal(expected, IntensityGolden.Dense<byte>(output, w, h, stride));
            }
        }
    }

    [Fact]
    public void Bins_below_one_throw()
    {
        ushort[] data = [1, 2];
        Assert.Throws<ArgumentOutOfRangeException>(() => Equalize.Cdf(new ReadOnlyImageSpan<ushort>(data, 2, 1), new ImageSpan<float>(new float[2], 2, 1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Equalize.OpenCv(new ReadOnlyImageSpan<ushort>(data, 2, 1), new ImageSpan<byte>(new byte[2], 2, 1), -3));
    }

    [Fact]
    public void Mismatched_destination_throws()
    {
        Assert.Throws<ArgumentException>(() => Equalize.Cdf(new ReadOnlyImageSpan<byte>(new byte[6], 3, 2), new ImageSpan<float>(new float[6], 2, 3)));
    }
}

using FastXray.Imaging.Npy;
using FastXray.Tests;
using FastXray.Tutorial;
using Xunit;

namespace FastXray.Core.Tests.Tutorial;

/// <summary>The tutorial's uint8 panels (wrapped LoG, gradient magnitude, Sobel) against scipy's own arrays, bit for bit.</summary>
public sealed class ScipyUInt8FiltersTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (GoldenCase c in GoldenCase.Load("tutorial").Where(c => c.Op is "laplace_gaussian" or "gaussian_gradient" or "sobel_axis0" or "sobel_axis1"))
        {
            data.Add(c.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_scipy_uint8_output(string id)
    {
        GoldenCase c = GoldenCase.Get("tutorial", id);
        NpyArray input = c.Input;
        (int h, int w) = input.Shape2D;
        byte[] actual = new byte[w * h];
        ReadOnlySpan<byte> src = input.AsSpan<byte>();
        switch (c.Op)
        {
            case "laplace_gaussian": ScipyUInt8Filters.GaussianLaplace(src, actual, w, h, 1.0); break;
            case "gaussian_gradient": ScipyUInt8Filters.GaussianGradientMagnitude(src, actual, w, h, 2.0); break;
            case "sobel_axis0": ScipyUInt8Filters.Sobel(src, actual, w, h, 0); break;
            default: ScipyUInt8Filters.Sobel(src, actual, w, h, 1); break;
        }

        Assert.Equal(c.Expected.AsSpan<byte>().ToArray(), actual);
    }
}

/// <summary>The tutorial's float panels in --exact mode: Sobel (float16 hypot and scale) and "Canny" (float64).</summary>
public sealed class TutorialExactPanelsTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (GoldenCase c in GoldenCase.Load("tutorial").Where(c => c.Op == "canny"))
        {
            data.Add(c.InputName);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Sobel_panel_equals_numpy_float16(string input)
    {
        GoldenCase c = GoldenCase.Load("tutorial").Single(k => k.Op == "sobel" && k.InputName == input);
        (int h, int w) = c.Input.Shape2D;
        byte[] x = new byte[w * h];
        byte[] y = new byte[w * h];
        ScipyUInt8Filters.Sobel(c.Input.AsSpan<byte>(), x, w, h, 0);
        ScipyUInt8Filters.Sobel(c.Input.AsSpan<byte>(), y, w, h, 1);
        var panel = new Half[w * h];
        var image = new ImageSpan<Half>(panel, w, h);
        FastXray.Intensity.TutorialExact.Hypot(new ReadOnlyImageSpan<byte>(x, w, h), new ReadOnlyImageSpan<byte>(y, w, h), image);
        FastXray.Intensity.TutorialExact.ScaleToMax(image);
        Assert.Equal(FastXray.Imaging.Npy.NpyDType.Float16, c.Expected.DType);
        Assert.Equal(c.Expected.AsSpan<Half>().ToArray(), panel);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Canny_panel_equals_scipy_float64(string input)
    {
        GoldenCase c = GoldenCase.Load("tutorial").Single(k => k.Op == "canny" && k.InputName == input);
        (int h, int w) = c.Input.Shape2D;
        double[] actual = new double[w * h];
        TutorialCanny64.Compute(c.Input.AsSpan<byte>(), actual, w, h);
        double[] expected = c.Expected.ToDoubleArray();

        // float64 throughout; np.hypot (glibc) and double.Hypot may differ in the last bit.
        Approx.Equal(expected, actual, 1e-9, c.Id);
    }
}

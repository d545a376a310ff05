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

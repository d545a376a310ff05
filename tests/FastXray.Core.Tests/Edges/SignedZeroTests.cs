using FastXray.Edges;
using Xunit;

namespace FastXray.Core.Tests.Edges;

/// <summary>
/// scipy's antisymmetric correlation starts from <c>x0 · w_c</c> (w_c = 0), so a flat neighbourhood gives +0.0, not
/// the −0.0 that <c>(a − a) · −1</c> alone gives: equal as numbers, different bytes in a .npy.
/// </summary>
public sealed class SignedZeroTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_flat_image_gives_positive_zeros_along_either_axis_as_scipy(int axis)
    {
        const int w = 37;
        const int h = 11;
        float[] flat = [.. Enumerable.Repeat(7f, w * h)];
        float[] sobel = new float[w * h];
        float[] prewitt = new float[w * h];
        Sobel.Apply(new ReadOnlyImageSpan<float>(flat, w, h), new ImageSpan<float>(sobel, w, h), axis);
        Prewitt.Apply(new ReadOnlyImageSpan<float>(flat, w, h), new ImageSpan<float>(prewitt, w, h), axis);
        Assert.All(sobel, v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
        Assert.All(prewitt, v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
    }
}

using FastXray.Imaging.Figures;
using FastXray.Imaging.Tests.Gif;
using Xunit;

namespace FastXray.Imaging.Tests.Figures;

public class AreaResizeTests
{
    [Fact]
    public void SameSize_Copies()
    {
        byte[] src = GifTestImages.Noise(13 * 7 * 3, 1);
        var dst = new byte[src.Length];
        AreaResize.Downscale(src, 13, 7, dst, 13, 7);
        Assert.Equal(src, dst);
    }

    [Fact]
    public void HalfSize_IsTheRoundedMeanOfEach2x2Block()
    {
        const int W = 18, H = 10;
        byte[] src = GifTestImages.Noise(W * H * 3, 2);
        var dst = new byte[W / 2 * H / 2 * 3];
        AreaResize.Downscale(src, W, H, dst, W / 2, H / 2);
        for (int y = 0; y < H / 2; y++)
        {
            for (int x = 0; x < W / 2; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    int sum = src[((((2 * y) * W) + (2 * x)) * 3) + c] + src[((((2 * y) * W) + (2 * x) + 1) * 3) + c]
                        + src[((((2 * y) + 1) * W + (2 * x)) * 3) + c] + src[((((2 * y) + 1) * W + (2 * x) + 1) * 3) + c];
                    Assert.Equal((sum + 2) / 4, dst[((y * (W / 2)) + x) * 3 + c]);
                }
            }
        }
    }

    [Theory]
    [InlineData(37, 23, 10, 7)]
    [InlineData(100, 3, 7, 2)]
    [InlineData(5, 5, 1, 1)]
    [InlineData(1024, 1024, 341, 341)]
    public void FlatImage_StaysFlat_AndMeansArePreserved(int sw, int sh, int dw, int dh)
    {
        byte[] flat = Enumerable.Repeat((byte)255, sw * sh * 3).ToArray();
        var dst = new byte[dw * dh * 3];
        AreaResize.Downscale(flat, sw, sh, dst, dw, dh);
        Assert.All(dst, v => Assert.Equal(255, v));

        byte[] noise = GifTestImages.Noise(sw * sh * 3, 5);
        AreaResize.Downscale(noise, sw, sh, dst, dw, dh);
        double before = noise.Average(b => (double)b), after = dst.Average(b => (double)b);
        Assert.True(Math.Abs(before - after) < 0.75, $"mean {before:F2} -> {after:F2}");
    }

    [Fact]
    public void Fit_KeepsAspectAndNeverEnlarges()
    {
        Assert.Equal((50, 25), AreaResize.Fit(200, 100, 50, 50));
        Assert.Equal((30, 20), AreaResize.Fit(30, 20, 64, 64));
        Assert.Equal((10, 1), AreaResize.Fit(1000, 1, 10, 10));
        Assert.Throws<ArgumentException>(() => AreaResize.Downscale(new byte[12], 2, 2, new byte[27], 3, 3));
    }
}

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

    [Theory]
    [InlineData(1024, 1024, 256, 256)]
    [InlineData(37, 23, 10, 7)]
    [InlineData(100, 3, 33, 2)]
    [InlineData(5, 5, 5, 5)]
    public void Precomputed_taps_equal_the_per_pixel_rule(int sw, int sh, int w, int h)
    {
        // The documented rule evaluated directly for every output pixel (weights recomputed each time).
        var random = new Random(sw + sh + w + h);
        var source = new byte[sw * sh * 3];
        random.NextBytes(source);
        var got = new byte[w * h * 3];
        AreaResize.Downscale(source, sw, sh, got, w, h);

        double sx = (double)sw / w, sy = (double)sh / h;
        var rows = new float[sh * w * 3];
        for (int y = 0; y < sh; y++)
        {
            for (int x = 0; x < w; x++)
            {
                double x0 = x * sx, x1 = (x + 1) * sx;
                for (int c = 0; c < 3; c++)
                {
                    float acc = 0;
                    for (int s = (int)x0; s < sw && s < x1; s++)
                    {
                        acc += (float)((Math.Min(x1, s + 1) - Math.Max(x0, s)) / (x1 - x0)) * source[(((y * sw) + s) * 3) + c];
                    }

                    rows[(((y * w) + x) * 3) + c] = acc;
                }
            }
        }

        for (int y = 0; y < h; y++)
        {
            double y0 = y * sy, y1 = (y + 1) * sy;
            for (int i = 0; i < w * 3; i++)
            {
                float acc = 0;
                for (int r = (int)y0; r < sh && r < y1; r++)
                {
                    acc += (float)((Math.Min(y1, r + 1) - Math.Max(y0, r)) / sy) * rows[(r * w * 3) + i];
                }

                Assert.Equal((byte)Math.Clamp((int)(acc + 0.5f), 0, 255), got[(y * w * 3) + i]);
            }
        }
    }

    [Fact]
    public void Indexed_source_equals_shrinking_the_expanded_rgb()
    {
        var random = new Random(12);
        const int SW = 33, SH = 21;
        var palette = new byte[5 * 3];
        random.NextBytes(palette);
        byte[] indices = Enumerable.Range(0, SW * SH).Select(_ => (byte)random.Next(5)).ToArray();
        byte[] rgb = indices.SelectMany(i => palette.Skip(i * 3).Take(3)).ToArray();
        foreach ((int w, int h) in new[] { (33, 21), (10, 7), (4, 20), (1, 1) })
        {
            var want = new byte[w * h * 3];
            var got = new byte[w * h * 3];
            AreaResize.Downscale(rgb, SW, SH, want, w, h);
            AreaResize.DownscaleIndexed(indices, palette, SW, SH, got, w, h);
            Assert.Equal(want, got);
        }

        indices[7] = 5;
        Assert.Throws<ArgumentException>(() => AreaResize.DownscaleIndexed(indices, palette, SW, SH, new byte[30], 2, 5));
        Assert.Throws<ArgumentException>(() => AreaResize.DownscaleIndexed(indices, new byte[14], SW, SH, new byte[30], 2, 5));
    }
}

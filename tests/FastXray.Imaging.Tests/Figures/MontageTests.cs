using FastXray.Imaging.Figures;
using FastXray.Imaging.Tests.Gif;
using Xunit;

namespace FastXray.Imaging.Tests.Figures;

public class MontageTests
{
    [Fact]
    public void NinePanels_ThreeColumns_HaveTheDocumentedSize()
    {
        Panel[] panels = Enumerable.Range(0, 9).Select(i => Solid(40, 30, (byte)(i * 20), $"panel {i}")).ToArray();

        RgbImage m = Montage.Compose(panels, 3, titles: true);

        int band = (BitmapFont.LineHeight * 2) + 4;
        Assert.Equal((2 * 10) + (3 * 40) + (2 * 10), m.Width);
        Assert.Equal((2 * 10) + (3 * (band + 30)) + (2 * 10), m.Height);
        Assert.Equal(m.Width * m.Height * 3, m.Pixels.Length);

        RgbImage plain = Montage.Compose(panels, 3, titles: false);
        Assert.Equal(m.Height - (3 * band), plain.Height);
    }

    [Fact]
    public void Panels_ArePlacedExactlyAndCentredInTheirTiles()
    {
        byte[] noise = GifTestImages.Noise(20 * 10 * 3, 3);
        Panel big = new(noise, 20, 10, "big");
        Panel small = Solid(6, 4, 77, "small");
        var options = new MontageOptions { Margin = 5, Gap = 3 };

        RgbImage m = Montage.Compose([big, small], 2, titles: false, options);

        Assert.Equal(5 + 20 + 3 + 20 + 5, m.Width);
        Assert.Equal(5 + 10 + 5, m.Height);
        for (int y = 0; y < 10; y++)
        {
            for (int x = 0; x < 20; x++)
            {
                int o = ((y * 20) + x) * 3;
                Assert.Equal(new Rgb(noise[o], noise[o + 1], noise[o + 2]), m[5 + x, 5 + y]);
            }
        }

        // The 6x4 panel sits at ((20 - 6) / 2, (10 - 4) / 2) inside the second tile; the rest is background.
        int left = 5 + 20 + 3;
        Assert.Equal(new Rgb(77, 77, 77), m[left + 7, 5 + 3]);
        Assert.Equal(new Rgb(77, 77, 77), m[left + 12, 5 + 6]);
        Assert.Equal(Rgb.White, m[left + 6, 5 + 3]);
        Assert.Equal(Rgb.White, m[left + 13, 5 + 3]);
        Assert.Equal(Rgb.White, m[left + 7, 5 + 2]);
        Assert.Equal(Rgb.White, m[left + 7, 5 + 7]);
    }

    [Fact]
    public void Titles_DrawTextAboveEachTile()
    {
        Panel[] panels = [Solid(60, 20, 200, "Original"), Solid(60, 20, 200, null), Solid(60, 20, 200, "")];
        RgbImage m = Montage.Compose(panels, 3, titles: true);
        int band = (BitmapFont.LineHeight * 2) + 4;
        Assert.True(CountInk(m, 10, 10, 60, band) > 40, "no title pixels");
        Assert.Equal(0, CountInk(m, 10 + 70, 10, 60, band));
        Assert.Equal(0, CountInk(m, 10 + 140, 10, 60, band));

        RgbImage none = Montage.Compose(panels, 3, titles: false);
        Assert.Equal(0, CountInk(none, 0, 0, none.Width, none.Height));
    }

    [Fact]
    public void LargePanels_AreAreaAveragedIntoTheTile()
    {
        // A 2-pixel checkerboard of 0 and 200 shrunk by 4 averages to 100 everywhere.
        var rgb = new byte[80 * 40 * 3];
        for (int i = 0; i < 80 * 40; i++)
        {
            byte v = (byte)((((i % 80) + (i / 80)) % 2) * 200);
            rgb[i * 3] = rgb[(i * 3) + 1] = rgb[(i * 3) + 2] = v;
        }

        RgbImage m = Montage.Compose([new Panel(rgb, 80, 40)], 1, titles: false, new MontageOptions { TileWidth = 20, TileHeight = 20, Margin = 0 });

        Assert.Equal((20, 20), (m.Width, m.Height));
        for (int x = 0; x < 20; x++)
        {
            Assert.Equal(Rgb.White, m[x, 4]);
            Assert.Equal(new Rgb(100, 100, 100), m[x, 5]);
            Assert.Equal(new Rgb(100, 100, 100), m[x, 14]);
            Assert.Equal(Rgb.White, m[x, 15]);
        }
    }

    [Fact]
    public void Compose_IsDeterministic()
    {
        Panel[] panels = Enumerable.Range(0, 5).Select(i => new Panel(GifTestImages.Noise(33 * 17 * 3, (uint)i + 1), 33, 17, $"#{i}: x=1.5")).ToArray();
        var options = new MontageOptions { TileWidth = 16, TileHeight = 16 };
        Assert.Equal(Montage.Compose(panels, 2, true, options).Pixels, Montage.Compose(panels, 2, true, options).Pixels);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Panel p = Solid(2, 2, 1, "t");
        Assert.Throws<ArgumentException>(() => Montage.Compose([], 1, true));
        Assert.Throws<ArgumentException>(() => Montage.Compose([p], 0, true));
        Assert.Throws<ArgumentException>(() => Montage.Compose([p], 1, true, new MontageOptions { TitleScale = 0 }));
        Assert.Throws<ArgumentException>(() => Montage.Compose([p], 1, true, new MontageOptions { TileWidth = 0 }));
        Assert.Throws<ArgumentException>(() => new Panel(new byte[11], 2, 2));
        Assert.Throws<ArgumentException>(() => Panel.FromGray(new byte[3], 2, 2));
        Assert.Equal(4, Montage.Compose([p], 5, false, new MontageOptions { Margin = 1 }).Width);
    }

    [Fact]
    public void FromGray_RepeatsTheSample()
    {
        Panel p = Panel.FromGray([0, 128, 255], 3, 1, "g");
        Assert.Equal(new byte[] { 0, 0, 0, 128, 128, 128, 255, 255, 255 }, p.Rgb.ToArray());
        Assert.Equal("g", p.Title);
    }

    private static Panel Solid(int w, int h, byte v, string? title) => new(Enumerable.Repeat(v, w * h * 3).ToArray(), w, h, title);

    private static int CountInk(RgbImage m, int x0, int y0, int w, int h)
    {
        int n = 0;
        for (int y = y0; y < y0 + h; y++)
        {
            for (int x = x0; x < x0 + w; x++)
            {
                n += m[x, y] == Rgb.Black ? 1 : 0;
            }
        }

        return n;
    }
}

using FastXray.Imaging.Figures;
using Xunit;

namespace FastXray.Imaging.Tests.Figures;

public class BitmapFontTests
{
    [Fact]
    public void EveryPrintableCharacter_HasDistinctInk()
    {
        var seen = new Dictionary<string, char>();
        for (char c = '!'; c <= '~'; c++)
        {
            ReadOnlySpan<byte> g = BitmapFont.Glyph(c);
            Assert.Equal(BitmapFont.GlyphHeight, g.Length);
            Assert.True(g.ToArray().Any(r => r != 0), $"'{c}' has no ink");
            Assert.All(g.ToArray(), r => Assert.True(r < 32, $"'{c}' is wider than 5 columns"));
            string key = Convert.ToHexString(g);
            Assert.False(seen.ContainsKey(key), $"'{c}' looks like '{(seen.TryGetValue(key, out char o) ? o : ' ')}'");
            seen[key] = c;
        }

        Assert.All(BitmapFont.Glyph(' ').ToArray(), r => Assert.Equal(0, r));
        Assert.Equal(BitmapFont.Glyph('?').ToArray(), BitmapFont.Glyph('é').ToArray());
    }

    [Fact]
    public void Draw_PutsTheGlyphPixelsAtScale()
    {
        var image = new RgbImage(20, 20, Rgb.White);
        BitmapFont.Draw(image, "A", 3, 2, Rgb.Black, scale: 2);
        ReadOnlySpan<byte> glyph = BitmapFont.Glyph('A');
        for (int y = 0; y < 20; y++)
        {
            for (int x = 0; x < 20; x++)
            {
                int gx = (x - 3) / 2, gy = (y - 2) / 2;
                bool ink = x >= 3 && y >= 2 && gx < 5 && gy < BitmapFont.GlyphHeight && (glyph[gy] & (0x10 >> gx)) != 0;
                Assert.Equal(ink ? Rgb.Black : Rgb.White, image[x, y]);
            }
        }
    }

    [Fact]
    public void Draw_ClipsAtTheEdges()
    {
        var image = new RgbImage(8, 5, Rgb.White);
        BitmapFont.Draw(image, "Hello, world", -4, -3, Rgb.Black, 3);
        BitmapFont.Draw(image, "xyz", 6, 4, Rgb.Black);
        BitmapFont.Draw(image, "Hello", 1000, -1000, Rgb.Black);
        Assert.All(Enumerable.Range(0, 40), i => Assert.Equal(Rgb.White, image[i % 8, i / 8]));
        BitmapFont.Draw(image, "Hello", -2, -1, Rgb.Black);
        Assert.Contains(Enumerable.Range(0, 40), i => image[i % 8, i / 8] == Rgb.Black);
        Assert.Throws<ArgumentException>(() => BitmapFont.Draw(image, "a", 0, 0, Rgb.Black, 0));
    }

    [Fact]
    public void Measure_And_Fit()
    {
        Assert.Equal(0, BitmapFont.MeasureWidth(""));
        Assert.Equal(5, BitmapFont.MeasureWidth("a"));
        Assert.Equal(34, BitmapFont.MeasureWidth("abc", 2));
        Assert.Equal(18, BitmapFont.MeasureHeight(2));
        Assert.Equal("short", BitmapFont.Fit("short", 100, 1));
        string fitted = BitmapFont.Fit("a rather long title for a small tile", 60, 1);
        Assert.EndsWith("...", fitted, StringComparison.Ordinal);
        Assert.True(BitmapFont.MeasureWidth(fitted) <= 60);
        Assert.Equal("", BitmapFont.Fit("long title", 10, 2));
    }
}

using FastXray.Cli.Pipeline;
using FastXray.Color;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Cli.Tests.Pipeline;

/// <summary>Panel PNGs decode to exactly the colours <see cref="PanelWriter.Render"/> gives, whatever encoding they use.</summary>
public sealed class PanelWriterTests
{
    public static TheoryData<string> Maps() => new(Colormap.Names);

    [Theory]
    [MemberData(nameof(Maps))]
    public void EncodePng_DecodesToRender(string map)
    {
        float[] values = Panel(33, 21, nan: false);
        var panel = new ReadOnlyImageSpan<float>(values, 33, 21);
        PngImage png = PngDecoder.Decode(PanelWriter.EncodePng(panel, map));

        // Grey is one channel, every other colormap a palette image over the colormap's table.
        Assert.Equal(map == "gray" ? PngColorType.Gray : PngColorType.Palette, png.ColorType);
        Assert.Equal(Render(panel, map, png.ColorType == PngColorType.Gray), png.Pixels8);
    }

    [Fact]
    public void PanelWithNaN_IsWrittenAsRgb_WithTheBadColour()
    {
        float[] values = Panel(20, 10, nan: true);
        var panel = new ReadOnlyImageSpan<float>(values, 20, 10);
        PngImage hot = PngDecoder.Decode(PanelWriter.EncodePng(panel, "hot"));
        Assert.Equal(PngColorType.Rgb, hot.ColorType);
        Assert.Equal(PanelWriter.Render(panel, "hot"), hot.Pixels8);

        PngImage gray = PngDecoder.Decode(PanelWriter.EncodePng(panel, "gray"));
        Assert.Equal(Render(panel, "gray", grey: true), gray.Pixels8);
        Assert.Equal(0, gray.Pixels8![3]);
    }

    [Fact]
    public void QuantizedPanel_EveryColormapEqualsItsOwnEncode()
    {
        float[] values = Panel(40, 9, nan: false);
        var panel = new ReadOnlyImageSpan<float>(values, 40, 9);
        var shared = new QuantizedPanel(panel, Colormap.AutoRange(panel));
        foreach (string map in new[] { "prism", "gray", "nipy_spectral", "terrain", "gray" })
        {
            Assert.Equal(PanelWriter.EncodePng(panel, map), shared.EncodePng(panel, map));
        }

        shared.Release();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void QuantizedPanel_Render_EqualsRender_ForEveryColormap(bool nan)
    {
        float[] values = Panel(31, 7, nan);
        var panel = new ReadOnlyImageSpan<float>(values, 31, 7);
        QuantizedPanel quantized = QuantizedPanel.Of(panel);
        Assert.Equal(!nan, quantized.Complete);
        foreach (string map in Colormap.Names)
        {
            Assert.Equal(PanelWriter.Render(panel, map), quantized.Render(panel, map));
        }

        quantized.Release();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void QuantizedPanel_RenderTile_EqualsShrinkingTheRendering(bool nan)
    {
        float[] values = Panel(45, 30, nan);
        var panel = new ReadOnlyImageSpan<float>(values, 45, 30);
        QuantizedPanel quantized = QuantizedPanel.Of(panel);
        foreach (string map in new[] { "gray", "prism", "nipy_spectral" })
        {
            foreach ((int w, int h) in new[] { (45, 30), (16, 11), (7, 30), (1, 1) })
            {
                var want = new byte[w * h * 3];
                FastXray.Imaging.Figures.AreaResize.Downscale(PanelWriter.Render(panel, map), 45, 30, want, w, h);
                Assert.Equal(want, quantized.RenderTile(panel, map, w, h));
            }
        }

        quantized.Release();
    }

    [Fact]
    public void PixelPool_ReturnsExactLengths_AndReusesReturnedArrays()
    {
        float[] a = PixelPool.RentFloats(12345);
        Assert.Equal(12345, a.Length);
        PixelPool.Return(a);
        Assert.Same(a, PixelPool.RentFloats(12345));
        Assert.Equal(777, PixelPool.RentBytes(777).Length);
        PixelPool.Return((byte[]?)null);
        PixelPool.Return(Array.Empty<float>());
        Assert.Empty(PixelPool.RentFloats(0));
    }

    private static float[] Panel(int w, int h, bool nan)
    {
        var random = new Random(w * h);
        float[] values = Enumerable.Range(0, w * h).Select(_ => (float)((random.NextDouble() * 500) - 100)).ToArray();
        values[5] = float.PositiveInfinity;
        values[6] = float.NegativeInfinity;
        if (nan)
        {
            values[3] = float.NaN;
        }

        return values;
    }

    private static byte[] Render(ReadOnlyImageSpan<float> panel, string map, bool grey)
    {
        byte[] rgb = PanelWriter.Render(panel, map);
        return grey ? Enumerable.Range(0, rgb.Length / 3).Select(i => rgb[i * 3]).ToArray() : rgb;
    }
}

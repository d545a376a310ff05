using FastXray.Color;
using FastXray.Imaging.Png;

namespace FastXray.Cli.Pipeline;

/// <summary>
/// Renders a float panel as Matplotlib's <c>imshow(panel, cmap)</c> shows it: the colormap over the panel's
/// own range (vmin = min, vmax = max of the finite values), as RGB pixels or a PNG file.
/// </summary>
internal static class PanelWriter
{
    /// <summary>RGB bytes of <paramref name="panel"/> through <paramref name="colormap"/>, autoscaled.</summary>
    /// <param name="panel">The values.</param>
    /// <param name="colormap">A Matplotlib colormap name.</param>
    /// <param name="range">The panel's <see cref="Colormap.AutoRange"/> when the caller has it (one pass saved per colormap).</param>
    public static byte[] Render(ReadOnlyImageSpan<float> panel, string colormap, (double Min, double Max)? range = null)
    {
        Colormap map = Colormap.Get(colormap);
        (double min, double max) = range ?? Colormap.AutoRange(panel);
        var rgb = new byte[panel.Width * panel.Height * 3];
        map.Apply(panel, rgb, min, max);
        return rgb;
    }

    /// <summary>The grey levels of <see cref="Render"/> with the "gray" colormap (its red channel), one byte a pixel.</summary>
    public static byte[] RenderGray(ReadOnlyImageSpan<float> panel, (double Min, double Max)? range = null)
    {
        (double min, double max) = range ?? Colormap.AutoRange(panel);
        var gray = new byte[panel.Width * panel.Height];
        Colormap.Get("gray").ApplyChannel(panel, gray, 0, min, max);
        return gray;
    }

    /// <summary>The rendered panel as PNG bytes; a grey colormap is written as a one-channel PNG (same pixels, a third of the size).</summary>
    public static byte[] EncodePng(ReadOnlyImageSpan<float> panel, string colormap, (double Min, double Max)? range = null)
    {
        using var stream = new MemoryStream();
        if (colormap == "gray")
        {
            PngEncoder.Encode(stream, RenderGray(panel, range), panel.Width, panel.Height, PngColorType.Gray);
        }
        else
        {
            PngEncoder.Encode(stream, Render(panel, colormap, range), panel.Width, panel.Height, PngColorType.Rgb);
        }

        return stream.ToArray();
    }

    /// <summary>Writes <see cref="EncodePng"/> to <paramref name="path"/> atomically.</summary>
    public static void WritePng(string path, string display, ReadOnlyImageSpan<float> panel, string colormap) =>
        FileIO.WriteOutput(path, display, EncodePng(panel, colormap));
}

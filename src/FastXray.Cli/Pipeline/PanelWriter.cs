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
    public static byte[] Render(ReadOnlyImageSpan<float> panel, string colormap)
    {
        Colormap map = Colormap.Get(colormap);
        (double min, double max) = Colormap.AutoRange(panel);
        var rgb = new byte[panel.Width * panel.Height * 3];
        map.Apply(panel, rgb, min, max);
        return rgb;
    }

    /// <summary>Writes the rendered panel; a grey colormap is written as a one-channel PNG (same pixels, a third of the size).</summary>
    public static void WritePng(string path, string display, ReadOnlyImageSpan<float> panel, string colormap)
    {
        byte[] rgb = Render(panel, colormap);
        using var stream = new MemoryStream();
        if (colormap == "gray")
        {
            var gray = new byte[panel.Width * panel.Height];
            for (int i = 0; i < gray.Length; i++)
            {
                gray[i] = rgb[3 * i];
            }

            PngEncoder.Encode(stream, gray, panel.Width, panel.Height, PngColorType.Gray);
        }
        else
        {
            PngEncoder.Encode(stream, rgb, panel.Width, panel.Height, PngColorType.Rgb);
        }

        FileIO.WriteOutput(path, display, stream.ToArray());
    }
}

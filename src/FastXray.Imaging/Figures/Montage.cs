using System.Buffers;

namespace FastXray.Imaging.Figures;

/// <summary>Lays panels out in a grid with titles, like a Matplotlib figure of <c>subplots(rows, columns)</c> with <c>set_title</c> and axes off.</summary>
public static class Montage
{
    /// <summary>Composes <paramref name="panels"/> row by row, <paramref name="columns"/> per row, on a white figure.</summary>
    /// <remarks>
    /// Every tile is <c>TileWidth x TileHeight</c> (default: the largest panel's size). A panel larger than the
    /// tile is shrunk by <see cref="AreaResize"/> to fit, keeping its aspect ratio; smaller panels keep their
    /// pixels. Each panel is centred in its tile (as <c>imshow</c> centres an image with equal aspect).
    /// With <paramref name="titles"/>, a band of <c>BitmapFont.LineHeight * TitleScale + 4</c> pixels above each tile holds the
    /// panel's title, centred and shortened with "..." if too wide. Figure size:
    /// <c>2*Margin + columns*TileWidth + (columns-1)*Gap</c> by
    /// <c>2*Margin + rows*(band + TileHeight) + (rows-1)*Gap</c> with <c>rows = ceil(n / columns)</c>;
    /// columns above the panel count are reduced to it.
    /// </remarks>
    public static RgbImage Compose(IReadOnlyList<Panel> panels, int columns, bool titles, MontageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panels);
        options ??= MontageOptions.Default;
        if (panels.Count == 0)
        {
            ThrowHelper.ThrowArgument(nameof(panels), "At least one panel is needed.");
        }

        if (columns < 1)
        {
            ThrowHelper.ThrowArgument(nameof(columns), $"Columns must be at least 1, got {columns}.");
        }

        if (options.Margin < 0 || options.Gap < 0 || options.TitleScale < 1 || options.TileWidth < 1 || options.TileHeight < 1)
        {
            ThrowHelper.ThrowArgument(nameof(options), "Margin and gap must be non-negative, title scale and tile sizes positive.");
        }

        columns = Math.Min(columns, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        int tileW = options.TileWidth ?? panels.Max(p => p.Width);
        int tileH = options.TileHeight ?? panels.Max(p => p.Height);
        int band = titles ? (BitmapFont.LineHeight * options.TitleScale) + 4 : 0;
        long width = (2L * options.Margin) + ((long)columns * tileW) + ((long)(columns - 1) * options.Gap);
        long height = (2L * options.Margin) + ((long)rows * (band + tileH)) + ((long)(rows - 1) * options.Gap);
        if (width * height * 3 > Array.MaxLength)
        {
            ThrowHelper.ThrowArgument(nameof(panels), $"A {width}x{height} figure is too large; set a smaller tile size.");
        }

        var figure = new RgbImage((int)width, (int)height, options.Background);
        for (int i = 0; i < panels.Count; i++)
        {
            Panel panel = panels[i];
            int left = options.Margin + ((i % columns) * (tileW + options.Gap));
            int top = options.Margin + ((i / columns) * (band + tileH + options.Gap));
            (int w, int h) = AreaResize.Fit(panel.Width, panel.Height, tileW, tileH);
            int x = left + ((tileW - w) / 2);
            int y = top + band + ((tileH - h) / 2);
            if (w == panel.Width && h == panel.Height)
            {
                figure.Blit(panel.Rgb.Span, w, h, x, y);
            }
            else
            {
                byte[] scaled = ArrayPool<byte>.Shared.Rent(w * h * 3);
                try
                {
                    AreaResize.Downscale(panel.Rgb.Span, panel.Width, panel.Height, scaled, w, h);
                    figure.Blit(scaled.AsSpan(0, w * h * 3), w, h, x, y);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(scaled);
                }
            }

            if (titles && !string.IsNullOrEmpty(panel.Title))
            {
                string text = BitmapFont.Fit(panel.Title, tileW, options.TitleScale);
                int tx = left + ((tileW - BitmapFont.MeasureWidth(text, options.TitleScale)) / 2);
                BitmapFont.Draw(figure, text, tx, top + 1, options.TextColor, options.TitleScale);
            }
        }

        return figure;
    }
}

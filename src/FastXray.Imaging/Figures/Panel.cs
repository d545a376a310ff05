namespace FastXray.Imaging.Figures;

/// <summary>One image of a <see cref="Montage"/>: RGB pixels (3 bytes per pixel, rows packed), its size and an optional title.</summary>
public sealed class Panel
{
    /// <summary>Wraps RGB pixels; <paramref name="rgb"/> must hold at least <c>width*height*3</c> bytes.</summary>
    public Panel(ReadOnlyMemory<byte> rgb, int width, int height, string? title = null)
    {
        if (width < 1 || height < 1)
        {
            ThrowHelper.ThrowArgument(nameof(width), $"A panel needs at least one pixel, got {width}x{height}.");
        }

        if (rgb.Length < (long)width * height * 3)
        {
            ThrowHelper.ThrowArgument(nameof(rgb), $"A {width}x{height} panel needs {(long)width * height * 3} bytes, got {rgb.Length}.");
        }

        Rgb = rgb;
        Width = width;
        Height = height;
        Title = title;
    }

    /// <summary>The pixels.</summary>
    public ReadOnlyMemory<byte> Rgb { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The title drawn above the tile, if any.</summary>
    public string? Title { get; }

    /// <summary>A panel from 8-bit gray samples (shown as R = G = B, as Matplotlib's 'gray' colormap over 0..255 does up to its table's rounding).</summary>
    public static Panel FromGray(ReadOnlySpan<byte> gray, int width, int height, string? title = null)
    {
        if (width < 1 || height < 1 || gray.Length < (long)width * height)
        {
            ThrowHelper.ThrowArgument(nameof(gray), $"A {width}x{height} gray panel needs {(long)width * height} samples, got {gray.Length}.");
        }

        var rgb = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++)
        {
            rgb[i * 3] = rgb[(i * 3) + 1] = rgb[(i * 3) + 2] = gray[i];
        }

        return new Panel(rgb, width, height, title);
    }

    /// <summary>A panel showing an <see cref="RgbImage"/>.</summary>
    public static Panel FromImage(RgbImage image, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new Panel(image.Pixels, image.Width, image.Height, title);
    }
}

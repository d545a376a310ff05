namespace FastXray.Imaging.Figures;

/// <summary>An 8-bit RGB raster (R G B per pixel, rows packed): what the figure renderers produce.</summary>
public sealed class RgbImage
{
    /// <summary>Wraps <paramref name="pixels"/>, which must hold exactly <c>width*height*3</c> bytes.</summary>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width < 1 || height < 1)
        {
            ThrowHelper.ThrowArgument(nameof(width), $"An image needs at least one pixel, got {width}x{height}.");
        }

        if (pixels.Length != (long)width * height * 3)
        {
            ThrowHelper.ThrowArgument(nameof(pixels), $"A {width}x{height} RGB image needs {(long)width * height * 3} bytes, got {pixels.Length}.");
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Creates an image filled with one colour.</summary>
    public RgbImage(int width, int height, Rgb fill)
        : this(width, height, new byte[checked(width * height * 3)])
    {
        FillRectangle(0, 0, width, height, fill);
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Number of rows.</summary>
    public int Height { get; }

    /// <summary>The samples: <c>Width*Height*3</c> bytes.</summary>
    public byte[] Pixels { get; }

    /// <summary>The colour at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public Rgb this[int x, int y]
    {
        get
        {
            int o = Offset(x, y);
            return new Rgb(Pixels[o], Pixels[o + 1], Pixels[o + 2]);
        }
    }

    /// <summary>Fills the rectangle, clipped to the image.</summary>
    public void FillRectangle(int x, int y, int width, int height, Rgb color)
    {
        int x0 = Math.Max(x, 0), y0 = Math.Max(y, 0);
        int x1 = (int)Math.Min((long)x + width, Width), y1 = (int)Math.Min((long)y + height, Height);
        if (x1 <= x0 || y1 <= y0)
        {
            return;
        }

        // The first row pixel by pixel, the others copied from it (a figure background is most of its pixels).
        Span<byte> first = Pixels.AsSpan(((y0 * Width) + x0) * 3, (x1 - x0) * 3);
        for (int o = 0; o < first.Length; o += 3)
        {
            first[o] = color.R;
            first[o + 1] = color.G;
            first[o + 2] = color.B;
        }

        for (int row = y0 + 1; row < y1; row++)
        {
            first.CopyTo(Pixels.AsSpan(((row * Width) + x0) * 3, first.Length));
        }
    }

    /// <summary>Copies an RGB block of <paramref name="width"/> x <paramref name="height"/> pixels with its top-left at (x, y), clipped.</summary>
    public void Blit(ReadOnlySpan<byte> rgb, int width, int height, int x, int y)
    {
        for (int row = 0; row < height; row++)
        {
            int ty = y + row;
            if (ty < 0 || ty >= Height)
            {
                continue;
            }

            int from = Math.Max(0, -x), to = Math.Min(width, Width - x);
            if (to > from)
            {
                rgb.Slice(((row * width) + from) * 3, (to - from) * 3).CopyTo(Pixels.AsSpan(((ty * Width) + x + from) * 3));
            }
        }
    }

    internal int Offset(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            ThrowHelper.ThrowArgument(nameof(x), $"({x}, {y}) is outside the {Width}x{Height} image.");
        }

        return ((y * Width) + x) * 3;
    }

    internal void Set(int x, int y, Rgb color)
    {
        if ((uint)x < (uint)Width && (uint)y < (uint)Height)
        {
            int o = ((y * Width) + x) * 3;
            Pixels[o] = color.R;
            Pixels[o + 1] = color.G;
            Pixels[o + 2] = color.B;
        }
    }
}

/// <summary>An 8-bit RGB colour.</summary>
/// <param name="R">Red.</param>
/// <param name="G">Green.</param>
/// <param name="B">Blue.</param>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>#FFFFFF, the figure background.</summary>
    public static Rgb White => new(255, 255, 255);

    /// <summary>#000000, text and axes.</summary>
    public static Rgb Black => new(0, 0, 0);

    /// <summary>Matplotlib's first cycle colour C0, #1F77B4, used for histogram bars.</summary>
    public static Rgb MatplotlibBlue => new(0x1F, 0x77, 0xB4);

    /// <summary>The colour as <c>#rrggbb</c>.</summary>
    public string ToHex() => $"#{R:x2}{G:x2}{B:x2}";
}

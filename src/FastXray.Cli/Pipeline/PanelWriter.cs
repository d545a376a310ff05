using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastXray.Color;
using FastXray.Imaging.Figures;
using FastXray.Imaging.Png;

namespace FastXray.Cli.Pipeline;

/// <summary>
/// Renders a float panel as Matplotlib's <c>imshow(panel, cmap)</c> shows it: the colormap over the panel's
/// own range (vmin = min, vmax = max of the finite values), as RGB pixels or a PNG file.
/// </summary>
/// <remarks>
/// PNG files: the "gray" colormap is written as a one-channel grey PNG; any other colormap as an 8-bit palette
/// PNG whose PLTE is the colormap's table and whose pixels are the table entries <see cref="Colormap.Indices"/>
/// picks. Both decode to exactly the RGB pixels of <see cref="Render"/>, from a third of the data. A panel with
/// NaN samples (Matplotlib's "bad" colour, which is not in the table) is written as RGB.
/// </remarks>
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

    /// <summary>The rendered panel as PNG bytes (grey or palette, see the remarks of <see cref="PanelWriter"/>).</summary>
    public static byte[] EncodePng(ReadOnlyImageSpan<float> panel, string colormap, (double Min, double Max)? range = null)
    {
        var quantized = new QuantizedPanel(panel, range ?? Colormap.AutoRange(panel));
        byte[] png = quantized.EncodePng(panel, colormap);
        quantized.Release();
        return png;
    }

    /// <summary>Writes <see cref="EncodePng"/> to <paramref name="path"/> atomically.</summary>
    public static void WritePng(string path, string display, ReadOnlyImageSpan<float> panel, string colormap) =>
        FileIO.WriteOutput(path, display, EncodePng(panel, colormap));
}

/// <summary>
/// A panel quantised once to its colormap table entries, so each further colormap costs a table lookup (grey) or
/// only a new palette around the same compressed pixels: the tutorial draws Sobel and "Canny" three times each.
/// </summary>
/// <remarks>
/// Thread-safe: the shared palette compression is made once, by whichever colormap asks first. The index buffer
/// comes from <see cref="PixelPool"/>; <see cref="Release"/> gives it and the shared compression back once every
/// colormap's file is written.
/// </remarks>
internal sealed class QuantizedPanel
{
    private readonly byte[] _indices;
    private readonly (double Min, double Max) _range;
    private readonly Lazy<PngCompressedImage> _palette;
    private readonly int _width;
    private readonly int _height;

    public QuantizedPanel(ReadOnlyImageSpan<float> panel, (double Min, double Max) range)
    {
        _range = range;
        _indices = PixelPool.RentBytes(panel.Width * panel.Height);
        Complete = Colormap.Indices(panel, _indices, range.Min, range.Max);
        _width = panel.Width;
        _height = panel.Height;
        _palette = new(() => PngCompressedImage.Compress(_indices, _width, _height, PngColorType.Palette));
    }

    /// <summary>True when every pixel has a table entry (no NaN): every colormap is then encoded from the indices alone.</summary>
    public bool Complete { get; }

    /// <summary>The quantisation of <paramref name="panel"/> over its own range (<see cref="Colormap.AutoRange"/>).</summary>
    public static QuantizedPanel Of(ReadOnlyImageSpan<float> panel) => new(panel, Colormap.AutoRange(panel));

    /// <summary>The panel through <paramref name="colormap"/> as PNG bytes; <paramref name="panel"/> is the panel this was made from.</summary>
    public byte[] EncodePng(ReadOnlyImageSpan<float> panel, string colormap)
    {
        using EncodedOutput png = Encode(panel, colormap);
        using var stream = new MemoryStream();
        png.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>The panel through <paramref name="colormap"/> as a PNG to write later (valid until <see cref="Release"/>).</summary>
    /// <param name="panel">The values this was made from; read only when the panel is not <see cref="Complete"/> (its RGB file).</param>
    /// <param name="colormap">A Matplotlib colormap name.</param>
    public EncodedOutput Encode(ReadOnlyImageSpan<float> panel, string colormap)
    {
        Colormap map = Colormap.Get(colormap);
        if (map.Name == "gray")
        {
            // Grey level = the table's red byte; NaN has index 0, whose grey entry is the bad colour's 0.
            byte[] gray = PixelPool.RentBytes(_indices.Length);
            GrayLevels(map.Table, _indices, gray);
            PngCompressedImage png = PngCompressedImage.Compress(gray, _width, _height, PngColorType.Gray);
            PixelPool.Return(gray);
            return EncodedOutput.Of(png, palette: null, owns: true);
        }

        if (Complete)
        {
            return EncodedOutput.Of(_palette.Value, map, owns: false);
        }

        if (panel.Width != _width || panel.Height != _height)
        {
            throw new InvalidOperationException("a panel with NaN samples needs its values for its RGB file");
        }

        using var stream = new MemoryStream();
        PngEncoder.Encode(stream, PanelWriter.Render(panel, colormap, _range), panel.Width, panel.Height, PngColorType.Rgb);
        return EncodedOutput.Of(stream.ToArray());
    }

    /// <summary>
    /// RGB bytes of the panel through <paramref name="colormap"/>, as <see cref="PanelWriter.Render"/> gives them:
    /// a table lookup per pixel from the indices (no per-pixel arithmetic), or <see cref="PanelWriter.Render"/>
    /// itself from <paramref name="panel"/> when the panel has NaN.
    /// </summary>
    public byte[] Render(ReadOnlyImageSpan<float> panel, string colormap)
    {
        if (!Complete)
        {
            return PanelWriter.Render(panel, colormap, _range);
        }

        var rgb = new byte[_width * _height * 3];
        Colormap.Lookup(_indices, Colormap.Get(colormap).Table, rgb);
        return rgb;
    }

    /// <summary>
    /// <see cref="Render"/> area-averaged to <paramref name="width"/> x <paramref name="height"/> (a figure tile):
    /// the same bytes as <see cref="AreaResize.Downscale"/> of the full rendering, made from the indices row by row
    /// without the full-size RGB image.
    /// </summary>
    public byte[] RenderTile(ReadOnlyImageSpan<float> panel, string colormap, int width, int height)
    {
        if (width == _width && height == _height)
        {
            return Render(panel, colormap);
        }

        var tile = new byte[width * height * 3];
        if (Complete)
        {
            AreaResize.DownscaleIndexed(_indices, Colormap.Get(colormap).Table, _width, _height, tile, width, height);
        }
        else
        {
            AreaResize.Downscale(Render(panel, colormap), _width, _height, tile, width, height);
        }

        return tile;
    }

    // gray[i] = the red byte of table entry indices[i], through a 256-byte copy of that column (no bounds checks).
    private static void GrayLevels(ReadOnlySpan<byte> table, ReadOnlySpan<byte> indices, Span<byte> gray)
    {
        Span<byte> levels = stackalloc byte[Colormap.Size];
        for (int k = 0; k < levels.Length; k++)
        {
            levels[k] = table[3 * k];
        }

        ref byte level = ref MemoryMarshal.GetReference(levels);
        ref byte index = ref MemoryMarshal.GetReference(indices);
        ref byte dst = ref MemoryMarshal.GetReference(gray);
        for (nint i = 0; i < indices.Length; i++)
        {
            Unsafe.Add(ref dst, i) = Unsafe.Add(ref level, Unsafe.Add(ref index, i));
        }
    }

    /// <summary>Returns the index buffer to the pool; the panel cannot be encoded afterwards.</summary>
    public void Release()
    {
        PixelPool.Return(_indices);
        if (_palette.IsValueCreated)
        {
            _palette.Value.Dispose();
        }
    }
}

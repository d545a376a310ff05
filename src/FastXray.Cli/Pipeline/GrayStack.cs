using FastXray.Imaging.Figures;
using FastXray.Imaging.Gif;
using FastXray.Imaging.Png;

namespace FastXray.Cli.Pipeline;

/// <summary>
/// Grey frames of one size as the tutorial's animation (<c>imageio.mimwrite</c> of the stacked arrays) and as a
/// titled montage: what <c>stack</c> writes and what <c>tutorial</c> writes for several inputs (progression.gif/png).
/// </summary>
internal static class GrayStack
{
    /// <summary>The first frame whose size differs from the first one's, or -1 when all match.</summary>
    public static int FirstMismatch(IReadOnlyList<GrayInput> frames)
    {
        for (int i = 1; i < frames.Count; i++)
        {
            if (frames[i].Width != frames[0].Width || frames[i].Height != frames[0].Height)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The GIF's 8-bit frames: 8-bit inputs as they are (the exact 256-level palette reads back identical); 16-bit
    /// and float frames min-max scaled to 0..255 over the whole stack, so their relative brightness survives.
    /// </summary>
    public static List<ReadOnlyMemory<byte>> ToBytes(IReadOnlyList<GrayInput> frames)
    {
        if (frames.All(f => f.Pixels8 != null))
        {
            return [.. frames.Select(f => (ReadOnlyMemory<byte>)f.Pixels8!)];
        }

        float[][] values = [.. frames.Select(f => f.ToSingle())];
        float min = values.Min(v => v.Min());
        float max = values.Max(v => v.Max());
        float scale = max > min ? 255f / (max - min) : 0f;
        return [.. values.Select(v => (ReadOnlyMemory<byte>)Array.ConvertAll(v, x => (byte)MathF.Round((x - min) * scale)))];
    }

    /// <summary>Encodes <paramref name="frames"/> (all one size) as a looping animated GIF, written atomically to <paramref name="fullPath"/>.</summary>
    public static void WriteGif(string fullPath, string display, IReadOnlyList<GrayInput> frames, GifOptions options)
    {
        List<ReadOnlyMemory<byte>> bytes = ToBytes(frames);
        FileIO.WriteOutput(fullPath, display, stream => GifEncoder.EncodeGray(stream, bytes, frames[0].Width, frames[0].Height, options));
    }

    /// <summary>
    /// The frames side by side with their titles, each autoscaled like imshow, at most <paramref name="columns"/> per
    /// row; each frame is rendered straight into its tile, one at a time, so the figure costs tiles, not frames.
    /// </summary>
    public static byte[] MontagePng(IReadOnlyList<GrayInput> frames, IReadOnlyList<string> titles, int columns, int tile)
    {
        var panels = new List<Panel>(frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            GrayInput f = frames[i];
            float[] values = PixelPool.RentFloats(f.Width * f.Height);
            QuantizedPanel? quantized = null;
            try
            {
                f.CopyToSingle(values);
                var span = new ReadOnlyImageSpan<float>(values, f.Width, f.Height);
                quantized = QuantizedPanel.Of(span);
                (int tw, int th) = AreaResize.Fit(f.Width, f.Height, tile, tile);
                panels.Add(new Panel(quantized.RenderTile(span, "gray", tw, th), tw, th, titles[i]));
            }
            finally
            {
                quantized?.Release();
                PixelPool.Return(values);
            }
        }

        RgbImage figure = Montage.Compose(panels, columns, titles: true, new MontageOptions { TileWidth = tile, TileHeight = tile });
        using var stream = new MemoryStream();
        PngEncoder.Encode(stream, figure.Pixels, figure.Width, figure.Height, PngColorType.Rgb, PngEncodeOptions.Figure);
        return stream.ToArray();
    }
}

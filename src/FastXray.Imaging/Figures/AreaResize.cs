using System.Buffers;
using FastXray.Color;

namespace FastXray.Imaging.Figures;

/// <summary>Shrinks RGB images by area averaging (each output pixel is the exact mean of the source area it covers).</summary>
/// <remarks>
/// Output pixel x covers source columns <c>[x*sw/dw, (x+1)*sw/dw)</c>; a source pixel partly inside contributes
/// the covered fraction. Rows then columns (separable, float accumulation), rounded half up at the end, so an
/// integer factor k gives the rounded mean of each k x k block and a flat image stays flat. Only shrinking
/// (or copying at the same size) is supported.
/// </remarks>
public static class AreaResize
{
    /// <summary>Resizes <paramref name="source"/> (<paramref name="sourceWidth"/> x <paramref name="sourceHeight"/>) into <paramref name="destination"/> (<paramref name="width"/> x <paramref name="height"/>).</summary>
    public static void Downscale(ReadOnlySpan<byte> source, int sourceWidth, int sourceHeight, Span<byte> destination, int width, int height)
    {
        Validate(sourceWidth, sourceHeight, width, height);
        if (source.Length < (long)sourceWidth * sourceHeight * 3 || destination.Length < (long)width * height * 3)
        {
            ThrowHelper.ThrowArgument(nameof(destination), "Source or destination is too small for its size.");
        }

        Downscale(source, default, default, sourceWidth, sourceHeight, destination, width, height);
    }

    /// <summary>
    /// <see cref="Downscale(ReadOnlySpan{byte}, int, int, Span{byte}, int, int)"/> of the RGB image whose pixel i is
    /// palette entry <c>indices[i]</c> (a colormapped panel), without making that full-size RGB image: each source
    /// row is looked up into a small row buffer just before it is averaged. Same bytes as expanding first.
    /// </summary>
    /// <param name="indices">sourceWidth · sourceHeight palette indices.</param>
    /// <param name="palette">RGB triples covering every index.</param>
    /// <param name="sourceWidth">Source pixels per row.</param>
    /// <param name="sourceHeight">Source rows.</param>
    /// <param name="destination">width · height · 3 bytes.</param>
    /// <param name="width">Output pixels per row (≤ sourceWidth).</param>
    /// <param name="height">Output rows (≤ sourceHeight).</param>
    public static void DownscaleIndexed(ReadOnlySpan<byte> indices, ReadOnlySpan<byte> palette, int sourceWidth, int sourceHeight, Span<byte> destination, int width, int height)
    {
        Validate(sourceWidth, sourceHeight, width, height);
        if (indices.Length < (long)sourceWidth * sourceHeight || destination.Length < (long)width * height * 3)
        {
            ThrowHelper.ThrowArgument(nameof(destination), "Indices or destination is too small for its size.");
        }

        int entries = palette.Length / 3;
        if (palette.Length % 3 != 0 || entries == 0 || (entries < 256 && indices[..(sourceWidth * sourceHeight)].IndexOfAnyInRange((byte)entries, byte.MaxValue) >= 0))
        {
            ThrowHelper.ThrowArgument(nameof(palette), "The palette must be RGB triples covering every index.");
        }

        Downscale(default, indices, palette, sourceWidth, sourceHeight, destination, width, height);
    }

    private static void Validate(int sourceWidth, int sourceHeight, int width, int height)
    {
        if (width < 1 || height < 1 || width > sourceWidth || height > sourceHeight)
        {
            ThrowHelper.ThrowArgument(nameof(width), $"Cannot area-average {sourceWidth}x{sourceHeight} to {width}x{height}; only shrinking is supported.");
        }
    }

    // RGB source, or (when indices is not empty) palette lookups row by row.
    private static void Downscale(ReadOnlySpan<byte> source, ReadOnlySpan<byte> indices, ReadOnlySpan<byte> palette, int sourceWidth, int sourceHeight, Span<byte> destination, int width, int height)
    {

        // Horizontal pass into a float buffer of sourceHeight rows x width pixels. The taps (first source column,
        // count, float weights) depend only on x, so they are computed once per call, in the same double
        // arithmetic and order as per row before, which keeps every sum bit for bit.
        float[] rows = ArrayPool<float>.Shared.Rent(sourceHeight * width * 3);
        float[] column = ArrayPool<float>.Shared.Rent(width * 3);
        int[] first = ArrayPool<int>.Shared.Rent(width + 1);
        float[] weights = ArrayPool<float>.Shared.Rent(sourceWidth + (2 * width));
        byte[]? expanded = indices.IsEmpty ? null : ArrayPool<byte>.Shared.Rent(sourceWidth * 3);
        try
        {
            double sx = (double)sourceWidth / width;
            int taps = 0;
            for (int x = 0; x < width; x++)
            {
                double x0 = x * sx, x1 = (x + 1) * sx;
                first[x] = taps;
                for (int s = (int)x0; s < sourceWidth && s < x1; s++)
                {
                    weights[taps++] = (float)((Math.Min(x1, s + 1) - Math.Max(x0, s)) / (x1 - x0));
                }
            }

            first[width] = taps;
            for (int y = 0; y < sourceHeight; y++)
            {
                ReadOnlySpan<byte> src = expanded is null
                    ? source.Slice(y * sourceWidth * 3, sourceWidth * 3)
                    : Expand(indices.Slice(y * sourceWidth, sourceWidth), palette, expanded);
                Span<float> dst = rows.AsSpan(y * width * 3, width * 3);
                for (int x = 0; x < width; x++)
                {
                    Accumulate(src, (int)(x * sx), weights.AsSpan(first[x], first[x + 1] - first[x]), dst.Slice(x * 3, 3));
                }
            }

            double sy = (double)sourceHeight / height;
            for (int y = 0; y < height; y++)
            {
                double y0 = y * sy, y1 = (y + 1) * sy;
                Span<float> acc = column.AsSpan(0, width * 3);
                acc.Clear();
                for (int r = (int)y0; r < sourceHeight && r < y1; r++)
                {
                    float w = (float)((Math.Min(y1, r + 1) - Math.Max(y0, r)) / sy);
                    ReadOnlySpan<float> line = rows.AsSpan(r * width * 3, width * 3);
                    for (int i = 0; i < acc.Length; i++)
                    {
                        acc[i] += w * line[i];
                    }
                }

                Span<byte> outRow = destination.Slice(y * width * 3, width * 3);
                for (int i = 0; i < acc.Length; i++)
                {
                    outRow[i] = (byte)Math.Clamp((int)(acc[i] + 0.5f), 0, 255);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
            ArrayPool<float>.Shared.Return(column);
            ArrayPool<int>.Shared.Return(first);
            ArrayPool<float>.Shared.Return(weights);
            if (expanded is not null)
            {
                ArrayPool<byte>.Shared.Return(expanded);
            }
        }
    }

    /// <summary>The size that fits <paramref name="width"/> x <paramref name="height"/> inside a box, keeping the aspect ratio and never enlarging.</summary>
    public static (int Width, int Height) Fit(int width, int height, int maxWidth, int maxHeight)
    {
        double s = Math.Min(1.0, Math.Min((double)maxWidth / width, (double)maxHeight / height));
        return (Math.Clamp((int)Math.Round(width * s), 1, width), Math.Clamp((int)Math.Round(height * s), 1, height));
    }

    // One row of palette indices as RGB bytes in `row`.
    private static ReadOnlySpan<byte> Expand(ReadOnlySpan<byte> indices, ReadOnlySpan<byte> palette, byte[] row)
    {
        Span<byte> rgb = row.AsSpan(0, indices.Length * 3);
        Colormap.Lookup(indices, palette, rgb);
        return rgb;
    }

    // One output pixel of the horizontal pass: source pixels start, start+1, ... with their weights.
    private static void Accumulate(ReadOnlySpan<byte> src, int start, ReadOnlySpan<float> weights, Span<float> dst)
    {
        float r = 0, g = 0, b = 0;
        ReadOnlySpan<byte> pixels = src.Slice(start * 3, weights.Length * 3);
        for (int k = 0; k < weights.Length; k++)
        {
            float w = weights[k];
            r += w * pixels[k * 3];
            g += w * pixels[(k * 3) + 1];
            b += w * pixels[(k * 3) + 2];
        }

        dst[0] = r;
        dst[1] = g;
        dst[2] = b;
    }
}

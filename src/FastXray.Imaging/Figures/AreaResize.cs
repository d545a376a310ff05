using System.Buffers;

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
        if (width < 1 || height < 1 || width > sourceWidth || height > sourceHeight)
        {
            ThrowHelper.ThrowArgument(nameof(width), $"Cannot area-average {sourceWidth}x{sourceHeight} to {width}x{height}; only shrinking is supported.");
        }

        if (source.Length < (long)sourceWidth * sourceHeight * 3 || destination.Length < (long)width * height * 3)
        {
            ThrowHelper.ThrowArgument(nameof(destination), "Source or destination is too small for its size.");
        }

        // Horizontal pass into a float buffer of sourceHeight rows x width pixels.
        float[] rows = ArrayPool<float>.Shared.Rent(sourceHeight * width * 3);
        float[] column = ArrayPool<float>.Shared.Rent(width * 3);
        try
        {
            double sx = (double)sourceWidth / width;
            for (int y = 0; y < sourceHeight; y++)
            {
                ReadOnlySpan<byte> src = source.Slice(y * sourceWidth * 3, sourceWidth * 3);
                Span<float> dst = rows.AsSpan(y * width * 3, width * 3);
                for (int x = 0; x < width; x++)
                {
                    Accumulate(src, x * sx, (x + 1) * sx, dst.Slice(x * 3, 3), 3);
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
        }
    }

    /// <summary>The size that fits <paramref name="width"/> x <paramref name="height"/> inside a box, keeping the aspect ratio and never enlarging.</summary>
    public static (int Width, int Height) Fit(int width, int height, int maxWidth, int maxHeight)
    {
        double s = Math.Min(1.0, Math.Min((double)maxWidth / width, (double)maxHeight / height));
        return (Math.Clamp((int)Math.Round(width * s), 1, width), Math.Clamp((int)Math.Round(height * s), 1, height));
    }

    private static void Accumulate(ReadOnlySpan<byte> src, double x0, double x1, Span<float> dst, int channels)
    {
        double span = x1 - x0;
        float r = 0, g = 0, b = 0;
        int last = src.Length / channels;
        for (int s = (int)x0; s < last && s < x1; s++)
        {
            float w = (float)((Math.Min(x1, s + 1) - Math.Max(x0, s)) / span);
            r += w * src[s * 3];
            g += w * src[(s * 3) + 1];
            b += w * src[(s * 3) + 2];
        }

        dst[0] = r;
        dst[1] = g;
        dst[2] = b;
    }
}

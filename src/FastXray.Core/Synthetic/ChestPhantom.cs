namespace FastXray.Synthetic;

/// <summary>
/// A deterministic synthetic chest radiograph: the built-in input of <c>fastxray demo</c>, so the main job
/// runs with no data. It is a phantom, not anatomy: soft-tissue body outline, two darker lung fields, rib
/// arcs, a bright spine and mediastinum, clavicles, a smooth exposure gradient and film-like noise, in the
/// dark-background/bright-bone polarity of the ChestX-ray8 PNGs.
/// </summary>
/// <remarks>
/// Its histogram is continuous like a real radiograph's, because the first figure a newcomer sees is the
/// tutorial's histogram of it: the shapes are blurred (a detector's unsharpness), a low-frequency mottle and
/// Gaussian noise are added, the background reaches 0 and a saturated lead marker reaches 255, so the 256 bins
/// over min..max are one per level, none empty (a hard-edged phantom over 12..243 left every ninth bin empty).
/// </remarks>
public static class ChestPhantom
{
    /// <summary>Renders a <paramref name="width"/> x <paramref name="height"/> 8-bit phantom; the same seed gives the same bytes.</summary>
    public static byte[] Generate(int width = 1024, int height = 1024, int seed = 11)
    {
        if (width < 1 || height < 1 || (long)width * height > 1L << 28)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(width), "phantom size must be between 1x1 and 2^28 pixels");
        }

        var clean = new double[width * height];
        var noise = new Random(seed);
        double cx = 0.5;
        for (int y = 0; y < height; y++)
        {
            double v = (y + 0.5) / height;
            for (int x = 0; x < width; x++)
            {
                double u = (x + 0.5) / width;
                // Background: darkest at the top, where noise takes it down to 0.
                double value = 3 + (10 * v);

                // Body: a wide ellipse narrowing toward the neck.
                double bodyHalfWidth = 0.40 + (0.05 * v) - (0.18 * Math.Max(0, 0.22 - v) / 0.22);
                double bodyEdge = Math.Abs(u - cx) / bodyHalfWidth;
                if (bodyEdge < 1 && v > 0.04)
                {
                    value = 150 + (40 * (1 - (bodyEdge * bodyEdge)));

                    // Lungs: two darker ellipses either side of the mediastinum.
                    foreach (double side in new[] { -1.0, 1.0 })
                    {
                        double lx = (u - (cx + (side * 0.17))) / 0.13;
                        double ly = (v - 0.47) / 0.28;
                        double r2 = (lx * lx) + (ly * ly);
                        if (r2 < 1)
                        {
                            value -= 105 * Math.Sqrt(1 - r2);
                        }
                    }

                    // Ribs: arcs that bow downward away from the spine, brighter than lung.
                    double across = Math.Abs(u - cx);
                    for (int rib = 0; rib < 10; rib++)
                    {
                        double ribY = 0.24 + (rib * 0.052) + (0.10 * across * across / 0.16);
                        double d = Math.Abs(v - ribY);
                        if (d < 0.010 && across > 0.04 && across < bodyHalfWidth * 0.92)
                        {
                            value += 38 * (1 - (d / 0.010));
                        }
                    }

                    // Clavicles.
                    double clav = Math.Abs(v - (0.17 + (0.35 * Math.Pow(across - 0.15, 2))));
                    if (clav < 0.012 && across > 0.03 && across < 0.30)
                    {
                        value += 45 * (1 - (clav / 0.012));
                    }

                    // Spine and mediastinum: a bright central column with vertebra bands.
                    double spine = Math.Abs(u - cx) / 0.045;
                    if (spine < 1)
                    {
                        value = Math.Max(value, 180 + (62 * (1 - spine)) + (10 * Math.Cos(v * 140)));
                    }

                    double heart = ((u - (cx + 0.05)) / 0.16 * ((u - (cx + 0.05)) / 0.16)) + ((v - 0.66) / 0.14 * ((v - 0.66) / 0.14));
                    if (heart < 1)
                    {
                        value = Math.Max(value, 165 + (25 * (1 - heart)));
                    }
                }

                // The side marker ("R" plate) in the upper left: lead, so it saturates the detector.
                if (u > 0.06 && u < 0.12 && v > 0.06 && v < 0.14)
                {
                    value = 300;
                }

                clean[(y * width) + x] = value;
            }
        }

        // Unsharpness: two box passes per axis, about 0.4% of the image (a 1024 image: radius 4).
        int radius = Math.Max(1, Math.Min(width, height) / 256);
        double[] line = new double[Math.Max(width, height)];
        for (int pass = 0; pass < 2; pass++)
        {
            BoxRows(clean, width, height, radius, line);
            BoxColumns(clean, width, height, radius, line);
        }

        // Exposure gradient, a soft mottle of a few long waves, and Gaussian quantum noise.
        double p1 = noise.NextDouble() * 6.283, p2 = noise.NextDouble() * 6.283, p3 = noise.NextDouble() * 6.283;
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            double v = (y + 0.5) / height;
            for (int x = 0; x < width; x++)
            {
                double u = (x + 0.5) / width;
                double value = clean[(y * width) + x] * (0.92 + (0.08 * v));
                value += (4 * Math.Sin((5.1 * u) + (3.3 * v) + p1)) + (3 * Math.Sin((2.3 * u) - (6.7 * v) + p2)) + (2 * Math.Sin((11.0 * u) + (9.0 * v) + p3));
                value += Gaussian(noise) * 4.5;
                pixels[(y * width) + x] = (byte)Math.Clamp(Math.Round(value), 0, 255);
            }
        }

        return pixels;
    }

    // Box–Muller: one standard normal sample.
    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    // A running mean of 2·radius+1 along each row, edges clamped.
    private static void BoxRows(double[] image, int width, int height, int radius, double[] line)
    {
        for (int y = 0; y < height; y++)
        {
            Span<double> row = image.AsSpan(y * width, width);
            row.CopyTo(line);
            Smooth(line.AsSpan(0, width), row, radius);
        }
    }

    private static void BoxColumns(double[] image, int width, int height, int radius, double[] line)
    {
        double[] column = new double[height];
        for (int x = 0; x < width; x++)
        {
            for (int y = 0; y < height; y++)
            {
                line[y] = image[(y * width) + x];
            }

            Smooth(line.AsSpan(0, height), column, radius);
            for (int y = 0; y < height; y++)
            {
                image[(y * width) + x] = column[y];
            }
        }
    }

    private static void Smooth(ReadOnlySpan<double> source, Span<double> destination, int radius)
    {
        int n = source.Length;
        double sum = 0;
        for (int k = -radius; k <= radius; k++)
        {
            sum += source[Math.Clamp(k, 0, n - 1)];
        }

        for (int i = 0; i < n; i++)
        {
            destination[i] = sum / ((2 * radius) + 1);
            sum += source[Math.Min(i + radius + 1, n - 1)] - source[Math.Max(i - radius, 0)];
        }
    }
}

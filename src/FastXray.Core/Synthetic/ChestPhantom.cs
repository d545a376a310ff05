namespace FastXray.Synthetic;

/// <summary>
/// A deterministic synthetic chest radiograph: the built-in input of <c>fastxray demo</c>, so the main job
/// runs with no data. It is a phantom, not anatomy: soft-tissue body outline, two darker lung fields, rib
/// arcs, a bright spine and mediastinum, clavicles, a smooth exposure gradient and film-like noise, in the
/// dark-background/bright-bone polarity of the ChestX-ray8 PNGs.
/// </summary>
public static class ChestPhantom
{
    /// <summary>Renders a <paramref name="width"/> x <paramref name="height"/> 8-bit phantom; the same seed gives the same bytes.</summary>
    public static byte[] Generate(int width = 1024, int height = 1024, int seed = 11)
    {
        if (width < 1 || height < 1 || (long)width * height > 1L << 28)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(width), "phantom size must be between 1x1 and 2^28 pixels");
        }

        var pixels = new byte[width * height];
        var noise = new Random(seed);
        double cx = 0.5;
        for (int y = 0; y < height; y++)
        {
            double v = (y + 0.5) / height;
            for (int x = 0; x < width; x++)
            {
                double u = (x + 0.5) / width;
                double value = 12;

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
                        value = Math.Max(value, 175 + (50 * (1 - spine)) + (10 * Math.Cos(v * 140)));
                    }

                    double heart = ((u - (cx + 0.05)) / 0.16 * ((u - (cx + 0.05)) / 0.16)) + ((v - 0.66) / 0.14 * ((v - 0.66) / 0.14));
                    if (heart < 1)
                    {
                        value = Math.Max(value, 165 + (25 * (1 - heart)));
                    }
                }

                // Exposure gradient and noise.
                value *= 0.92 + (0.08 * v);
                value += (noise.NextDouble() - 0.5) * 9;
                pixels[(y * width) + x] = (byte)Math.Clamp(Math.Round(value), 0, 255);
            }
        }

        return pixels;
    }
}

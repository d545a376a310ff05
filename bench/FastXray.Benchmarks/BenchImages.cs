namespace FastXray.Benchmarks;

/// <summary>Benchmark inputs: the tutorial's radiograph when ../shared/data is present, else a synthetic image of the same size.</summary>
public static class BenchImages
{
    private static readonly Lazy<(byte[] Pixels, int Width, int Height)> s_xray = new(LoadXray);

    /// <summary>../shared/data/xray/00000011_001.png (1024x1024, 8-bit).</summary>
    public static string XrayPath { get; } = FindShared("xray", "00000011_001.png");

    /// <summary>True when the real radiograph was found; otherwise <see cref="Xray8"/> is synthetic.</summary>
    public static bool HasRealXray => File.Exists(XrayPath);

    /// <summary>The radiograph as 8-bit samples.</summary>
    public static (byte[] Pixels, int Width, int Height) Xray8 => s_xray.Value;

    /// <summary>The radiograph as float32 samples 0..255.</summary>
    public static float[] XrayFloat()
    {
        (byte[] p, _, _) = Xray8;
        return Array.ConvertAll(p, b => (float)b);
    }

    /// <summary>A deterministic synthetic 8-bit image (smooth field, edges and noise).</summary>
    public static byte[] Synthetic8(int width, int height, int seed = 1)
    {
        var rng = new Random(seed);
        var p = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double v = 128 + (90 * Math.Sin(x * 0.02) * Math.Cos(y * 0.015)) + rng.Next(-20, 21);
                if (((x / 64) + (y / 64)) % 5 == 0)
                {
                    v += 40;
                }

                p[(y * width) + x] = (byte)Math.Clamp(v, 0, 255);
            }
        }

        return p;
    }

    /// <summary>A deterministic synthetic 16-bit image.</summary>
    public static ushort[] Synthetic16(int width, int height, int seed = 1)
    {
        byte[] b = Synthetic8(width, height, seed);
        var rng = new Random(seed + 1);
        var p = new ushort[b.Length];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = (ushort)((b[i] << 8) | rng.Next(256));
        }

        return p;
    }

    private static (byte[] Pixels, int Width, int Height) LoadXray()
    {
        if (HasRealXray)
        {
            Imaging.Png.PngImage image = Imaging.Png.PngDecoder.DecodeFile(XrayPath);
            if (image.Width == 1024 && image.Height == 1024)
            {
                return (image.ToGray8(), image.Width, image.Height);
            }
        }

        Console.Error.WriteLine("note: benchmarking a synthetic 1024x1024 image");
        return (Synthetic8(1024, 1024), 1024, 1024);
    }

    private static string FindShared(params string[] parts)
    {
        for (string? dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
        {
            string candidate = Path.Combine([dir, "..", "shared", "data", .. parts]);
            if (File.Exists(Path.Combine(dir, "FastXray.sln")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return Path.GetFullPath(Path.Combine(["..", "shared", "data", .. parts]));
    }
}

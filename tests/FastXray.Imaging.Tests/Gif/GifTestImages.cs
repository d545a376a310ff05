namespace FastXray.Imaging.Tests.Gif;

/// <summary>Deterministic test frames (no System.Random, so the fixtures never depend on its algorithm).</summary>
internal static class GifTestImages
{
    /// <summary>A 32-bit xorshift generator with a fixed seed.</summary>
    public static byte[] Noise(int length, uint seed, int levels = 256)
    {
        var data = new byte[length];
        uint s = seed == 0 ? 1 : seed;
        for (int i = 0; i < length; i++)
        {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            data[i] = (byte)((s >> 8) % (uint)levels);
        }

        return data;
    }

    /// <summary>0, 1, ..., 255 repeated.</summary>
    public static byte[] Levels(int length) => Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

    public static byte[] Constant(int length, byte value)
    {
        var data = new byte[length];
        Array.Fill(data, value);
        return data;
    }

    /// <summary>A smooth gradient in all three channels plus mild noise: thousands of distinct colours.</summary>
    public static byte[] RgbGradient(int width, int height, uint seed)
    {
        byte[] noise = Noise(width * height * 3, seed, 9);
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int o = ((y * width) + x) * 3;
                rgb[o] = (byte)Math.Clamp((x * 255 / Math.Max(1, width - 1)) + noise[o] - 4, 0, 255);
                rgb[o + 1] = (byte)Math.Clamp((y * 255 / Math.Max(1, height - 1)) + noise[o + 1] - 4, 0, 255);
                rgb[o + 2] = (byte)Math.Clamp(((x + y) * 255 / Math.Max(1, width + height - 2)) + noise[o + 2] - 4, 0, 255);
            }
        }

        return rgb;
    }

    /// <summary>An RGB image with exactly <paramref name="colors"/> distinct colours.</summary>
    public static byte[] RgbFewColors(int width, int height, int colors, uint seed)
    {
        byte[] pick = Noise(width * height, seed, colors);
        var rgb = new byte[width * height * 3];
        for (int i = 0; i < pick.Length; i++)
        {
            int c = pick[i];
            rgb[i * 3] = (byte)(c * 37);
            rgb[(i * 3) + 1] = (byte)(255 - c);
            rgb[(i * 3) + 2] = (byte)((c * 101) ^ 0x5A);
        }

        return rgb;
    }
}

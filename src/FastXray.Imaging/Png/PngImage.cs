namespace FastXray.Imaging.Png;

/// <summary>A decoded PNG: interleaved samples in dense rows, 8-bit in <see cref="Pixels8"/> or 16-bit in <see cref="Pixels16"/>.</summary>
/// <remarks>
/// Sample layout: row-major, <see cref="Channels"/> samples per pixel, rows <c>Width·Channels</c> samples
/// apart. Gray keeps its stored depth (8-bit 0..255, 16-bit 0..65535); 1/2/4-bit gray is scaled to 8 bits
/// (v·255/(2^d−1)); palette images become RGB, or RGBA with tRNS; a tRNS colour key adds an alpha channel.
/// </remarks>
public sealed class PngImage
{
    internal PngImage(int width, int height, PngColorType colorType, int bitDepth, int channels, byte[]? pixels8, ushort[]? pixels16)
    {
        Width = width;
        Height = height;
        ColorType = colorType;
        BitDepth = bitDepth;
        Channels = channels;
        Pixels8 = pixels8;
        Pixels16 = pixels16;
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Number of rows.</summary>
    public int Height { get; }

    /// <summary>The colour type as stored in the file.</summary>
    public PngColorType ColorType { get; }

    /// <summary>The bit depth as stored in the file (1, 2, 4, 8 or 16).</summary>
    public int BitDepth { get; }

    /// <summary>Samples per decoded pixel: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>True when the samples are in <see cref="Pixels16"/> (bit depth 16).</summary>
    public bool Is16Bit => Pixels16 is not null;

    /// <summary>True for gray and gray+alpha images (the first sample of each pixel is the gray level).</summary>
    public bool IsGray => ColorType is PngColorType.Gray or PngColorType.GrayAlpha;

    /// <summary>The sBIT chunk's significant bits (largest over the colour channels), or 0 when the file has none.</summary>
    public int SignificantBits { get; init; }

    /// <summary>True when the last sample of each pixel is alpha (from the file or from tRNS).</summary>
    public bool HasAlpha => Channels is 2 or 4;

    /// <summary>The 8-bit samples, or null for a 16-bit image.</summary>
    public byte[]? Pixels8 { get; }

    /// <summary>The 16-bit samples (native order), or null for an 8-bit image.</summary>
    public ushort[]? Pixels16 { get; }

    /// <summary>One 8-bit gray sample per pixel.</summary>
    /// <param name="reduce16">Allow a 16-bit image to be reduced to 8 bits (v >> 8); without it a 16-bit image throws, so precision is never lost silently.</param>
    /// <remarks>
    /// Gray: the gray samples (alpha dropped); an 8-bit gray image without alpha returns <see cref="Pixels8"/> itself, not a copy.
    /// Colour: BT.601 luma Y = (299·R + 587·G + 114·B + 500) / 1000 in integers, i.e. 0.299 R + 0.587 G + 0.114 B rounded half up; alpha is dropped, not composited.
    /// </remarks>
    public byte[] ToGray8(bool reduce16 = false)
    {
        if (Pixels8 is { } p8)
        {
            if (Channels == 1)
            {
                return p8;
            }

            var gray = new byte[Width * Height];
            PngGrayConversion.ToGray(p8, Channels, gray);
            return gray;
        }

        if (!reduce16)
        {
            throw new InvalidOperationException("the image is 16-bit; ask for the reduction to 8 bits explicitly (reduce16: true) or use ToGray16()");
        }

        ushort[] g16 = ToGray16();
        var g8 = new byte[g16.Length];
        PngGrayConversion.ReduceTo8(g16, g8);
        return g8;
    }

    /// <summary>One 16-bit gray sample per pixel, at the stored scale.</summary>
    /// <remarks>
    /// A 16-bit image gives its gray samples (alpha dropped; <see cref="Pixels16"/> itself when it is plain gray) or BT.601 luma as in <see cref="ToGray8"/>;
    /// an 8-bit image is widened without scaling (values stay 0..255).
    /// </remarks>
    public ushort[] ToGray16()
    {
        if (Pixels16 is { } p16)
        {
            if (Channels == 1)
            {
                return p16;
            }

            var gray = new ushort[Width * Height];
            PngGrayConversion.ToGray(p16, Channels, gray);
            return gray;
        }

        byte[] g8 = ToGray8();
        var wide = new ushort[g8.Length];
        for (int i = 0; i < g8.Length; i++)
        {
            wide[i] = g8[i];
        }

        return wide;
    }
}

namespace FastXray.Imaging.Png;

/// <summary>What a PNG header says about the image, read without decoding the pixels.</summary>
public sealed class PngInfo
{
    internal PngInfo(int width, int height, int bitDepth, PngColorType colorType, bool interlaced, bool hasTransparency, int significantBits = 0)
    {
        SignificantBits = significantBits;
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        ColorType = colorType;
        Interlaced = interlaced;
        HasTransparency = hasTransparency;
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Number of rows.</summary>
    public int Height { get; }

    /// <summary>Bits per sample as stored (palette: bits per index): 1, 2, 4, 8 or 16.</summary>
    public int BitDepth { get; }

    /// <summary>The colour type as stored.</summary>
    public PngColorType ColorType { get; }

    /// <summary>True for Adam7 interlacing.</summary>
    public bool Interlaced { get; }

    /// <summary>True when a tRNS chunk precedes the image data (the decoder then adds an alpha channel).</summary>
    public bool HasTransparency { get; }

    /// <summary>The sBIT chunk's significant bits (largest over the colour channels), or 0 when the file has none.</summary>
    public int SignificantBits { get; }

    /// <summary>Samples per pixel of the decoded image (see <see cref="PngImage.Channels"/>).</summary>
    /// <remarks>Gray 1, gray+alpha 2, RGB 3, RGBA 4; palette 3; a tRNS chunk adds alpha (gray 2, RGB and palette 4).</remarks>
    public int Channels => DecodedChannels(ColorType, HasTransparency);

    /// <summary>True when the decoded samples are 16-bit (<see cref="PngImage.Pixels16"/>).</summary>
    public bool Is16Bit => BitDepth == 16;

    internal static int DecodedChannels(PngColorType colorType, bool hasTransparency) => colorType switch
    {
        PngColorType.Gray => hasTransparency ? 2 : 1,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgb => hasTransparency ? 4 : 3,
        PngColorType.Palette => hasTransparency ? 4 : 3,
        _ => 4,
    };
}

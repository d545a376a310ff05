namespace FastXray.Imaging.Formats;

/// <summary>
/// A decoded image reduced to one grey sample per pixel at its stored type: 8-bit (<see cref="Pixels8"/>),
/// 16-bit (<see cref="Pixels16"/>) or float (<see cref="PixelsF"/>, from HDR). Colour becomes BT.601 luma
/// exactly as for PNG (<c>Png/PngGrayConversion</c>); alpha is dropped; nothing is reduced from 16 to 8 bits.
/// </summary>
public sealed class GrayImage
{
    private int _significantBits;

    private GrayImage(int width, int height, byte[]? p8, ushort[]? p16, float[]? pf, string colour)
    {
        Width = width;
        Height = height;
        Pixels8 = p8;
        Pixels16 = p16;
        PixelsF = pf;
        SourceColour = colour;
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Number of rows.</summary>
    public int Height { get; }

    /// <summary>Row-major 8-bit samples, or null.</summary>
    public byte[]? Pixels8 { get; }

    /// <summary>Row-major 16-bit samples, or null.</summary>
    public ushort[]? Pixels16 { get; }

    /// <summary>Row-major float samples, or null.</summary>
    public float[]? PixelsF { get; }

    /// <summary>The colour type the file stored: grey, grey+alpha, rgb, rgba or palette.</summary>
    public string SourceColour { get; }

    /// <summary>For a DICOM input: the file, the frame and how to display it; null for every other format.</summary>
    public Dicom.DicomRendering? Dicom { get; private set; }

    /// <summary>
    /// How many low bits of an integer sample carry the image, when the file says so: PNG's sBIT, DICOM's Bits
    /// Stored; 0 when the file does not say (see <see cref="Intensity.SignificantBits"/> for the rule that infers it).
    /// </summary>
    public int SignificantBits => Dicom is { } d ? d.File.BitsStored : _significantBits;

    /// <summary>8, 16, or 32 for float samples.</summary>
    public int BitDepth => Pixels8 != null ? 8 : Pixels16 != null ? 16 : 32;

    /// <summary>Wraps 8-bit grey samples (width·height of them).</summary>
    public static GrayImage Of(byte[] pixels, int width, int height, string colour) => new(width, height, Checked(pixels, width, height), null, null, colour);

    /// <summary>Wraps 16-bit grey samples (width·height of them).</summary>
    public static GrayImage Of(ushort[] pixels, int width, int height, string colour) => new(width, height, null, Checked(pixels, width, height), null, colour);

    /// <summary>Wraps float grey samples (width·height of them).</summary>
    public static GrayImage Of(float[] pixels, int width, int height, string colour) => new(width, height, null, null, Checked(pixels, width, height), colour);

    /// <summary>Records the significant bits a PNG's sBIT chunk states and returns this image.</summary>
    internal GrayImage WithSignificantBits(int bits)
    {
        _significantBits = bits;
        return this;
    }

    /// <summary>Attaches the DICOM facts (the DICOM decoder's last step) and returns this image.</summary>
    internal GrayImage WithDicom(Dicom.DicomRendering rendering)
    {
        Dicom = rendering;
        return this;
    }

    private static T[] Checked<T>(T[] pixels, int width, int height)
    {
        if (width <= 0 || height <= 0 || pixels.Length != (long)width * height)
        {
            ThrowHelper.ThrowArgument(nameof(pixels), $"{pixels.Length} samples for a {width}x{height} image");
        }

        return pixels;
    }
}

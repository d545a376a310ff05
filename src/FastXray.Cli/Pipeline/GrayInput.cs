using FastXray.Imaging;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Formats;

namespace FastXray.Cli.Pipeline;

/// <summary>
/// A grey image at its stored sample type: 8-bit (<see cref="Pixels8"/>), 16-bit (<see cref="Pixels16"/>) or
/// float (<see cref="PixelsF"/>, from a float .npy or an HDR file). Colour becomes grey by BT.601; nothing is
/// reduced from 16 to 8 bits.
/// </summary>
internal sealed class GrayInput
{
    private GrayInput(int width, int height, byte[]? p8, ushort[]? p16, float[]? pf, FastXray.Imaging.Dicom.DicomRendering? dicom = null)
    {
        Width = width;
        Height = height;
        Pixels8 = p8;
        Pixels16 = p16;
        PixelsF = pf;
        Dicom = dicom;
    }

    /// <summary>For a DICOM input: the file and how to display it (the samples are modality values); null otherwise.</summary>
    public FastXray.Imaging.Dicom.DicomRendering? Dicom { get; }

    public int Width { get; }

    public int Height { get; }

    public byte[]? Pixels8 { get; }

    public ushort[]? Pixels16 { get; }

    public float[]? PixelsF { get; }

    /// <summary>The significant bits the file states (PNG sBIT, DICOM Bits Stored), or 0 (see <see cref="FastXray.Intensity.SignificantBits"/>).</summary>
    public int StatedBits { get; private init; }

    /// <summary>The file's own bytes when it is a PNG (the tutorial's original.png is then the input itself); null otherwise.</summary>
    public byte[]? PngFile { get; private init; }

    /// <summary>8, 16, or 32 for float data.</summary>
    public int Depth => Pixels8 != null ? 8 : Pixels16 != null ? 16 : 32;

    public string DType => Depth switch { 8 => "uint8", 16 => "uint16", _ => "float32" };

    /// <summary>The samples as float32 (a copy).</summary>
    public float[] ToSingle()
    {
        var f = new float[Width * Height];
        CopyToSingle(f);
        return f;
    }

    /// <summary>The samples as float32 into <paramref name="destination"/> (at least Width·Height long).</summary>
    public void CopyToSingle(Span<float> destination)
    {
        if (PixelsF != null)
        {
            PixelsF.CopyTo(destination);
        }
        else if (Pixels8 != null)
        {
            PixelConvert.ToSingle<byte>(Pixels8, destination);
        }
        else
        {
            PixelConvert.ToSingle<ushort>(Pixels16!, destination);
        }
    }

    /// <summary>
    /// As a viewer shows it, for figures and animations: a DICOM input through its VOI (else its min..max) and
    /// MONOCHROME1 inversion to 8-bit; any other input is returned as it is.
    /// </summary>
    public GrayInput Displayed()
    {
        if (Dicom is not { } rendering)
        {
            return this;
        }

        float[] values = ToSingle();
        FastXray.Imaging.Dicom.DicomVoi voi = rendering.Voi ?? FastXray.Imaging.Dicom.DicomVoi.FromRange(Min(values), Max(values));
        voi.Apply(values, values, Width, rendering.Monochrome1);
        return new GrayInput(Width, Height, SampleScaler.ToUInt8(new ReadOnlyImageSpan<float>(values, Width, Height), ScaleMode.Clip), null, null);
    }

    private static double Min(float[] v) => v.Length == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.Min(v);

    private static double Max(float[] v) => v.Length == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.Max(v);

    /// <summary>Reads an image or 2-D NPY file; every problem is a <see cref="FileProblemException"/> naming <paramref name="display"/>.</summary>
    /// <param name="fullPath">The file.</param>
    /// <param name="display">Its name in messages.</param>
    /// <param name="dicom">DICOM inputs: frame and rescale (first frame, rescaled, when null).</param>
    public static GrayInput Load(string fullPath, string display, FastXray.Imaging.Dicom.DicomDecodeOptions? dicom = null)
    {
        byte[] bytes = FileIO.ReadInput(fullPath, display);
        try
        {
            if (!ImageFile.IsNpy(bytes))
            {
                GrayImage gray = ImageDecoder.DecodeGray(bytes, null, dicom);
                return new GrayInput(gray.Width, gray.Height, gray.Pixels8, gray.Pixels16, gray.PixelsF, gray.Dicom)
                {
                    StatedBits = gray.SignificantBits,
                    PngFile = FileSignature.TryIdentify(bytes) == ImageContainer.Png ? bytes : null,
                };
            }

            using var stream = new MemoryStream(bytes, writable: false);
            NpyArray array = NpyFile.Read(stream);
            (int h, int w) = ImageFile.Shape2D(array);
            return array.DType switch
            {
                NpyDType.UInt8 => new GrayInput(w, h, array.AsSpan<byte>().ToArray(), null, null),
                NpyDType.UInt16 => new GrayInput(w, h, null, array.AsSpan<ushort>().ToArray(), null),
                _ => new GrayInput(w, h, null, null, array.ToSingleArray()),
            };
        }
        catch (ImageFormatException e)
        {
            throw new FileProblemException(display, e.Problem, e);
        }
    }

    /// <summary>The same samples without the file's bytes (an image kept for later holds its pixels only).</summary>
    public GrayInput WithoutFile() => new(Width, Height, Pixels8, Pixels16, PixelsF, Dicom) { StatedBits = StatedBits };

    /// <summary>Wraps 8-bit pixels (the demo phantom).</summary>
    public static GrayInput FromBytes(byte[] pixels, int width, int height) => new(width, height, pixels, null, null);
}

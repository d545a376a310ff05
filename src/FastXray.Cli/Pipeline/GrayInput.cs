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
    private GrayInput(int width, int height, byte[]? p8, ushort[]? p16, float[]? pf)
    {
        Width = width;
        Height = height;
        Pixels8 = p8;
        Pixels16 = p16;
        PixelsF = pf;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[]? Pixels8 { get; }

    public ushort[]? Pixels16 { get; }

    public float[]? PixelsF { get; }

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

    /// <summary>Reads an image or 2-D NPY file; every problem is a <see cref="FileProblemException"/> naming <paramref name="display"/>.</summary>
    public static GrayInput Load(string fullPath, string display)
    {
        byte[] bytes = FileIO.ReadInput(fullPath, display);
        try
        {
            if (!ImageFile.IsNpy(bytes))
            {
                GrayImage gray = ImageDecoder.DecodeGray(bytes);
                return new GrayInput(gray.Width, gray.Height, gray.Pixels8, gray.Pixels16, gray.PixelsF);
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

    /// <summary>Wraps 8-bit pixels (the demo phantom).</summary>
    public static GrayInput FromBytes(byte[] pixels, int width, int height) => new(width, height, pixels, null, null);
}

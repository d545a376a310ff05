using FastXray.Imaging;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Formats;

namespace FastXray.Cli.Pipeline;

/// <summary>The formats the CLI writes, chosen by the output name's extension (<c>filter</c>) or <c>--format</c> (<c>batch</c>).</summary>
internal enum ImageFormat
{
    Png,
    Npy,
    Jpeg,
    Bmp,
    Tga,
    Tiff,
}

/// <summary>What <c>fastxray info</c> prints about a file.</summary>
/// <param name="Format">The format's name: PNG, NPY, JPEG, BMP, TGA, PSD, HDR, TIFF.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Depth">Bits per sample as stored.</param>
/// <param name="Sample">The sample type FastXray decodes to: uint8, uint16, float32, float64, int64, bool.</param>
/// <param name="Colour">grey, grey+alpha, rgb, rgba or palette.</param>
/// <param name="Detail">Format specifics (JPEG "progressive", TIFF compression), or empty.</param>
internal sealed record ImageInfo(string Format, int Width, int Height, int Depth, string Sample, string Colour, string Detail);

/// <summary>A decoded input: float32 samples with their stored values (16-bit stays 0..65535; DICOM: modality values).</summary>
internal sealed class DecodedImage(Image<float> pixels, int bitDepth, FastXray.Imaging.Dicom.DicomRendering? dicom = null) : IDisposable
{
    public Image<float> Pixels { get; } = pixels;

    /// <summary>8 or 16 for integer samples, 0 for float data.</summary>
    public int BitDepth { get; } = bitDepth;

    /// <summary>For a DICOM input: the file and how to display it; null otherwise.</summary>
    public FastXray.Imaging.Dicom.DicomRendering? Dicom { get; } = dicom;

    public void Dispose() => ImageBuffers.Return(Pixels);
}

/// <summary>Format identification and decoding of input files (by content, never by extension).</summary>
internal static class ImageFile
{
    private static ReadOnlySpan<byte> NpyMagic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>True for a NumPy .npy file; every other input is an image for <see cref="ImageDecoder"/>.</summary>
    public static bool IsNpy(ReadOnlySpan<byte> bytes) => bytes.StartsWith(NpyMagic);

    /// <summary>The format implied by an output file name's extension, or null.</summary>
    public static ImageFormat? FromExtension(string path) => FromName(Path.GetExtension(path).TrimStart('.'));

    /// <summary>The output format a name (png, npy, jpg, jpeg, bmp, tga, tif, tiff; any case) stands for, or null.</summary>
    public static ImageFormat? FromName(string name) => name.ToLowerInvariant() switch
    {
        "png" => ImageFormat.Png,
        "npy" => ImageFormat.Npy,
        "jpg" or "jpeg" => ImageFormat.Jpeg,
        "bmp" => ImageFormat.Bmp,
        "tga" => ImageFormat.Tga,
        "tif" or "tiff" => ImageFormat.Tiff,
        _ => null,
    };

    /// <summary>The output names <see cref="FromName"/> accepts, for messages.</summary>
    public const string OutputNames = ".png, .npy, .jpg/.jpeg, .bmp, .tga or .tif/.tiff";

    public static string Extension(ImageFormat format) => format switch
    {
        ImageFormat.Npy => ".npy",
        ImageFormat.Jpeg => ".jpg",
        ImageFormat.Bmp => ".bmp",
        ImageFormat.Tga => ".tga",
        ImageFormat.Tiff => ".tif",
        _ => ".png",
    };

    /// <summary>Decodes a whole file held in memory (<paramref name="dicom"/>: frame and rescale choice for DICOM inputs).</summary>
    public static DecodedImage Decode(byte[] bytes, FastXray.Imaging.Dicom.DicomDecodeOptions? dicom = null)
    {
        if (IsNpy(bytes))
        {
            using var stream = new MemoryStream(bytes, writable: false);
            NpyArray array = NpyFile.Read(stream);
            (int h, int w) = Shape2D(array);
            var image = ImageBuffers.Rent(w, h);
            switch (array.DType)
            {
                // The stored sample types widen row by row with SIMD; the rest go through double.
                case NpyDType.UInt8:
                    Widen(array.AsSpan<byte>(), image);
                    break;
                case NpyDType.UInt16:
                    Widen(array.AsSpan<ushort>(), image);
                    break;
                case NpyDType.Float32:
                    Widen(array.AsSpan<float>(), image);
                    break;
                default:
                    Widen<float>(array.ToSingleArray(), image);
                    break;
            }

            return new DecodedImage(image, NpyBitDepth(array.DType));
        }

        // Grey stays at its stored depth (16-bit keeps 0..65535); colour becomes BT.601 grey.
        GrayImage gray = ImageDecoder.DecodeGray(bytes, null, dicom);
        var pixels = ImageBuffers.Rent(gray.Width, gray.Height);
        if (gray.Pixels16 is { } p16)
        {
            Widen<ushort>(p16, pixels);
            return new DecodedImage(pixels, 16, gray.Dicom);
        }

        if (gray.Pixels8 is { } p8)
        {
            Widen<byte>(p8, pixels);
            return new DecodedImage(pixels, 8, gray.Dicom);
        }

        Widen<float>(gray.PixelsF, pixels);
        return new DecodedImage(pixels, 0, gray.Dicom);
    }

    /// <summary>Reads the facts <c>fastxray info</c> prints; <paramref name="verify"/> decodes the whole file so any corruption is an error.</summary>
    public static ImageInfo Probe(byte[] bytes, bool verify)
    {
        if (IsNpy(bytes))
        {
            // NpyFile.Read checks the header and that the data is all there: the whole check NPY has.
            using var stream = new MemoryStream(bytes, writable: false);
            NpyArray array = NpyFile.Read(stream);
            (int h, int w) = Shape2D(array);
            (int depth, string sample) = array.DType switch
            {
                NpyDType.Bool => (8, "bool"),
                NpyDType.UInt8 => (8, "uint8"),
                NpyDType.UInt16 => (16, "uint16"),
                NpyDType.Float32 => (32, "float32"),
                NpyDType.Float64 => (64, "float64"),
                _ => (64, "int64"),
            };
            return new ImageInfo("NPY", w, h, depth, sample, "grey", "");
        }

        return ToImageInfo(verify ? ImageDecoder.Verify(bytes) : ImageDecoder.ReadInfo(bytes));
    }

    /// <summary>What <c>info</c> prints, from a decoder's header facts.</summary>
    public static ImageInfo ToImageInfo(FormatInfo info) =>
        new(info.Container.ToString().ToUpperInvariant(), info.Width, info.Height, info.BitDepth, info.Sample, info.Colour, info.Detail);

    private static void Widen<T>(ReadOnlySpan<T> samples, Image<float> image)
        where T : unmanaged
    {
        for (int y = 0; y < image.Height; y++)
        {
            // Widening a 16384² image takes a second or more on a loaded machine.
            if ((y & 63) == 0)
            {
                FastXray.Threading.KernelCancellation.ThrowIfRequested();
            }

            PixelConvert.ToSingle(samples.Slice(y * image.Width, image.Width), image.Row(y));
        }
    }

    /// <summary>The (height, width) of a 2-D, non-empty NPY image; anything else is an <see cref="ImageFormatException"/>.</summary>
    internal static (int Height, int Width) Shape2D(NpyArray array)
    {
        if (array.Shape.Length != 2)
        {
            throw new ImageFormatException($"expected a 2-D array, got shape ({string.Join(", ", array.Shape)})");
        }

        if (array.Shape[0] == 0 || array.Shape[1] == 0)
        {
            throw new ImageFormatException($"empty image (shape ({array.Shape[0]}, {array.Shape[1]}))");
        }

        return (array.Shape[0], array.Shape[1]);
    }

    private static int NpyBitDepth(NpyDType type) => type switch
    {
        NpyDType.Bool or NpyDType.UInt8 => 8,
        NpyDType.UInt16 => 16,
        _ => 0,
    };
}

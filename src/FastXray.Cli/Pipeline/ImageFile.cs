using FastXray.Imaging;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;

namespace FastXray.Cli.Pipeline;

/// <summary>The container formats the CLI reads and writes.</summary>
internal enum ImageFormat
{
    Png,
    Npy,
}

/// <summary>What <c>fastxray info</c> prints about a file, without decoding its pixels where possible.</summary>
/// <param name="Format">Container format.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Depth">Bits per sample.</param>
/// <param name="Sample">Sample type: uint8, uint16, float32, float64, int64, bool.</param>
/// <param name="Colour">grey, grey+alpha, rgb, rgba or palette.</param>
internal sealed record ImageInfo(ImageFormat Format, int Width, int Height, int Depth, string Sample, string Colour);

/// <summary>A decoded input: float32 samples with their stored values (16-bit stays 0..65535).</summary>
internal sealed class DecodedImage(Image<float> pixels, int bitDepth, ImageFormat format) : IDisposable
{
    public Image<float> Pixels { get; } = pixels;

    /// <summary>8 or 16 for integer samples, 0 for float data.</summary>
    public int BitDepth { get; } = bitDepth;

    public ImageFormat Format { get; } = format;

    public void Dispose() => ImageBuffers.Return(Pixels);
}

/// <summary>Format sniffing and decoding of input files (by content, never by extension).</summary>
internal static class ImageFile
{
    private static ReadOnlySpan<byte> PngMagic => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> NpyMagic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The format of <paramref name="bytes"/>, or a <see cref="ImageFormatException"/> naming what it looks like.</summary>
    public static ImageFormat Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(PngMagic))
        {
            return ImageFormat.Png;
        }

        if (bytes.StartsWith(NpyMagic))
        {
            return ImageFormat.Npy;
        }

        throw new ImageFormatException(bytes.Length == 0 ? "empty file" : "unsupported format (expected PNG or NPY)");
    }

    /// <summary>The format implied by an output file name's extension, or null.</summary>
    public static ImageFormat? FromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => ImageFormat.Png,
        ".npy" => ImageFormat.Npy,
        _ => null,
    };

    public static string Extension(ImageFormat format) => format == ImageFormat.Png ? ".png" : ".npy";

    /// <summary>Decodes a whole file held in memory.</summary>
    public static DecodedImage Decode(byte[] bytes)
    {
        switch (Sniff(bytes))
        {
            case ImageFormat.Npy:
                using (var stream = new MemoryStream(bytes, writable: false))
                {
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

                    return new DecodedImage(image, NpyBitDepth(array.DType), ImageFormat.Npy);
                }

            default:
            {
                // Grey stays at its stored depth (16-bit keeps 0..65535); colour becomes BT.601 grey.
                PngImage png = PngDecoder.Decode(bytes);
                var image = ImageBuffers.Rent(png.Width, png.Height);
                if (png.Is16Bit)
                {
                    Widen<ushort>(png.ToGray16(), image);
                    return new DecodedImage(image, 16, ImageFormat.Png);
                }

                Widen<byte>(png.ToGray8(), image);
                return new DecodedImage(image, 8, ImageFormat.Png);
            }
        }
    }

    /// <summary>Reads the facts <c>fastxray info</c> prints.</summary>
    public static ImageInfo Probe(byte[] bytes)
    {
        switch (Sniff(bytes))
        {
            case ImageFormat.Npy:
                using (var stream = new MemoryStream(bytes, writable: false))
                {
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
                    return new ImageInfo(ImageFormat.Npy, w, h, depth, sample, "grey");
                }

            default:
            {
                // Headers only: IHDR, PLTE and tRNS say all info prints; the pixels are not decoded.
                PngInfo png = PngDecoder.ReadInfo(bytes);
                string colour = png.ColorType switch
                {
                    PngColorType.Gray => png.HasTransparency ? "grey+alpha" : "grey",
                    PngColorType.GrayAlpha => "grey+alpha",
                    PngColorType.Rgb => png.HasTransparency ? "rgba" : "rgb",
                    PngColorType.Rgba => "rgba",
                    _ => "palette",
                };
                return new ImageInfo(ImageFormat.Png, png.Width, png.Height, png.BitDepth, png.Is16Bit ? "uint16" : "uint8", colour);
            }
        }
    }

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

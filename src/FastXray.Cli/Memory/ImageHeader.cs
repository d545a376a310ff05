using FastXray.Cli.Pipeline;
using FastXray.Imaging;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Formats;
using FastXray.Imaging.Png;

namespace FastXray.Cli.Memory;

/// <summary>
/// What an input's header says about the memory its decoding takes, read without decoding the pixels: PNG IHDR
/// (and the chunks before the image data: tRNS adds a channel), NPY magic and header dict, and for the other
/// formats the decoder's own header read and its bound on what it allocates.
/// </summary>
/// <param name="Format">PNG, NPY, JPEG, TIFF, BMP, TGA, PSD or HDR.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="FileBytes">The file's size (inputs are read whole).</param>
/// <param name="DecodedBytesPerPixel">PNG: channels x (1 or 2) as the decoder returns them; NPY: the dtype's size; others 0.</param>
/// <param name="GreyCopyBytesPerPixel">Bytes per pixel of the grey copy the loaders make (0 when the decoded samples are used as they are).</param>
/// <param name="BitDepth">8 or 16 for integer samples, 0 for float data (as <see cref="DecodedImage.BitDepth"/>).</param>
/// <param name="NpyDType">The NPY element type, or null for images.</param>
/// <param name="DecoderBytes">JPEG, TIFF, BMP, TGA, PSD, HDR: the decoder's bound on all it allocates, grey result included (<see cref="ImageDecoder.PeakBytes"/>); 0 for PNG and NPY, planned part by part.</param>
internal sealed record ImageHeader(string Format, int Width, int Height, long FileBytes, int DecodedBytesPerPixel,
    int GreyCopyBytesPerPixel, int BitDepth, NpyDType? NpyDType, long DecoderBytes = 0)
{
    public long Pixels => (long)Width * Height;

    public string Size => $"{Width}x{Height}";

    public bool IsNpy => Format == "NPY";

    public bool IsPng => Format == "PNG";

    /// <summary>Reads the header of <paramref name="fullPath"/>; null when the file is missing or malformed (the decoder then reports it as usual).</summary>
    public static ImageHeader? TryRead(string fullPath)
    {
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12);
            long length = stream.Length;
            Span<byte> magic = stackalloc byte[8];
            int got = stream.ReadAtLeast(magic, 8, throwOnEndOfStream: false);
            stream.Position = 0;
            if (ImageFile.IsNpy(magic[..got]))
            {
                (NpyDType dtype, int[] shape) = NpyFile.ReadHeader(stream);
                if (shape.Length != 2 || shape[0] <= 0 || shape[1] <= 0)
                {
                    return null;
                }

                int bitDepth = dtype switch { Imaging.Npy.NpyDType.Bool or Imaging.Npy.NpyDType.UInt8 => 8, Imaging.Npy.NpyDType.UInt16 => 16, _ => 0 };
                return new ImageHeader("NPY", shape[1], shape[0], length, dtype.Size(), 0, bitDepth, dtype);
            }

            if (FileSignature.TryIdentify(magic[..got]) == ImageContainer.Png)
            {
                stream.Close();
                PngInfo png = PngDecoder.ReadInfoFile(fullPath);
                int sample = png.Is16Bit ? 2 : 1;
                int channels = png.Channels;
                return new ImageHeader("PNG", png.Width, png.Height, length, channels * sample, channels == 1 ? 0 : sample, png.Is16Bit ? 16 : 8, null);
            }

            // The other formats may keep their header anywhere (a TIFF's IFD often follows the pixel data, a JPEG's
            // frame header follows EXIF segments of up to 64 KiB each), so their header is read from the whole file.
            stream.Close();
            byte[] bytes = File.ReadAllBytes(fullPath);
            FormatInfo info = ImageDecoder.ReadInfo(bytes);
            int depth = info.Sample switch { "uint8" => 8, "uint16" => 16, _ => 0 };
            return new ImageHeader(info.Container.ToString().ToUpperInvariant(), info.Width, info.Height, length, 0, 0, depth, null, ImageDecoder.PeakBytes(info));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImageFormatException)
        {
            return null;
        }
    }

    /// <summary>A header for pixels made in memory (the demo phantom, the bench image): 8-bit grey, no file.</summary>
    public static ImageHeader Synthetic(int width, int height) => new("PNG", width, height, 0, 1, 0, 8, null);
}

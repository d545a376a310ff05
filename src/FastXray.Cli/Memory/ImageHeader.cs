using FastXray.Cli.Pipeline;
using FastXray.Imaging;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;

namespace FastXray.Cli.Memory;

/// <summary>
/// What an input's header says about the memory its decoding takes, read without reading the pixels: PNG IHDR
/// (and the chunks before the image data: tRNS adds a channel), NPY magic and header dict.
/// </summary>
/// <param name="Format">PNG or NPY.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="FileBytes">The file's size (inputs are read whole).</param>
/// <param name="DecodedBytesPerPixel">PNG: channels x (1 or 2) as the decoder returns them; NPY: the dtype's size.</param>
/// <param name="GreyCopyBytesPerPixel">Bytes per pixel of the grey copy the loaders make (0 when the decoded samples are used as they are).</param>
/// <param name="BitDepth">8 or 16 for integer samples, 0 for float data (as <see cref="DecodedImage.BitDepth"/>).</param>
/// <param name="NpyDType">The NPY element type, or null for PNG.</param>
internal sealed record ImageHeader(ImageFormat Format, int Width, int Height, long FileBytes, int DecodedBytesPerPixel,
    int GreyCopyBytesPerPixel, int BitDepth, NpyDType? NpyDType)
{
    public long Pixels => (long)Width * Height;

    public string Size => $"{Width}x{Height}";

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
            ImageFormat format = ImageFile.Sniff(magic[..got]);
            if (format == ImageFormat.Npy)
            {
                (NpyDType dtype, int[] shape) = NpyFile.ReadHeader(stream);
                if (shape.Length != 2 || shape[0] <= 0 || shape[1] <= 0)
                {
                    return null;
                }

                int bitDepth = dtype switch { Imaging.Npy.NpyDType.Bool or Imaging.Npy.NpyDType.UInt8 => 8, Imaging.Npy.NpyDType.UInt16 => 16, _ => 0 };
                return new ImageHeader(ImageFormat.Npy, shape[1], shape[0], length, dtype.Size(), 0, bitDepth, dtype);
            }

            stream.Close();
            PngInfo png = PngDecoder.ReadInfoFile(fullPath);
            int sample = png.Is16Bit ? 2 : 1;
            int channels = png.Channels;
            return new ImageHeader(ImageFormat.Png, png.Width, png.Height, length, channels * sample, channels == 1 ? 0 : sample, png.Is16Bit ? 16 : 8, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImageFormatException)
        {
            return null;
        }
    }

    /// <summary>A header for pixels made in memory (the demo phantom, the bench image): 8-bit grey, no file.</summary>
    public static ImageHeader Synthetic(int width, int height) => new(ImageFormat.Png, width, height, 0, 1, 0, 8, null);
}

using FastXray.Cli.Ops;
using FastXray.Imaging;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;

namespace FastXray.Cli.Pipeline;

/// <summary>
/// Input bytes in, output bytes out: decode, run the op chain, encode. <c>filter</c> and <c>batch</c> both call
/// this, so the same file gives byte-identical output through either command. Pure: no I/O, no shared state.
/// </summary>
internal static class ImagePipeline
{
    /// <summary>Processes one file held in memory.</summary>
    /// <exception cref="ImageFormatException">The input is malformed, unsupported or over a decode limit.</exception>
    /// <exception cref="ArgumentException">A kernel rejected the parameters for this image.</exception>
    /// <param name="input">The file's bytes.</param>
    /// <param name="chain">The ops.</param>
    /// <param name="output">The encoding.</param>
    /// <param name="threads">Row-band workers per op; the output bytes are the same for every value.</param>
    public static byte[] Process(byte[] input, OpChain chain, OutputOptions output, int threads = 1)
    {
        using DecodedImage decoded = ImageFile.Decode(input, output.Dicom);

        // A DICOM file with no ops is written as a viewer shows it (DicomOutput); with ops, the ops see modality values.
        Image<float> result = chain.Ops.Count == 0 && decoded.Dicom is { } rendering
            ? DicomOutput.Render(decoded.Pixels, rendering, output)
            : chain.Run(decoded.Pixels, OpContext.ForSource(decoded.BitDepth) with { Dicom = decoded.Dicom }, threads);
        try
        {
            return Encode(result, output);
        }
        finally
        {
            if (!ReferenceEquals(result, decoded.Pixels))
            {
                ImageBuffers.Return(result);
            }
        }
    }

    /// <summary>Encodes a float32 result as <paramref name="output"/> says.</summary>
    public static byte[] Encode(Image<float> image, OutputOptions output)
    {
        // Sized for the largest output up front (Memory.Planner.Encode plans exactly this): a growing stream would
        // double through several buffers that the GC may not have collected when the peak is reached.
        long bound = output.Format == ImageFormat.Npy ? ((long)image.Width * image.Height * 4) + 128
            : output.Colormap is not null || output.Format != ImageFormat.Png ? 0
            : Memory.Planner.PngBound(image.Width, image.Height, output.Depth == 16 ? 2 : 1);
        using var stream = bound is > 0 and <= int.MaxValue ? new MemoryStream((int)bound) : new MemoryStream();
        switch (output.Format)
        {
            case ImageFormat.Npy:
            {
                // Straight from the image's rows (no whole-image copies: a gigabyte at 16384²), checking for
                // cancellation every 64 rows; the bytes equal NpyFile.Write of the same array. The stream was sized
                // above for the header (128 bytes for a 2-D float32 array) and the data.
                NpyFile.WriteHeader(stream, NpyDType.Float32, [image.Height, image.Width]);
                for (int y = 0; y < image.Height; y++)
                {
                    if ((y & 63) == 0)
                    {
                        FastXray.Threading.KernelCancellation.ThrowIfRequested();
                    }

                    stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(image.Row(y)));
                }

                break;
            }
            case ImageFormat.Png:
                EncodePng(stream, image.AsReadOnlySpan(), output);
                break;
            default:
                FormatEncoder.Encode(stream, image.AsReadOnlySpan(), output);
                break;
        }

        FastXray.Threading.KernelCancellation.ThrowIfRequested();
        return stream.ToArray();
    }

    /// <summary>PNG by the documented rule: a colormap gives its colours over the result's own range (Matplotlib's
    /// <c>imsave</c>; palette or grey PNG, see <see cref="PanelWriter"/>), otherwise <see cref="SampleScaler"/> gives 8- or 16-bit grey.</summary>
    private static void EncodePng(Stream stream, ReadOnlyImageSpan<float> image, OutputOptions output)
    {
        if (output.Colormap is { } map)
        {
            stream.Write(PanelWriter.EncodePng(image, map));
        }
        else if (output.Depth == 16)
        {
            PngEncoder.Encode(stream, SampleScaler.ToUInt16(image, output.Scale), image.Width, image.Height, PngColorType.Gray);
        }
        else
        {
            PngEncoder.Encode(stream, SampleScaler.ToUInt8(image, output.Scale), image.Width, image.Height, PngColorType.Gray);
        }
    }
}

using FastXray.Imaging.Bmp;
using FastXray.Imaging.Jpeg;
using FastXray.Imaging.Tga;
using FastXray.Imaging.Tiff;

namespace FastXray.Cli.Pipeline;

/// <summary>
/// The outputs besides PNG and NPY: JPEG (our single-component encoder for grey; 4:2:0 RGB through
/// StbImageWriteSharp for a colormap), BMP and TGA (our encoders, Pillow's bytes), TIFF (our encoder, Deflate with
/// the horizontal predictor). Grey samples come
/// from <see cref="SampleScaler"/> by the same rule as PNG, so a .png and a .jpg of one result start from the same bytes.
/// </summary>
internal static class FormatEncoder
{
    public static void Encode(Stream stream, ReadOnlyImageSpan<float> image, OutputOptions output)
    {
        int w = image.Width;
        int h = image.Height;
        if (output.Format == ImageFormat.Tiff && output.Depth == 16)
        {
            TiffEncoder.Encode(stream, SampleScaler.ToUInt16(image, output.Scale), w, h, TiffCompression.Deflate);
            return;
        }

        // A colormap gives RGB over the result's own range (as PNG output); otherwise grey by the PNG rule.
        bool rgb = output.Colormap is not null;
        byte[] samples = output.Colormap is { } map ? PanelWriter.Render(image, map) : SampleScaler.ToUInt8(image, output.Scale);
        switch (output.Format)
        {
            case ImageFormat.Jpeg when rgb:
                JpegEncoder.EncodeRgb(stream, samples, w, h, output.Quality);
                break;
            case ImageFormat.Jpeg:
                JpegEncoder.EncodeGray(stream, samples, w, h, output.Quality);
                break;
            case ImageFormat.Bmp when rgb:
                BmpEncoder.EncodeRgb(stream, samples, w, h);
                break;
            case ImageFormat.Bmp:
                BmpEncoder.EncodeGray(stream, samples, w, h);
                break;
            case ImageFormat.Tga when rgb:
                TgaEncoder.EncodeRgb(stream, samples, w, h);
                break;
            case ImageFormat.Tga:
                TgaEncoder.EncodeGray(stream, samples, w, h);
                break;
            default:
                // OutputArgs refuses --colormap for TIFF.
                TiffEncoder.Encode(stream, samples, w, h, TiffCompression.Deflate);
                break;
        }
    }
}

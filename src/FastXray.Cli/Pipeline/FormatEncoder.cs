using FastXray.Imaging.Jpeg;
using FastXray.Imaging.StbWrite;
using FastXray.Imaging.Tiff;

namespace FastXray.Cli.Pipeline;

/// <summary>
/// The outputs besides PNG and NPY: JPEG (our single-component encoder for grey, 4:2:0 RGB for a colormap),
/// BMP and TGA (StbImageWriteSharp), TIFF (our encoder, Deflate with the horizontal predictor). Grey samples come
/// from <see cref="SampleScaler"/> by the same rule as PNG, so a .png and a .jpg of one result start from the same bytes.
/// </summary>
internal static class FormatEncoder
{
    public static void Encode(Stream stream, ReadOnlyImageSpan<float> image, OutputOptions output)
    {
        int w = image.Width;
        int h = image.Height;
        if (output.Colormap is { } map)
        {
            byte[] rgb = PanelWriter.Render(image, map);
            switch (output.Format)
            {
                case ImageFormat.Jpeg:
                    JpegEncoder.EncodeRgb(stream, rgb, w, h, output.Quality);
                    break;
                case ImageFormat.Bmp:
                    BmpEncoder.EncodeRgb(stream, rgb, w, h);
                    break;
                default:
                    TgaEncoder.EncodeRgb(stream, rgb, w, h);
                    break;
            }

            return;
        }

        if (output.Format == ImageFormat.Tiff && output.Depth == 16)
        {
            TiffEncoder.Encode(stream, SampleScaler.ToUInt16(image, output.Scale), w, h, TiffCompression.Deflate);
            return;
        }

        byte[] grey = SampleScaler.ToUInt8(image, output.Scale);
        switch (output.Format)
        {
            case ImageFormat.Jpeg:
                JpegEncoder.EncodeGray(stream, grey, w, h, output.Quality);
                break;
            case ImageFormat.Bmp:
                BmpEncoder.EncodeGray(stream, grey, w, h);
                break;
            case ImageFormat.Tga:
                TgaEncoder.EncodeGray(stream, grey, w, h);
                break;
            default:
                TiffEncoder.Encode(stream, grey, w, h, TiffCompression.Deflate);
                break;
        }
    }
}

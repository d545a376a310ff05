using FastXray.Cli.Pipeline;
using FastXray.Imaging.Bmp;
using FastXray.Imaging.Jpeg;
using FastXray.Imaging.Formats;
using FastXray.Imaging.Tga;
using FastXray.Imaging.Tiff;

namespace FastXray.Cli.Commands;

/// <summary>
/// The codec pseudo-ops of <c>bench</c> besides PNG: each format's encoder on the bench image (grey; TIFF keeps
/// a 16-bit image 16-bit), and its decoder on the bytes that encoder wrote, each as the CLI runs it.
/// </summary>
internal static class BenchCodecs
{
    /// <summary>The names, in the order <c>bench</c> lists them.</summary>
    public static readonly string[] Names =
    [
        "jpeg_decode", "jpeg_encode", "tiff_decode", "tiff_encode", "bmp_decode", "bmp_encode", "tga_decode", "tga_encode",
    ];

    /// <summary>The timed action for <paramref name="spec"/>, or null when it is not a codec op.</summary>
    public static Action? Prepare(string spec, GrayInput input)
    {
        int w = input.Width;
        int h = input.Height;
        string[] parts = spec.Split('_');
        if (parts.Length != 2 || Array.IndexOf(Names, spec) < 0)
        {
            return null;
        }

        byte[] grey = input.Pixels8 ?? Scale8(input);
        Action<Stream> encode = parts[0] switch
        {
            "jpeg" => s => JpegEncoder.EncodeGray(s, grey, w, h, OutputOptions.DefaultQuality),
            "bmp" => s => BmpEncoder.EncodeGray(s, grey, w, h),
            "tga" => s => TgaEncoder.EncodeGray(s, grey, w, h),
            _ when input.Pixels16 is { } p16 => s => TiffEncoder.Encode(s, p16, w, h, TiffCompression.Deflate),
            _ => s => TiffEncoder.Encode(s, grey, w, h, TiffCompression.Deflate),
        };
        var sink = new MemoryStream((w * h * 3) + 65536);
        encode(sink);
        byte[] file = sink.ToArray();
        if (parts[1] == "encode")
        {
            return () =>
            {
                sink.Position = 0;
                encode(sink);
            };
        }

        // Decoded as the CLI decodes it (format identification, then the decoder the format routes to): a JPEG
        // through our DCT decoder, progressive ones through StbImageSharp.
        return () => ImageDecoder.DecodeGray(file);
    }

    /// <summary>The image as 8-bit grey by the CLI's default output rule, for the 8-bit formats.</summary>
    private static byte[] Scale8(GrayInput input) =>
        SampleScaler.ToUInt8(new ReadOnlyImageSpan<float>(input.ToSingle(), input.Width, input.Height), ScaleMode.Auto);
}

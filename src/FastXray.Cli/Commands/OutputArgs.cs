using FastXray.Cli.Arguments;
using FastXray.Cli.Ops;
using FastXray.Cli.Pipeline;

namespace FastXray.Cli.Commands;

/// <summary>The options <c>filter</c> and <c>batch</c> share: the op chain and the output encoding.</summary>
internal static class OutputArgs
{
    public static readonly OptionSpec Op = new("op", null, "SPEC", "an op, e.g. gaussian_filter:sigma=2 (repeat to chain; see 'fastxray ops')", Repeatable: true);
    public static readonly OptionSpec Scale = new("scale", null, "auto|clip|none", "integer outputs: float to integer rule (default auto; see below)");
    public static readonly OptionSpec Depth = new("depth", null, "8|16", "PNG, TIFF: bits per sample (default 8)");
    public static readonly OptionSpec Colormap = new("colormap", null, "NAME", "PNG, JPEG, BMP, TGA: write RGB through a colormap");
    public static readonly OptionSpec Quality = new("quality", null, "Q", $"JPEG: libjpeg quality 1..100 (default {OutputOptions.DefaultQuality})");

    public static readonly OptionSpec OutputDType = new("output-dtype", null, "float32|input", "float32 (default): the float32 chain; input: scipy's integer output for 8/16-bit input (see below)");

    /// <summary>
    /// Applies <c>--output-dtype</c>: with <c>input</c>, checks that every op of <paramref name="chain"/> has scipy's
    /// integer-output form and marks <paramref name="options"/> to keep the input's dtype.
    /// </summary>
    public static OutputOptions ParseOutputDType(ParsedArgs args, OpChain chain, OutputOptions options)
    {
        if (args.Choice(OutputDType.Name, "float32", "float32", "input") != "input")
        {
            return options;
        }

        if (args.Has(Scale.Name) || args.Has(Depth.Name))
        {
            throw new UsageException("--output-dtype input writes the input's dtype unscaled; it takes no --scale or --depth");
        }

        IntegerStoreOps.Check(chain);
        return options with { KeepInputDType = true };
    }

    /// <summary>Threads inside one image (row bands); <c>filter</c> and <c>batch</c> document their defaults.</summary>
    public static OptionSpec Threads(string defaultText) =>
        new("threads", null, "N", $"threads inside one image, in row bands (default {defaultText}); output is identical for every N");

    /// <summary>Help text on how --threads splits work.</summary>
    public const string ThreadRules = """

        Threads: an op splits the image into horizontal bands, each computed from its rows plus the op's
        reach (e.g. the Gaussian radius, 1 for Sobel) with border handling at the true image edges, so
        the result is byte-identical for every --threads (and --jobs). Images under 512x512 pixels,
        whole-image ops and mode=wrap run on one thread.
        """;

    /// <summary>Parses <c>--threads</c> (1..1024).</summary>
    public static int ParseThreads(ParsedArgs args, int fallback) => args.Int("threads", fallback, 1, 1024);

    /// <summary>Help text shared by both commands.</summary>
    public const string Rules = """
        Ops run left to right on a float32 copy of the image's stored values (16-bit stays 0..65535);
        with no --op the image is converted as it is. SPEC is NAME or NAME:key=value,key=value with
        JSON arrays allowed as values (e.g. convolve:weights=[[1,1,1],[0,0,0],[-1,-1,-1]]).

        Output by format:
          .npy  the float32 result, unscaled (2-D array, C order)
          .jpg  8-bit grey JPEG (one component, baseline, libjpeg's tables; --quality, default 90),
                RGB 4:2:0 with --colormap
          .bmp  8-bit grey (stored as 24-bit BMP), .tga 8-bit grey; RGB with --colormap
          .tif  8-bit grey (or 16 with --depth 16), Deflate-compressed with the horizontal predictor
          .png  8-bit grey (or 16 with --depth 16, RGB with --colormap); integer outputs all scale as:
                --scale auto  values already in 0..255 (0..65535) are written as they are, rounded
                              half to even; otherwise min-max scaled:
                              round_half_even((v - min) * top / (max - min))
                --scale clip  round_half_even(clamp(v, 0, top))
                --scale none  NumPy astype: truncate toward zero, wrap modulo 2^bits (scipy's integer output)
                NaN is written as 0; -inf as 0 and +inf as top (auto, clip).
                --colormap NAME  8-bit RGB through a Matplotlib colormap over the result's own
                              finite min..max (what plt.imsave does); a wrong name lists the valid ones
        """;

    public static OpChain ParseChain(ParsedArgs args) => OpChain.Parse(args.GetAll(Op.Name), OpRegistry.Default);

    /// <summary>Builds output options for <paramref name="format"/>, rejecting options the format cannot honour.</summary>
    public static OutputOptions Parse(ParsedArgs args, ImageFormat format)
    {
        if (format == ImageFormat.Npy)
        {
            foreach (OptionSpec o in new[] { Scale, Depth, Colormap, Quality })
            {
                if (args.Has(o.Name))
                {
                    throw new UsageException($"--{o.Name} does not apply to .npy output (it holds the unscaled float32 result)");
                }
            }

            return new OutputOptions(ImageFormat.Npy) { Dicom = InputArgs.Parse(args) };
        }

        ScaleMode scale = args.Choice(Scale.Name, "auto", "auto", "clip", "none") switch
        {
            "clip" => ScaleMode.Clip,
            "none" => ScaleMode.None,
            _ => ScaleMode.Auto,
        };
        int depth = int.Parse(args.Choice(Depth.Name, "8", "8", "16"), System.Globalization.CultureInfo.InvariantCulture);
        if (depth == 16 && format is not (ImageFormat.Png or ImageFormat.Tiff))
        {
            throw new UsageException($"--depth 16: {Name(format)} holds 8 bits per sample; write .png or .tif for 16");
        }

        if (args.Has(Quality.Name) && format != ImageFormat.Jpeg)
        {
            throw new UsageException($"--quality applies to JPEG output only, not {Name(format)}");
        }

        int quality = args.Int(Quality.Name, OutputOptions.DefaultQuality, 1, 100);
        string? colormap = args.Get(Colormap.Name);
        if (colormap is not null)
        {
            if (format == ImageFormat.Tiff)
            {
                throw new UsageException("--colormap writes RGB to PNG, JPEG, BMP or TGA; TIFF output is grey");
            }

            if (!FastXray.Color.Colormap.TryGet(colormap, out _))
            {
                throw new UsageException($"--colormap {colormap}: unknown colormap; valid: {string.Join(", ", FastXray.Color.Colormap.Names)}");
            }

            if (depth != 8 || args.Has(Scale.Name))
            {
                throw new UsageException("--colormap writes 8-bit RGB over the result's own range; it takes no --depth 16 or --scale");
            }
        }

        return new OutputOptions(format, scale, depth, colormap, quality) { Dicom = InputArgs.Parse(args) };
    }

    private static string Name(ImageFormat format) => format == ImageFormat.Jpeg ? "JPEG" : format.ToString().ToUpperInvariant();
}

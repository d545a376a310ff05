using FastXray.Cli.Arguments;
using FastXray.Cli.Memory;
using FastXray.Cli.Ops;
using FastXray.Cli.Pipeline;

namespace FastXray.Cli.Commands;

/// <summary><c>fastxray filter IN -o OUT --op SPEC ...</c>: one file through an op chain.</summary>
internal static class FilterCommand
{
    private static readonly OptionSpec Output = new("output", 'o', "OUT", "output file: .png, .npy, .jpg, .bmp, .tga or .tif (required)");
    private static readonly OptionSpec Threads = OutputArgs.Threads("the number of cores");

    public static CommandSpec Spec { get; } = new(
        "filter",
        "Run an op chain on one image (PNG, JPEG, TIFF, DICOM, BMP, TGA, PSD, HDR or 2-D NPY) and write PNG, NPY, JPEG, TIFF, BMP or TGA.",
        "IN -o OUT [--op SPEC ...] [--scale auto|clip|none] [--depth 8|16] [--colormap NAME] [--quality Q] [--output-dtype float32|input] [--frame N] [--no-rescale] [--threads N] [--max-memory SIZE] [--plan]",
        Run,
        [Output, OutputArgs.Op, OutputArgs.Scale, OutputArgs.Depth, OutputArgs.Colormap, OutputArgs.Quality, OutputArgs.OutputDType, InputArgs.Frame, InputArgs.NoRescale, Threads, MemoryBudget.Option, MemoryCheck.PlanOption],
        minPositionals: 1,
        maxPositionals: 1,
        details: OutputArgs.Rules + DTypeRules + "\n" + InputArgs.DicomRules + OutputArgs.ThreadRules + """

            The output is written to a temporary file beside OUT and renamed into place when complete;
            OUT may not be the input file. Example:
              fastxray filter chest.png -o edges.png --op gaussian_filter:sigma=2 --op sobel:axis=0
            """);

    /// <summary>Help text for <c>--output-dtype</c>.</summary>
    internal const string DTypeRules = """

        --output-dtype input: what scipy.ndimage returns for a uint8/uint16 image called without
        output= (e.g. ndi.convolve(im, weights), ndi.gaussian_filter(im, sigma=5)). The result keeps
        the input's dtype; every sample is computed in float64 (scipy's kernels and summation order)
        and stored by the C cast: truncate toward zero, wrap modulo 2^bits (-3 -> 253, 300.7 -> 44).
        Separable filters store after EACH 1-D pass (a uint8 Gaussian is truncated between the axis-0
        and axis-1 passes; sobel's [-1,0,1] pass wraps before the [1,2,1] pass); every op of a chain
        stores its result, as calling the functions one after another does. Rank filters give window
        samples (cval as scipy: cast to the dtype first, except for the separable min/max), binary_*
        and mask give 0/1, where keeps the samples. Output is written as it is: .npy as uint8/uint16,
        PNG/TIFF at the input's depth with no scaling (--scale none), JPEG/BMP/TGA for uint8 only,
        --colormap over the values' min..max. Ops whose NumPy/scipy result is a float (sobel_magnitude,
        prewitt_magnitude, fourier_gaussian, fft_gaussian, equalize method=cdf, normalize, canny,
        window) are a usage error. A float input (or DICOM modality values) stays float32.
        """;

    private static int Run(ParsedArgs args, CliContext context)
    {
        string input = args.Positionals[0];
        string output = args.Get(Output.Name) ?? throw new UsageException("missing -o OUT");
        ImageFormat format = ImageFile.FromExtension(output)
            ?? throw new UsageException($"-o {output}: the output name must end in {ImageFile.OutputNames}");
        OpChain chain = OutputArgs.ParseChain(args);
        OutputOptions options = OutputArgs.Parse(args, format);
        options = OutputArgs.ParseOutputDType(args, chain, options);
        int threads = OutputArgs.ParseThreads(args, Environment.ProcessorCount);

        string inputFull = context.FullPath(input);
        string outputFull = context.FullPath(output);
        var identity = new PathIdentity();
        if (PathIdentity.Comparer.Equals(identity.Canonical(inputFull), identity.Canonical(outputFull)))
        {
            throw new UsageException($"-o {output} is the input file; refusing to overwrite an input");
        }

        if (MemoryCheck.Filter(args, context, inputFull, input, chain, options, threads))
        {
            return ExitCodes.Ok;
        }

        byte[] bytes = FileIO.ReadInput(inputFull, input);
        byte[] result = Run(bytes, input, chain, options, threads);
        FileIO.WriteOutput(outputFull, output, result);
        return ExitCodes.Ok;
    }

    /// <summary>The shared per-file step with input problems attributed to <paramref name="display"/>.</summary>
    internal static byte[] Run(byte[] bytes, string display, OpChain chain, OutputOptions options, int threads = 1)
    {
        try
        {
            return options.KeepInputDType
                ? IntegerStorePipeline.Process(bytes, chain, options, threads)
                : ImagePipeline.Process(bytes, chain, options, threads);
        }
        catch (UsageException e) when (options.KeepInputDType)
        {
            // Only known after decoding (a uint16 result for an 8-bit format): a problem with this file's output.
            throw new FileProblemException(display, e.Message, e);
        }
        catch (FastXray.Imaging.ImageFormatException e)
        {
            throw new FileProblemException(display, e.Problem, e);
        }
        catch (ArgumentException e)
        {
            // A kernel rejected the parameters for this particular image (e.g. its size).
            throw new FileProblemException(display, FirstLine(e.Message), e);
        }
    }

    private static string FirstLine(string s)
    {
        int nl = s.IndexOf('\n', StringComparison.Ordinal);
        return (nl < 0 ? s : s[..nl]).TrimEnd();
    }
}

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
        "IN -o OUT [--op SPEC ...] [--scale auto|clip|none] [--depth 8|16] [--colormap NAME] [--quality Q] [--frame N] [--no-rescale] [--threads N] [--max-memory SIZE] [--plan]",
        Run,
        [Output, OutputArgs.Op, OutputArgs.Scale, OutputArgs.Depth, OutputArgs.Colormap, OutputArgs.Quality, InputArgs.Frame, InputArgs.NoRescale, Threads, MemoryBudget.Option, MemoryCheck.PlanOption],
        minPositionals: 1,
        maxPositionals: 1,
        details: OutputArgs.Rules + InputArgs.DicomRules + OutputArgs.ThreadRules + """

            The output is written to a temporary file beside OUT and renamed into place when complete;
            OUT may not be the input file. Example:
              fastxray filter chest.png -o edges.png --op gaussian_filter:sigma=2 --op sobel:axis=0
            """);

    private static int Run(ParsedArgs args, CliContext context)
    {
        string input = args.Positionals[0];
        string output = args.Get(Output.Name) ?? throw new UsageException("missing -o OUT");
        ImageFormat format = ImageFile.FromExtension(output)
            ?? throw new UsageException($"-o {output}: the output name must end in {ImageFile.OutputNames}");
        OpChain chain = OutputArgs.ParseChain(args);
        OutputOptions options = OutputArgs.Parse(args, format);
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
            return ImagePipeline.Process(bytes, chain, options, threads);
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

using FastXray.Cli.Arguments;
using FastXray.Cli.Pipeline;
using FastXray.Cli.Tutorial;

namespace FastXray.Cli.Commands;

/// <summary><c>fastxray tutorial IN [-o DIR] [--npy] [--exact]</c>: every panel of the NumPy X-ray tutorial.</summary>
internal static class TutorialCommand
{
    private static readonly OptionSpec Output = new("output", 'o', "DIR", "output folder (default: <stem>-tutorial)");
    private static readonly OptionSpec Npy = new("npy", null, null, "also write each panel's raw array as <panel>.npy");
    private static readonly OptionSpec Exact = new("exact", null, null, "reproduce the tutorial's own uint8/float16/float64 arrays (wraparound included)");

    public static CommandSpec Spec { get; } = new(
        "tutorial",
        "Run the NumPy X-ray tutorial on one image: edge panels, masks, comparison figure, histogram, stats.",
        "IN [-o DIR] [--npy] [--exact]",
        Run,
        [Output, Npy, Exact],
        minPositionals: 1,
        maxPositionals: 1,
        details: """
            Panels: laplace_gaussian (sigma 1), gaussian_gradient (sigma 2), sobel (hypot of both axes, x255/max),
            canny (fourier_gaussian sigma 0.05, Prewitt, hypot, x255/max), mask_noisy (where > 150), mask_less_noisy
            (1/0), each as PNG with the tutorial's colormaps; compare.png (the tutorial's final figure);
            histogram.png/.svg/.csv (ndimage.histogram, 256 bins over the image's own range); stats.json.
            Default: float32 panels (what the tutorial means). --exact: the arrays the tutorial's code returns for a
            uint8 image, where scipy keeps uint8 (negative Laplacians wrap to 253...) and np.hypot is float16.
            """);

    private static int Run(ParsedArgs args, CliContext context)
    {
        string input = args.Positionals[0];
        string outDir = args.Get(Output.Name) ?? Path.GetFileNameWithoutExtension(input) + "-tutorial";
        GrayInput image = GrayInput.Load(context.FullPath(input), input);
        IReadOnlyList<string> files = TutorialRunner.Run(image, input, context.FullPath(outDir), args.Has(Npy.Name), args.Has(Exact.Name));
        context.Out.WriteLine($"{input}: {image.Width}x{image.Height} {image.DType}, {(args.Has(Exact.Name) ? "exact" : "float32")} panels -> {outDir}/");
        foreach (string f in files)
        {
            context.Out.WriteLine("  " + f);
        }

        return ExitCodes.Ok;
    }
}

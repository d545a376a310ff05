using FastXray.Cli.Arguments;
using FastXray.Cli.Memory;
using FastXray.Cli.Pipeline;
using FastXray.Cli.Tutorial;
using FastXray.Imaging.Png;
using FastXray.Synthetic;

namespace FastXray.Cli.Commands;

/// <summary><c>fastxray demo [-o DIR]</c>: the tutorial on a built-in synthetic chest phantom; needs no data.</summary>
internal static class DemoCommand
{
    private static readonly OptionSpec Output = new("output", 'o', "DIR", "output folder (default: fastxray-demo)");
    private static readonly OptionSpec Size = new("size", null, "N", "phantom size in pixels (default 1024)");

    public static CommandSpec Spec { get; } = new(
        "demo",
        "Generate a synthetic chest radiograph and run the whole tutorial on it (no input data needed).",
        "[-o DIR] [--size N] [--max-memory SIZE] [--plan]",
        Run,
        [Output, Size, MemoryBudget.Option, MemoryCheck.PlanOption],
        maxPositionals: 0);

    private static int Run(ParsedArgs args, CliContext context)
    {
        string outDir = args.Get(Output.Name) ?? "fastxray-demo";
        int size = args.Int(Size.Name, 1024, 8, 16384);

        // Before anything is made or written: a phantom the budget cannot hold is refused with one line.
        MemoryBudget budget = MemoryBudget.From(args, context);
        MemoryPlan plan = CommandPlans.Tutorial(ImageHeader.Synthetic(size, size), npy: true, exact: false, Environment.ProcessorCount, synthetic: true);
        if (args.Has(MemoryCheck.PlanOption.Name))
        {
            MemoryCheck.Print(context, plan, budget);
            return ExitCodes.Ok;
        }

        budget.Require(plan, "demo");
        string full = context.FullPath(outDir);
        Directory.CreateDirectory(full);
        byte[] phantom = ChestPhantom.Generate(size, size);
        using (var stream = new MemoryStream())
        {
            PngEncoder.Encode(stream, phantom, size, size, PngColorType.Gray);
            FileIO.WriteOutput(Path.Combine(full, "phantom.png"), "phantom.png", stream.ToArray());
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<string> files;
        try
        {
            files = TutorialRunner.Run(GrayInput.FromBytes(phantom, size, size), "phantom.png", full, npy: true, exact: false,
                threads: Environment.ProcessorCount);
        }
        catch (Exception e) when (Interrupted.Is(e, context))
        {
            throw new CommandInterruptedException($"kept {outDir}/phantom.png (whole); no tutorial file written");
        }

        context.Out.WriteLine($"phantom.png: {size}x{size} uint8 synthetic chest radiograph; tutorial in {started.Elapsed.TotalMilliseconds:F0} ms -> {outDir}/");
        context.Out.WriteLine("  phantom.png");
        foreach (string f in files)
        {
            context.Out.WriteLine("  " + f);
        }

        return ExitCodes.Ok;
    }
}

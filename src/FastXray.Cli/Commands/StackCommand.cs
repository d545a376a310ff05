using FastXray.Cli.Arguments;
using FastXray.Cli.Pipeline;
using FastXray.Imaging.Gif;

namespace FastXray.Cli.Commands;

/// <summary><c>fastxray stack IN... -o OUT.gif [--duration MS]</c>: the tutorial's animation (imageio.mimwrite).</summary>
internal static class StackCommand
{
    private static readonly OptionSpec Output = new("output", 'o', "OUT.gif", "the animated GIF to write");
    private static readonly OptionSpec Duration = new("duration", null, "MS", "time each frame is shown, in ms (default 1000, as the tutorial; GIF stores 10 ms units)");
    private static readonly OptionSpec Loop = new("loop", null, "N", "times to play, 0 = forever (default 0)");

    public static CommandSpec Spec { get; } = new(
        "stack",
        "Stack grey images of one size into a looping animated GIF; 8-bit frames read back identical.",
        "IN... -o OUT.gif [--duration MS] [--loop N] [--frame N|all] [--no-rescale] [--max-memory SIZE]",
        Run,
        [Output, Duration, Loop, InputArgs.FrameOrAll, InputArgs.NoRescale, Memory.MemoryBudget.Option],
        minPositionals: 1,
        details: "8-bit frames use an exact 256-level grey palette (no dithering). 16-bit and float frames are min-max scaled to 0..255 over the whole stack. A multi-frame DICOM input gives all its frames (--frame N: one), each as a viewer shows it (its VOI, MONOCHROME1 inverted).");

    private static int Run(ParsedArgs args, CliContext context)
    {
        string output = args.Get(Output.Name) ?? throw new UsageException("stack needs -o OUT.gif");
        if (!output.EndsWith(".gif", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"-o {output}: the output must be a .gif file");
        }

        int duration = args.Int(Duration.Name, 1000, 0, 655350);
        int loop = args.Int(Loop.Name, 0, 0, 65535);
        Memory.MemoryCheck.RequireAll(args, context, Memory.CommandPlans.Stack);

        int? only = InputArgs.ParseFrameOrAll(args);
        bool rescale = !args.Has(InputArgs.NoRescale.Name);
        var frames = new List<GrayInput>();
        foreach (string input in args.Positionals)
        {
            GrayInput first = GrayInput.Load(context.FullPath(input), input, new(only ?? 0, rescale));
            int count = only is null && first.Dicom is { } dicom ? dicom.File.NumberOfFrames : 1;
            for (int f = 0; f < count; f++)
            {
                GrayInput frame = (f == 0 ? first : GrayInput.Load(context.FullPath(input), input, new(f, rescale))).Displayed();
                frames.Add(frame);
                if (GrayStack.FirstMismatch(frames) > 0)
                {
                    throw new FileProblemException(input, $"is {frame.Width}x{frame.Height}; the first frame is {frames[0].Width}x{frames[0].Height} (all frames must match)");
                }
            }
        }

        int w = frames[0].Width;
        int h = frames[0].Height;
        GrayStack.WriteGif(context.FullPath(output), output, frames, new GifOptions { DelayMs = duration, LoopCount = loop });
        context.Out.WriteLine($"{output}: {frames.Count} frames {w}x{h}, {duration} ms each");
        return ExitCodes.Ok;
    }
}

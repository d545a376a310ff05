using FastXray.Cli.Arguments;
using FastXray.Cli.Memory;
using FastXray.Cli.Pipeline;
using FastXray.Cli.Tutorial;
using FastXray.Imaging;

namespace FastXray.Cli.Commands;

/// <summary><c>fastxray tutorial IN... [-o DIR] [--npy] [--exact] [--no-figure] [--jobs N]</c>: every panel of the NumPy X-ray tutorial.</summary>
internal static class TutorialCommand
{
    private static readonly OptionSpec Output = new("output", 'o', "DIR", "output folder (default: <stem>-tutorial; with several inputs DIR/<stem>/, default tutorial-out)");
    private static readonly OptionSpec Npy = new("npy", null, null, "also write each panel's raw array as <panel>.npy");
    private static readonly OptionSpec Exact = new("exact", null, null, "reproduce the tutorial's own uint8/float16/float64 arrays (wraparound included)");
    private static readonly OptionSpec NoFigure = new("no-figure", null, null, "skip compare.png, the 9-panel comparison figure");
    private static readonly OptionSpec Jobs = new("jobs", 'j', "N", "images processed in parallel (default: number of cores)");
    private static readonly OptionSpec Threshold = new("threshold", null, "T", "mask level in stored units (default: the tutorial's 150 scaled to the image's significant bits)");
    private static readonly OptionSpec Duration = new("duration", null, "MS", "several inputs: time each progression.gif frame is shown, in ms (default 1000, as stack)");

    public static CommandSpec Spec { get; } = new(
        "tutorial",
        "Run the NumPy X-ray tutorial on one image or many: edge panels, masks, comparison figure, histogram, stats.",
        "IN... [-o DIR] [--npy] [--exact] [--no-figure] [--threshold T] [--duration MS] [--jobs N] [--max-memory SIZE] [--plan]",
        Run,
        [Output, Npy, Exact, NoFigure, Threshold, Duration, Jobs, MemoryBudget.Option, MemoryCheck.PlanOption],
        minPositionals: 1,
        maxPositionals: int.MaxValue,
        details: """
            Panels: laplace_gaussian (sigma 1), gaussian_gradient (sigma 2), sobel (hypot of both axes, x255/max),
            canny (fourier_gaussian sigma 0.05, Prewitt, hypot, x255/max), mask_noisy (where > 150), mask_less_noisy
            (1/0); original.png is the input itself (a PNG's own bytes; other formats' samples unchanged). File names
            follow one rule: <panel>.png is grey, <panel>_<colormap>.png a colour rendering (sobel_hot, canny_prism...).
            compare.png (the tutorial's final figure); histogram.png/.svg/.csv (ndimage.histogram, 256 bins over the
            image's own range); stats.json (statistics, histogram, the mask level used and why).
            Mask level: the tutorial's 150 is for 8-bit data. 16-bit images scale it to their significant bits:
            150 x (2^b - 1) / 255 with b from PNG sBIT when the samples fit in b bits, else the
            smallest depth >= 8 that holds the image's maximum (a 12-bit radiograph in a 16-bit PNG: 2408.82, not
            38550). A DICOM input runs on its displayed 8-bit image, so 150. --threshold T sets it in stored units.
            Titles and stats.json show the level used.
            Default: float32 panels (what the tutorial means). --exact: the arrays the tutorial's code returns for a
            uint8 image, where scipy keeps uint8 (negative Laplacians wrap to 253...) and np.hypot is float16.
            Several inputs: each goes to DIR/<stem>/ (two inputs with one stem are a usage error), --jobs at a time;
            a bad input is reported on one line and the others finish (exit code 1). The tutorial's step 2 goes to
            DIR/: progression.gif (one frame per input in input order, as 'stack', --duration) and progression.png
            (the frames side by side, titled with their file names); inputs of different sizes skip both with a note.
            """);

    private static int Run(ParsedArgs args, CliContext context)
    {
        IReadOnlyList<string> inputs = args.Positionals;
        bool npy = args.Has(Npy.Name);
        bool exact = args.Has(Exact.Name);
        bool figure = !args.Has(NoFigure.Name);
        int jobs = args.Int(Jobs.Name, Environment.ProcessorCount, 1, 1024);
        double? threshold = args.Number(Threshold.Name);
        int duration = args.Int(Duration.Name, 1000, 0, 655350);
        var gate = new MemoryGate(MemoryBudget.From(args, context));
        if (args.Has(MemoryCheck.PlanOption.Name))
        {
            var planned = new List<ImageHeader>();
            foreach (string input in inputs)
            {
                ImageHeader header = ImageHeader.TryRead(context.FullPath(input)) ?? throw new FileProblemException(input, "not a readable image or NPY header");
                MemoryCheck.Print(context, CommandPlans.Tutorial(header, npy, exact, inputs.Count == 1 ? jobs : 1), gate.Budget);
                planned.Add(header);
            }

            if (inputs.Count > 1)
            {
                MemoryCheck.Print(context, CommandPlans.Progression(planned), gate.Budget);
            }

            return ExitCodes.Ok;
        }
        if (inputs.Count == 1)
        {
            string input = inputs[0];
            string outDir = args.Get(Output.Name) ?? Path.GetFileNameWithoutExtension(input) + "-tutorial";
            return RunOne(input, ImageHeader.TryRead(context.FullPath(input)), outDir, npy, exact, figure, threshold, context, gate, listFiles: true, threads: jobs) is not null ? ExitCodes.Ok : ExitCodes.BadInput;
        }

        string root = args.Get(Output.Name) ?? "tutorial-out";
        var outDirs = new string[inputs.Count];
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < inputs.Count; i++)
        {
            string stem = Path.GetFileNameWithoutExtension(inputs[i]);
            if (!seen.TryAdd(stem, inputs[i]))
            {
                throw new UsageException($"{seen[stem]} and {inputs[i]} would both write {Path.Combine(root, stem)}/");
            }

            outDirs[i] = Path.Combine(root, stem);
        }

        // Images are independent: a shared counter hands them out so a slow image never holds up a worker. Each
        // finished image leaves its displayed frame for the progression animation, in its input's slot; those
        // frames are reserved for the whole run, and only when the largest image's own plan still fits beside them
        // (else a worker could wait forever for memory the frames never give back).
        var headers = inputs.Select(i => ImageHeader.TryRead(context.FullPath(i))).ToArray();
        MemoryPlan progression = CommandPlans.Progression([.. headers.OfType<ImageHeader>()]);
        // An image whose own plan exceeds the budget is refused by the gate anyway, so it does not count here.
        long largestImage = headers.OfType<ImageHeader>().Select(h => CommandPlans.Tutorial(h, npy, exact, 1).Total)
            .Where(t => t <= gate.Budget.Bytes).DefaultIfEmpty(0).Max();
        using MemoryGate.Reservation? progressionHeld = progression.Total + largestImage <= gate.Budget.Bytes ? gate.Reserve(progression, "progression") : null;
        var frames = progressionHeld is null ? null : new GrayInput?[inputs.Count];
        int next = -1;
        int failed = 0;
        int finished = 0;
        void Work()
        {
            int i;
            while (!context.Cancellation.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < inputs.Count)
            {
                bool ok;
                try
                {
                    GrayInput? done = RunOne(inputs[i], headers[i], outDirs[i], npy, exact, figure, threshold, context, gate, listFiles: false);
                    ok = done is not null;
                    if (frames is not null)
                    {
                        frames[i] = done?.WithoutFile();
                    }
                }
                catch (Exception e) when (Interrupted.Is(e, context))
                {
                    // In flight: a tutorial writes no file before all of its files are encoded, so nothing is left.
                    return;
                }
                catch (Exception e)
                {
                    // A defect must not abort the process from a worker thread (the other images would be lost):
                    // report it on the file's line and go on.
                    lock (context.Error)
                    {
                        context.Error.WriteLine($"fastxray: {inputs[i]}: internal error: {e.GetType().Name}: {e.Message}");
                    }

                    ok = false;
                }

                if (!ok)
                {
                    Interlocked.Increment(ref failed);
                }

                TestPause.After(context, "tutorial", Interlocked.Increment(ref finished));
            }
        }

        int threads = Math.Min(jobs, inputs.Count);
        var workers = new Thread[threads - 1];
        for (int t = 0; t < workers.Length; t++)
        {
            workers[t] = new Thread(Work) { IsBackground = true, Name = "fastxray-tutorial-" + t };
            workers[t].Start();
        }

        Work();
        foreach (Thread w in workers)
        {
            w.Join();
        }

        if (context.Cancellation.IsCancellationRequested)
        {
            return Interrupted.Report(context, $"{finished - failed} image(s) done, {failed} failed, {inputs.Count - finished} not started; re-run to finish");
        }

        if (frames is null)
        {
            context.Error.WriteLine($"fastxray: progression.gif/.png not written: its {ByteSize.Format(progression.Total)} of frames beside the largest image's {ByteSize.Format(largestImage)} exceed the memory budget {ByteSize.Format(gate.Budget.Bytes)} (--max-memory)");
        }
        else
        {
            WriteProgression(context, root, inputs, frames, duration);
        }
        return failed == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    /// <summary>
    /// The tutorial's step 2: the patient's images over time as an animation (progression.gif, as <c>stack</c>)
    /// and as one titled figure (progression.png), from the frames the images' tutorials already decoded.
    /// </summary>
    private static void WriteProgression(CliContext context, string root, IReadOnlyList<string> inputs, GrayInput?[] frames, int duration)
    {
        var done = new List<GrayInput>(inputs.Count);
        var titles = new List<string>(inputs.Count);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (frames[i] is { } f)
            {
                done.Add(f);
                titles.Add(Path.GetFileNameWithoutExtension(inputs[i]));
            }
        }

        if (done.Count == 0)
        {
            return;
        }

        if (GrayStack.FirstMismatch(done) is int odd and > 0)
        {
            context.Error.WriteLine($"fastxray: progression.gif/.png not written: {titles[odd]} is {done[odd].Width}x{done[odd].Height}, {titles[0]} is {done[0].Width}x{done[0].Height} (the frames of an animation must match)");
            return;
        }

        string dir = context.FullPath(root);
        GrayStack.WriteGif(Path.Combine(dir, "progression.gif"), Path.Combine(root, "progression.gif"), done, new FastXray.Imaging.Gif.GifOptions { DelayMs = duration });
        FileIO.WriteOutput(Path.Combine(dir, "progression.png"), Path.Combine(root, "progression.png"), GrayStack.MontagePng(done, titles, Math.Min(done.Count, 9), 256));
        context.Out.WriteLine($"{Path.Combine(root, "progression.gif")}: {done.Count} frames {done[0].Width}x{done[0].Height}, {duration} ms each; {Path.Combine(root, "progression.png")}");
    }

    /// <summary>One image; with several inputs a failure is reported here (one line) instead of ending the run.</summary>
    /// <returns>The image as the tutorial read it, or null when it failed (reported).</returns>
    private static GrayInput? RunOne(string input, ImageHeader? header, string outDir, bool npy, bool exact, bool figure, double? threshold, CliContext context, MemoryGate gate, bool listFiles, int threads = 1)
    {
        try
        {
            // Planned from the header before the pixels are read; several inputs share the budget (MemoryGate).
            using MemoryGate.Reservation? reservation = header is not null
                ? gate.Reserve(CommandPlans.Tutorial(header, npy, exact, threads), input, context.Cancellation)
                : null;
            GrayInput image = GrayInput.Load(context.FullPath(input), input).Displayed();
            if (exact && image.Pixels8 is null)
            {
                // A property of this file, not of the command line: with several inputs the others still run.
                throw new FileProblemException(input, $"--exact reproduces the tutorial's uint8 arrays; this input is {image.DType} (drop --exact for float32 panels)");
            }

            IReadOnlyList<string> files = TutorialRunner.Run(image, input, context.FullPath(outDir), npy, exact, figure, threads, threshold);
            lock (context.Out)
            {
                context.Out.WriteLine($"{input}: {image.Width}x{image.Height} {image.DType}, {(exact ? "exact" : "float32")} panels -> {outDir}/");
                if (listFiles)
                {
                    foreach (string f in files)
                    {
                        context.Out.WriteLine("  " + f);
                    }
                }
            }

            return image;
        }
        catch (Exception e) when (!listFiles && e is FileProblemException or ImageFormatException or IOException or UnauthorizedAccessException)
        {
            string line = e switch
            {
                FileProblemException f => $"{f.FileName}: {f.Problem}",
                ImageFormatException f => $"{f.FileName ?? input}: {f.Problem}",
                _ => $"{input}: {e.Message}",
            };
            lock (context.Error)
            {
                context.Error.WriteLine("fastxray: " + line);
            }

            return null;
        }
    }
}

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

    public static CommandSpec Spec { get; } = new(
        "tutorial",
        "Run the NumPy X-ray tutorial on one image or many: edge panels, masks, comparison figure, histogram, stats.",
        "IN... [-o DIR] [--npy] [--exact] [--no-figure] [--jobs N] [--max-memory SIZE] [--plan]",
        Run,
        [Output, Npy, Exact, NoFigure, Jobs, MemoryBudget.Option, MemoryCheck.PlanOption],
        minPositionals: 1,
        maxPositionals: int.MaxValue,
        details: """
            Panels: laplace_gaussian (sigma 1), gaussian_gradient (sigma 2), sobel (hypot of both axes, x255/max),
            canny (fourier_gaussian sigma 0.05, Prewitt, hypot, x255/max), mask_noisy (where > 150), mask_less_noisy
            (1/0), each as PNG with the tutorial's colormaps; compare.png (the tutorial's final figure);
            histogram.png/.svg/.csv (ndimage.histogram, 256 bins over the image's own range); stats.json.
            Default: float32 panels (what the tutorial means). --exact: the arrays the tutorial's code returns for a
            uint8 image, where scipy keeps uint8 (negative Laplacians wrap to 253...) and np.hypot is float16.
            Several inputs: each goes to DIR/<stem>/ (two inputs with one stem are a usage error), --jobs at a time;
            a bad input is reported on one line and the others finish (exit code 1).
            """);

    private static int Run(ParsedArgs args, CliContext context)
    {
        IReadOnlyList<string> inputs = args.Positionals;
        bool npy = args.Has(Npy.Name);
        bool exact = args.Has(Exact.Name);
        bool figure = !args.Has(NoFigure.Name);
        int jobs = args.Int(Jobs.Name, Environment.ProcessorCount, 1, 1024);
        var gate = new MemoryGate(MemoryBudget.From(args, context));
        if (args.Has(MemoryCheck.PlanOption.Name))
        {
            foreach (string input in inputs)
            {
                ImageHeader header = ImageHeader.TryRead(context.FullPath(input)) ?? throw new FileProblemException(input, "not a readable image or NPY header");
                MemoryCheck.Print(context, CommandPlans.Tutorial(header, npy, exact, inputs.Count == 1 ? jobs : 1), gate.Budget);
            }

            return ExitCodes.Ok;
        }
        if (inputs.Count == 1)
        {
            string input = inputs[0];
            string outDir = args.Get(Output.Name) ?? Path.GetFileNameWithoutExtension(input) + "-tutorial";
            return RunOne(input, outDir, npy, exact, figure, context, gate, listFiles: true, threads: jobs) ? ExitCodes.Ok : ExitCodes.BadInput;
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

        // Images are independent: a shared counter hands them out so a slow image never holds up a worker.
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
                    ok = RunOne(inputs[i], outDirs[i], npy, exact, figure, context, gate, listFiles: false);
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

        return failed == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    /// <summary>One image; with several inputs a failure is reported here (one line) instead of ending the run.</summary>
    private static bool RunOne(string input, string outDir, bool npy, bool exact, bool figure, CliContext context, MemoryGate gate, bool listFiles, int threads = 1)
    {
        try
        {
            // Planned from the header before the pixels are read; several inputs share the budget (MemoryGate).
            using MemoryGate.Reservation? reservation = ImageHeader.TryRead(context.FullPath(input)) is { } header
                ? gate.Reserve(CommandPlans.Tutorial(header, npy, exact, threads), input, context.Cancellation)
                : null;
            GrayInput image = GrayInput.Load(context.FullPath(input), input).Displayed();
            if (exact && image.Pixels8 is null)
            {
                // A property of this file, not of the command line: with several inputs the others still run.
                throw new FileProblemException(input, $"--exact reproduces the tutorial's uint8 arrays; this input is {image.DType} (drop --exact for float32 panels)");
            }

            IReadOnlyList<string> files = TutorialRunner.Run(image, input, context.FullPath(outDir), npy, exact, figure, threads);
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

            return true;
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

            return false;
        }
    }
}

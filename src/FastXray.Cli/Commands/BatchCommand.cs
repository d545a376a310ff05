using System.Text;
using FastXray.Cli.Arguments;
using FastXray.Cli.Batch;
using FastXray.Cli.Ops;
using FastXray.Cli.Pipeline;

namespace FastXray.Cli.Commands;

/// <summary><c>fastxray batch IN... -o OUTDIR --op SPEC ...</c>: many files, resumable, shardable, in parallel.</summary>
internal static class BatchCommand
{
    private static readonly OptionSpec Output = new("output", 'o', "OUTDIR", "output folder (created if missing; required)");
    private static readonly OptionSpec Format = new("format", null, "png|npy|jpg|bmp|tga|tif", "output format (default png)");
    private static readonly OptionSpec Jobs = new("jobs", 'j', "N", "images processed in parallel (default: number of cores)");
    private static readonly OptionSpec ShardOption = new("shard", null, "K/N|auto", "process only part K of N of the sorted input list");
    private static readonly OptionSpec Overwrite = new("overwrite", null, null, "redo every input and replace existing outputs");
    private static readonly OptionSpec ManifestOption = new("manifest", null, "FILE", "append one JSON line per input to FILE ('-' = stdout)");
    private static readonly OptionSpec FilesFrom = new("files-from", null, "FILE|-", "read input paths from FILE or stdin, one per line");
    private static readonly OptionSpec Recursive = new("recursive", 'r', null, "walk folders recursively and mirror sub-folders in OUTDIR");
    private static readonly OptionSpec Json = new("json", null, null, "print a JSON summary on stdout at the end");
    private static readonly OptionSpec Threads = OutputArgs.Threads("cores / jobs, at least 1");

    public static CommandSpec Spec { get; } = new(
        "batch",
        "Run an op chain on many images: parallel, resumable, shardable across machines.",
        "IN... -o OUTDIR [--op SPEC ...] [--format png|npy|jpg|bmp|tga|tif] [--quality Q] [--output-dtype float32|input] [--frame N|all] [--no-rescale] [--jobs N] [--shard K/N|auto] [--overwrite] [--manifest FILE] [--files-from FILE|-] [--recursive] [--json] [--threads N] [--max-memory SIZE]",
        Run,
        [Output, OutputArgs.Op, Format, OutputArgs.Scale, OutputArgs.Depth, OutputArgs.Colormap, OutputArgs.Quality, OutputArgs.OutputDType, InputArgs.BatchFrame, InputArgs.NoRescale, Jobs, ShardOption,
         Overwrite, ManifestOption, FilesFrom, Recursive, Json, Threads, Memory.MemoryBudget.Option],
        details: OutputArgs.Rules + FilterCommand.DTypeRules + "\n" + InputArgs.DicomRules + OutputArgs.ThreadRules + """

            Inputs: files, folders (their *.png, *.npy, *.jpg, *.jpeg, *.tif, *.tiff, *.dcm, *.dicom, *.bmp,
            *.tga, *.psd and *.hdr, and files without an extension that hold DICOM, as PACS exports name
            them; all levels with --recursive) and quoted globs,
            expanded by fastxray the same way on every OS: * ? [a-z] [!a-z] within a name, ** for any
            number of folders, e.g. 'scans/**/*.png'. Hidden names are skipped. --files-from reads one path
            (file or folder) per line. Output: OUTDIR/<stem>.<format>; with --recursive the folders below a
            folder or glob root are mirrored. Two inputs with the same output name are a usage error, and
            no output may resolve to an input (symbolic links are followed).

            Safety and resuming: every output is written to a temporary file and renamed into place, and a
            hidden record .<name>.fastxray.json beside it holds the input's XXH128 hash, the op chain and output
            options. A re-run skips inputs whose output is complete for the same input bytes and options,
            redoes the rest (byte-identical), and removes temporary files a killed run left. An existing
            output that batch did not write is never replaced without --overwrite.

            Sharding: inputs are sorted by path (ordinal); shard K/N takes positions i with i % N == K-1.
            --shard auto reads SLURM_ARRAY_TASK_ID (+ SLURM_ARRAY_TASK_COUNT or _MIN/_MAX/_STEP) or
            JOB_COMPLETION_INDEX (+ FASTXRAY_SHARD_COUNT, set to the Job's completions).

            Exit codes: 0 all succeeded (or were already complete), 1 some inputs failed (one line each on
            stderr), 2 usage error, 3 no input matched, 130 interrupted by SIGINT (Ctrl-C), 143 by SIGTERM.
            Interrupted: finished outputs stay, images in flight are abandoned without leaving a file, the
            summary (--json too) counts them as not started, and a re-run finishes the rest identically.
            """);

    private static int Run(ParsedArgs args, CliContext context)
    {
        string outDir = args.Get(Output.Name) ?? throw new UsageException("missing -o OUTDIR");
        ImageFormat format = ImageFile.FromName(args.Choice(Format.Name, "png", "png", "npy", "jpg", "jpeg", "bmp", "tga", "tif", "tiff"))!.Value;
        OpChain chain = OutputArgs.ParseChain(args);
        OutputOptions options = OutputArgs.ParseOutputDType(args, chain, OutputArgs.Parse(args, format));
        int jobs = args.Int(Jobs.Name, Environment.ProcessorCount, 1, 1024);
        int threads = OutputArgs.ParseThreads(args, Math.Max(1, Environment.ProcessorCount / jobs));
        Memory.MemoryBudget budget = Memory.MemoryBudget.From(args, context);
        Shard shard = args.Get(ShardOption.Name) is { } s ? Shard.Parse(s, context.GetEnvironmentVariable) : Shard.All;
        bool recursive = args.Has(Recursive.Name);
        string? filesFrom = args.Get(FilesFrom.Name);
        if (args.Positionals.Count == 0 && filesFrom is null)
        {
            throw new UsageException("no inputs: give files, folders or quoted globs, or --files-from FILE");
        }

        string outDirFull = context.FullPath(outDir);
        if (File.Exists(outDirFull))
        {
            throw new UsageException($"-o {outDir} is a file, not a folder");
        }

        string? manifestArg = args.Get(ManifestOption.Name);
        string? manifestFull = manifestArg is null or "-" ? null : context.FullPath(manifestArg);

        // Expand, then decide every output path, then check it all, before touching the disk.
        var expander = new InputExpander(context, recursive, outDirFull);
        foreach (string arg in args.Positionals)
        {
            expander.AddArgument(arg);
        }

        if (filesFrom is not null)
        {
            foreach (string line in ReadList(filesFrom, context))
            {
                expander.AddListed(line);
            }
        }

        List<BatchInput> inputs = expander.Result();
        if (args.Get(InputArgs.BatchFrame.Name) == "all")
        {
            inputs = FrameExpander.Expand(inputs);
        }

        if (inputs.Count == 0)
        {
            context.Error.WriteLine("fastxray: no input matched");
            if (args.Has(Json.Name))
            {
                WriteSummary(context, 0, shard, 0, new BatchSummary(0, 0, 0, 0, 0));
            }

            return ExitCodes.NothingMatched;
        }

        List<BatchItem> all = MapOutputs(inputs, outDir, outDirFull, recursive, ImageFile.Extension(format));
        CheckCollisions(all, manifestFull, manifestArg);
        var mine = all.Where((_, i) => shard.Contains(i)).ToList();

        try
        {
            Directory.CreateDirectory(outDirFull);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileProblemException(outDir, "cannot create the output folder: " + e.Message, e);
        }

        BatchRunner.CleanTemporaryFiles(mine);
        BatchSummary summary;
        using (Manifest? manifest = manifestArg is null ? null : Manifest.Open(manifestFull, context.Out, chain.Canonical, options.Key))
        {
            summary = new BatchRunner(context, chain, options, args.Has(Overwrite.Name), threads, new Memory.MemoryGate(budget)).Run(mine, jobs, manifest);
        }

        if (args.Has(Json.Name))
        {
            WriteSummary(context, all.Count, shard, mine.Count, summary);
        }

        if (context.Cancellation.IsCancellationRequested)
        {
            return Interrupted.Report(context, summary.Kept);
        }

        return summary.Failed > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    private static IEnumerable<string> ReadList(string source, CliContext context)
    {
        string text;
        if (source == "-")
        {
            text = context.In.ReadToEnd();
        }
        else
        {
            try
            {
                text = File.ReadAllText(context.FullPath(source));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--files-from {source}: cannot read the list ({e.Message})");
            }
        }

        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }

    private static List<BatchItem> MapOutputs(List<BatchInput> inputs, string outDir, string outDirFull, bool recursive, string extension)
    {
        var items = new List<BatchItem>(inputs.Count);
        foreach (BatchInput input in inputs)
        {
            string folder = recursive ? input.RelativeFolder : "";
            string name = input.Stem + extension;
            string relative = folder.Length == 0 ? name : folder + "/" + name;
            string full = Path.GetFullPath(Path.Join(outDirFull, relative));
            string display = outDir.EndsWith('/') ? outDir + relative : outDir + "/" + relative;
            items.Add(new BatchItem(input, full, display));
        }

        return items;
    }

    /// <summary>Usage errors for two inputs sharing an output, an output that is an input, and a manifest that is either.</summary>
    private static void CheckCollisions(List<BatchItem> items, string? manifestFull, string? manifestArg)
    {
        var duplicates = items.GroupBy(i => i.OutputFull, PathIdentity.Comparer).Where(g => g.Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            var sb = new StringBuilder($"{duplicates.Count} output name(s) would be written by more than one input (use --recursive to mirror folders, or split the run):");
            foreach (var group in duplicates.Take(10))
            {
                sb.Append("\n  ").Append(group.First().OutputDisplay).Append(" <- ").AppendJoin(", ", group.Select(i => i.Input.Display));
            }

            if (duplicates.Count > 10)
            {
                sb.Append("\n  ... and ").Append(duplicates.Count - 10).Append(" more");
            }

            throw new UsageException(sb.ToString());
        }

        var identity = new PathIdentity();
        var inputs = new Dictionary<string, BatchInput>(PathIdentity.Comparer);
        foreach (BatchItem item in items)
        {
            inputs.TryAdd(identity.Canonical(item.Input.FullPath), item.Input);
        }

        foreach (BatchItem item in items)
        {
            if (inputs.TryGetValue(identity.Canonical(item.OutputFull), out BatchInput? victim))
            {
                throw new UsageException($"output {item.OutputDisplay} is the input {victim.Display}; refusing to overwrite an input (choose another -o or --format)");
            }
        }

        if (manifestFull is not null)
        {
            string canonical = identity.Canonical(manifestFull);
            if (inputs.TryGetValue(canonical, out BatchInput? victim))
            {
                throw new UsageException($"--manifest {manifestArg} is the input {victim.Display}; refusing to overwrite an input");
            }

            if (items.Any(i => PathIdentity.Comparer.Equals(identity.Canonical(i.OutputFull), canonical)))
            {
                throw new UsageException($"--manifest {manifestArg} is also an output path");
            }
        }
    }

    private static void WriteSummary(CliContext context, int matched, Shard shard, int inShard, BatchSummary s)
    {
        context.Out.WriteLine(JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("matched", matched);
            json.WriteString("shard", shard.ToString());
            json.WriteNumber("inputs", inShard);
            json.WriteNumber("ok", s.Ok);
            json.WriteNumber("skipped", s.Skipped);
            json.WriteNumber("failed", s.Failed);
            json.WriteNumber("not_started", s.NotStarted);
            json.WriteNumber("seconds", Math.Round(s.Seconds, 3));
            json.WriteNumber("images_per_second", s.Seconds > 0 ? Math.Round(s.Ok / s.Seconds, 2) : 0);
            json.WriteEndObject();
        }));
    }
}

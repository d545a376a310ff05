using System.Diagnostics;
using FastXray.Cli.Commands;
using FastXray.Cli.Ops;
using FastXray.Cli.Pipeline;
using FastXray.Imaging;

namespace FastXray.Cli.Batch;

/// <summary>Counts at the end of a batch run.</summary>
internal sealed record BatchSummary(int Ok, int Skipped, int Failed, int NotStarted, double Seconds)
{
    /// <summary>What an interrupted run leaves, for its one stderr line.</summary>
    public string Kept => $"{Ok} done, {Skipped} already complete, {Failed} failed, {NotStarted} not started; re-run to finish";
}

/// <summary>
/// Runs the items of one shard on a bounded pool of <c>jobs</c> worker threads. Each worker holds one image at a
/// time (inputs are read when their turn comes), so memory stays bounded by jobs × image size. Outputs depend
/// only on each input's bytes, the op chain and the output options: never on the job count or scheduling.
/// </summary>
internal sealed class BatchRunner
{
    private readonly CliContext _context;
    private readonly OpChain _chain;
    private readonly OutputOptions _options;
    private readonly bool _overwrite;
    private readonly string _key;
    private readonly int _threads;

    private readonly Memory.MemoryGate _memory;

    public BatchRunner(CliContext context, OpChain chain, OutputOptions options, bool overwrite, int threads = 1, Memory.MemoryGate? memory = null)
    {
        _threads = threads;
        _memory = memory ?? new Memory.MemoryGate(Memory.MemoryBudget.Unlimited);
        _context = context;
        _chain = chain;
        _options = options;
        _overwrite = overwrite;
        _key = CompletionRecord.JobKey(chain.Canonical, options.Key);
    }

    public BatchSummary Run(IReadOnlyList<BatchItem> items, int jobs, Manifest? manifest)
    {
        var clock = Stopwatch.StartNew();
        int next = -1;
        int ok = 0;
        int skipped = 0;
        int failed = 0;
        int started = 0;
        int finished = 0;
        using (var progress = new Progress(_context, items.Count))
        {
            void Work()
            {
                while (!_context.Cancellation.IsCancellationRequested)
                {
                    int i = Interlocked.Increment(ref next);
                    if (i >= items.Count)
                    {
                        return;
                    }

                    Interlocked.Increment(ref started);
                    ManifestEntry? entry = ProcessSafely(items[i], progress);
                    if (entry is null)
                    {
                        // Interrupted in flight: nothing of it is on disk (see Process), so it counts as not started.
                        Interlocked.Decrement(ref started);
                        return;
                    }

                    switch (entry.Status)
                    {
                        case "ok": Interlocked.Increment(ref ok); break;
                        case "skipped": Interlocked.Increment(ref skipped); break;
                        default: Interlocked.Increment(ref failed); break;
                    }

                    manifest?.Append(entry);
                    progress.Increment();
                    TestPause.After(_context, "batch", Interlocked.Increment(ref finished));
                }
            }

            int threads = Math.Min(jobs, items.Count);
            if (threads <= 1)
            {
                Work();
            }
            else
            {
                var workers = new Thread[threads];
                for (int t = 0; t < threads; t++)
                {
                    workers[t] = new Thread(Work) { IsBackground = true, Name = "fastxray-batch-" + t };
                    workers[t].Start();
                }

                foreach (Thread w in workers)
                {
                    w.Join();
                }
            }
        }

        return new BatchSummary(ok, skipped, failed, items.Count - started, clock.Elapsed.TotalSeconds);
    }

    /// <summary>One input's manifest entry, or null when a signal interrupted it (then it left nothing behind).</summary>
    private ManifestEntry? ProcessSafely(BatchItem item, Progress progress)
    {
        var clock = Stopwatch.StartNew();
        string? hash = null;
        try
        {
            string status = Process(item, ref hash);
            return new ManifestEntry(item.Input.Display, hash, item.OutputDisplay, status, null, clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (Interrupted.Is(e, _context))
        {
            return null;
        }
        catch (Exception e)
        {
            (string file, string problem) = e switch
            {
                FileProblemException f => (f.FileName, f.Problem),
                ImageFormatException f => (item.Input.Display, f.Problem),
                IOException or UnauthorizedAccessException => (item.OutputDisplay, e.Message),
                _ => (item.Input.Display, $"internal error: {e.GetType().Name}: {e.Message}"),
            };
            progress.WriteLine($"fastxray: {file}: {problem}");
            if (_context.Verbose)
            {
                progress.WriteLine(e.ToString());
            }

            return new ManifestEntry(item.Input.Display, hash, item.OutputDisplay, "failed",
                file == item.Input.Display ? problem : $"{file}: {problem}", clock.ElapsedMilliseconds);
        }
    }

    private string Process(BatchItem item, ref string? hash)
    {
        if (item.Input.Missing)
        {
            throw new FileProblemException(item.Input.Display, "no such file or directory");
        }

        // Planned from the header before anything is read or claimed: an input that cannot fit even alone fails
        // here with nothing written; the others wait their turn in the shared budget.
        using Memory.MemoryGate.Reservation? reservation = Memory.ImageHeader.TryRead(item.Input.FullPath) is { } header
            ? _memory.Reserve(Memory.Planner.Filter(header, _chain, _options, _threads), item.Input.Display, _context.Cancellation)
            : null;
        byte[] bytes = FileIO.ReadInput(item.Input.FullPath, item.Input.Display);
        hash = ContentHash.Of(bytes);

        // One frame of a multi-frame DICOM (--frame all): its own frame in the options and in the record's key.
        OutputOptions options = item.Input.Frame is { } frame ? _options with { Dicom = _options.Dicom with { Frame = frame } } : _options;
        string key = item.Input.Frame is null ? _key : CompletionRecord.JobKey(_chain.Canonical, options.Key);
        string output = item.OutputFull;
        string sidecar = CompletionRecord.PathFor(output);
        if (!_overwrite && File.Exists(output))
        {
            CompletionRecord? record = CompletionRecord.TryRead(sidecar);
            if (record is null)
            {
                throw new FileProblemException(item.OutputDisplay, "exists and was not written by fastxray batch; use --overwrite to replace it");
            }

            if (record.State == CompletionRecord.Done && record.InputHash == hash && record.Key == key
                && record.OutputHash == ContentHash.OfFile(output))
            {
                return "skipped";
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        new CompletionRecord(CompletionRecord.Writing, hash, key, null).Write(sidecar);
        try
        {
            byte[] result = FilterCommand.Run(bytes, item.Input.Display, _chain, options, _threads);
            FileIO.WriteOutput(output, item.OutputDisplay, result);
            new CompletionRecord(CompletionRecord.Done, hash, key, ContentHash.Of(result)).Write(sidecar);
        }
        catch
        {
            // Nothing of ours to protect when no output exists: drop the claim. An older output of ours keeps its
            // "writing" claim, so a re-run (after a failure or a signal) redoes it.
            if (!File.Exists(output))
            {
                TryDelete(sidecar);
            }

            throw;
        }

        return "ok";
    }

    /// <summary>
    /// Deletes temporary files that a killed run left beside the outputs of <paramref name="items"/>: names
    /// <c>.OUTPUT.PID.TID.fastxray-tmp</c> (see <see cref="AtomicFile"/>) whose process is no longer running here.
    /// Only this shard's own output names are touched, so shards sharing a folder never remove each other's files.
    /// </summary>
    public static int CleanTemporaryFiles(IReadOnlyList<BatchItem> items)
    {
        var owned = new HashSet<string>(PathIdentity.Comparer);
        foreach (BatchItem item in items)
        {
            owned.Add(item.OutputFull);
            owned.Add(CompletionRecord.PathFor(item.OutputFull));
        }

        int removed = 0;
        foreach (string folder in items.Select(i => Path.GetDirectoryName(i.OutputFull)!).Distinct(PathIdentity.Comparer))
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (string temp in Directory.EnumerateFiles(folder, "*" + AtomicFile.TempSuffix))
            {
                // ".NAME.PID.TID.fastxray-tmp" → NAME, PID
                string name = Path.GetFileName(temp);
                if (!name.StartsWith('.'))
                {
                    continue;
                }

                string[] parts = name[1..^AtomicFile.TempSuffix.Length].Split('.');
                if (parts.Length < 3 || !int.TryParse(parts[^2], out int pid))
                {
                    continue;
                }

                string target = Path.Join(folder, string.Join('.', parts[..^2]));
                if (owned.Contains(target) && !IsRunning(pid) && TryDelete(temp))
                {
                    removed++;
                }
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

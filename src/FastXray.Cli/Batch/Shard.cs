using System.Globalization;

namespace FastXray.Cli.Batch;

/// <summary>
/// One of <see cref="Count"/> disjoint parts of the sorted input list: input <c>i</c> (0-based) belongs to shard
/// <see cref="Index"/> (1-based) when <c>i % Count == Index - 1</c>. Every shard sees the same sorted list, so N
/// machines with shards 1/N..N/N cover every input exactly once.
/// </summary>
internal readonly record struct Shard(int Index, int Count)
{
    public static Shard All => new(1, 1);

    /// <summary>The environment variable that gives the shard count next to Kubernetes' <c>JOB_COMPLETION_INDEX</c>.</summary>
    public const string CountVariable = "FASTXRAY_SHARD_COUNT";

    public bool Contains(int position) => position % Count == Index - 1;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Parses <c>K/N</c> (1 ≤ K ≤ N) or <c>auto</c>.</summary>
    /// <remarks>
    /// <c>auto</c> reads, in order:
    /// Slurm job arrays: <c>SLURM_ARRAY_TASK_ID</c> with <c>SLURM_ARRAY_TASK_MIN</c> (default 0),
    /// <c>SLURM_ARRAY_TASK_STEP</c> (default 1) and <c>SLURM_ARRAY_TASK_COUNT</c> (or MAX), giving
    /// K = (ID - MIN) / STEP + 1 and N = COUNT;
    /// Kubernetes Indexed Jobs: <c>JOB_COMPLETION_INDEX</c> (0-based) with <c>FASTXRAY_SHARD_COUNT</c> set to the
    /// Job's <c>completions</c> in the pod template (Kubernetes exposes only the index).
    /// </remarks>
    public static Shard Parse(string text, Func<string, string?> environment)
    {
        if (text == "auto")
        {
            return FromEnvironment(environment);
        }

        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && TryInt(text[..slash], out int k)
            && TryInt(text[(slash + 1)..], out int n)
            && n >= 1 && k >= 1 && k <= n)
        {
            return new Shard(k, n);
        }

        throw new UsageException($"--shard {text}: expected K/N with 1 <= K <= N (e.g. 2/8), or auto");
    }

    private static Shard FromEnvironment(Func<string, string?> env)
    {
        if (env("SLURM_ARRAY_TASK_ID") is { } idText)
        {
            int id = Read("SLURM_ARRAY_TASK_ID", idText);
            int min = env("SLURM_ARRAY_TASK_MIN") is { } m ? Read("SLURM_ARRAY_TASK_MIN", m) : 0;
            int step = env("SLURM_ARRAY_TASK_STEP") is { } s ? Read("SLURM_ARRAY_TASK_STEP", s) : 1;
            int count;
            if (env("SLURM_ARRAY_TASK_COUNT") is { } c)
            {
                count = Read("SLURM_ARRAY_TASK_COUNT", c);
            }
            else if (env("SLURM_ARRAY_TASK_MAX") is { } max)
            {
                count = ((Read("SLURM_ARRAY_TASK_MAX", max) - min) / Math.Max(step, 1)) + 1;
            }
            else
            {
                throw new UsageException("--shard auto: SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX is");
            }

            if (step < 1 || id < min || (id - min) % step != 0 || (id - min) / step >= count)
            {
                throw new UsageException($"--shard auto: Slurm task {id} does not fit a contiguous array (min {min}, step {step}, count {count}); use --shard K/N");
            }

            return new Shard(((id - min) / step) + 1, count);
        }

        if (env("JOB_COMPLETION_INDEX") is { } indexText)
        {
            int index = Read("JOB_COMPLETION_INDEX", indexText);
            string countText = env(CountVariable)
                ?? throw new UsageException($"--shard auto: JOB_COMPLETION_INDEX is set but {CountVariable} is not; set it to the Job's completions");
            int count = Read(CountVariable, countText);
            if (count < 1 || index >= count)
            {
                throw new UsageException($"--shard auto: JOB_COMPLETION_INDEX {index} is not below {CountVariable} {count}");
            }

            return new Shard(index + 1, count);
        }

        throw new UsageException($"--shard auto: no SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX (+ {CountVariable}) in the environment; use --shard K/N");
    }

    private static int Read(string name, string text) =>
        TryInt(text, out int v) ? v : throw new UsageException($"--shard auto: {name}={text} is not a non-negative integer");

    private static bool TryInt(string s, out int v) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out v);
}

using FastXray.Cli.Arguments;

namespace FastXray.Cli.Memory;

/// <summary>
/// How many bytes a command may use for its images: <c>--max-memory SIZE</c>, else <c>FASTXRAY_MAX_MEMORY</c>, else
/// half of the available memory (<see cref="SystemMemory"/>). Commands plan their peak (<see cref="MemoryPlan"/>)
/// before they allocate and refuse, with one line naming the file, what does not fit.
/// </summary>
internal sealed record MemoryBudget(long Bytes, string Source)
{
    public const string EnvironmentVariable = "FASTXRAY_MAX_MEMORY";

    /// <summary>The option every image-reading command takes.</summary>
    public static readonly OptionSpec Option = new("max-memory", null, "SIZE",
        "memory budget, e.g. 512M, 1.5G (binary units; default: FASTXRAY_MAX_MEMORY, else half the available memory)");

    /// <summary>No limit (library callers and tests that do not care).</summary>
    public static MemoryBudget Unlimited { get; } = new(long.MaxValue, "unlimited");

    /// <summary>The budget for a command line: the option wins over the variable, which wins over the default.</summary>
    public static MemoryBudget From(ParsedArgs args, CliContext context) =>
        Resolve(args.Get(Option.Name), context.GetEnvironmentVariable(EnvironmentVariable), () => SystemMemory.Current);

    /// <summary>The resolution rule, with the machine's memory injected.</summary>
    internal static MemoryBudget Resolve(string? option, string? environment, Func<SystemMemory.Available> machine)
    {
        if (option is not null)
        {
            return new MemoryBudget(ByteSize.TryParse(option) ?? throw Bad("--max-memory " + option), "--max-memory");
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            return new MemoryBudget(ByteSize.TryParse(environment) ?? throw Bad(EnvironmentVariable + "=" + environment), EnvironmentVariable);
        }

        SystemMemory.Available available = machine();
        return new MemoryBudget(Math.Max(available.Bytes / 2, 1), "half of " + available.Source);
    }

    /// <summary>Throws the one-line refusal when <paramref name="plan"/> does not fit.</summary>
    /// <exception cref="FileProblemException">The plan exceeds the budget; nothing has been allocated for it yet.</exception>
    public void Require(MemoryPlan plan, string display)
    {
        if (plan.Total > Bytes)
        {
            throw new FileProblemException(display, Refusal(plan));
        }
    }

    /// <summary><c>needs 3.2 GiB for 16384x16384 sobel_magnitude, budget 1.0 GiB (--max-memory / FASTXRAY_MAX_MEMORY)</c>.</summary>
    public string Refusal(MemoryPlan plan) =>
        $"needs {ByteSize.Format(plan.Total)} for {plan.What}, budget {ByteSize.Format(Bytes)} (--max-memory / {EnvironmentVariable})";

    private static UsageException Bad(string what) =>
        new($"{what}: expected a memory size such as 512M, 1.5G, 2GiB or 1073741824 (K, M, G, T are powers of 1024)");
}

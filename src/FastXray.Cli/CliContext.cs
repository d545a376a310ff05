namespace FastXray.Cli;

/// <summary>
/// Everything a command touches outside its arguments: standard streams, environment, working directory and
/// cancellation. The real process builds it from <see cref="Console"/>; tests build one over string writers,
/// so every command runs in-process exactly as it does in the binary, and many can run at once.
/// </summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, TextReader input, string workingDirectory,
        Func<string, string?>? environment = null, bool errorIsTerminal = false, CancellationToken cancellation = default)
    {
        Out = output;
        Error = error;
        In = input;
        WorkingDirectory = workingDirectory;
        _environment = environment ?? Environment.GetEnvironmentVariable;
        ErrorIsTerminal = errorIsTerminal;
        Cancellation = cancellation;
    }

    private readonly Func<string, string?> _environment;

    /// <summary>Results (stdout).</summary>
    public TextWriter Out { get; }

    /// <summary>Diagnostics and progress (stderr).</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input (for <c>--files-from -</c>).</summary>
    public TextReader In { get; }

    /// <summary>Relative paths resolve against this folder, never against the process-wide current directory.</summary>
    public string WorkingDirectory { get; }

    /// <summary>Progress lines are drawn only when stderr is a terminal.</summary>
    public bool ErrorIsTerminal { get; }

    /// <summary>Cancelled by SIGINT/SIGTERM/SIGHUP: every command stops at its next check and cleans up.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The process's signal handling (which signal came first), or null in-process.</summary>
    public Interruption? Interruption { get; init; }

    /// <summary>Set by <c>--verbose</c>: errors also print their stack trace.</summary>
    public bool Verbose { get; set; }

    public string? GetEnvironmentVariable(string name) => _environment(name);

    /// <summary>The absolute form of a user-supplied path.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}

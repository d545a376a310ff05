namespace FastXray.Cli;

/// <summary>A wrong command line: printed as one line plus the command's usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A problem with one input or output file: printed as <c>fastxray: FILE: PROBLEM</c>, exit code 1.</summary>
internal sealed class FileProblemException(string fileName, string problem, Exception? inner = null)
    : Exception($"{fileName}: {problem}", inner)
{
    public string FileName { get; } = fileName;

    public string Problem { get; } = problem;
}

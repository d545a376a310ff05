using System.Diagnostics;
using System.Text;

namespace FastXray.Cli.Tests.Support;

/// <summary>What one CLI invocation produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stderr split into lines (no trailing empty line).</summary>
    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Every end-to-end test goes through <c>Run</c>: in-process (the real entry point with captured
/// streams) by default, or the published native binary when <c>FASTXRAY_CLI_BINARY</c> points at it, so the
/// same assertions check both builds. <see cref="Start"/> spawns a real process (native binary, or the JIT
/// build through <c>dotnet fastxray.dll</c>) for tests that must kill it.
/// </summary>
public static class CliRunner
{
    /// <summary>The native binary under test, or null for in-process runs.</summary>
    public static string? Binary { get; } = Environment.GetEnvironmentVariable("FASTXRAY_CLI_BINARY") is { Length: > 0 } b ? b : null;

    /// <summary>Runs <c>fastxray args</c> in <paramref name="workingDirectory"/> (default: a neutral temp folder).</summary>
    public static CliResult Run(string[] args, string? workingDirectory, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        workingDirectory ??= Path.GetTempPath();
        if (Binary is null)
        {
            var output = new StringWriter { NewLine = "\n" };
            var error = new StringWriter { NewLine = "\n" };
            Func<string, string?> env = name => environment is not null && environment.TryGetValue(name, out string? v) ? v : Environment.GetEnvironmentVariable(name);
            var context = new CliContext(output, error, new StringReader(stdin ?? ""), workingDirectory, env);
            int code = Cli.Run(args, context);
            return new CliResult(code, output.ToString(), error.ToString());
        }

        using Process process = Start(args, workingDirectory, environment, redirectInput: true);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin ?? "");
        process.StandardInput.Close();
        // No time bound: the arm64 binary under qemu-user on a loaded machine takes many times as long as
        // natively, and a bound that holds here would fail there. A hang shows as a test that never ends.
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Params shorthand for <see cref="Run(string[], string?, string?, IReadOnlyDictionary{string, string}?)"/>.</summary>
    public static CliResult Run(params string[] args) => Run(args, null);

    /// <summary>Starts a real fastxray process with redirected stdout/stderr.</summary>
    public static Process Start(string[] args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, bool redirectInput = false)
    {
        var info = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (Binary is not null)
        {
            info.FileName = Binary;
        }
        else
        {
            info.FileName = DotnetHost();
            info.ArgumentList.Add(JitAssembly());
        }

        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        if (environment is not null)
        {
            foreach ((string k, string v) in environment)
            {
                info.Environment[k] = v;
            }
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start fastxray");
    }

    /// <summary>fastxray.dll beside the tests (the project reference copies it with its runtimeconfig).</summary>
    private static string JitAssembly()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fastxray.dll");
        if (!File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
        {
            throw new FileNotFoundException("fastxray.runtimeconfig.json is not beside the tests; cannot spawn the JIT build", path);
        }

        return path;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "dotnet");
}

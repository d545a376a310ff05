using System.Diagnostics;
using System.Text;
using Xunit;

namespace FastXray.Cli.Tests.Support;

/// <summary>
/// Runs a real fastxray process (<see cref="CliRunner.Start"/>: the native binary, or the JIT build) with
/// <c>FASTXRAY_TEST_PAUSE_AT</c> set, waits for its pause marker on stderr, sends signals, and waits for it to
/// exit. Synchronised on the marker only: no sleeps, and no time bound except a hang guard far above any
/// machine's run time (emulated arm64 included).
/// </summary>
public static class SignalRunner
{
    /// <summary>The marker prefix the process prints on reaching the pause point (see TestPause).</summary>
    public const string Marker = "fastxray-test: paused at ";

    private static readonly TimeSpan s_hangGuard = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Starts <c>fastxray args</c>, waits until it pauses at <paramref name="point"/>, sends <paramref name="signal"/>
    /// (e.g. "INT", "TERM"), and returns the outcome with the marker line removed from stderr.
    /// </summary>
    public static CliResult RunAndSignal(string[] args, string workingDirectory, string point, string signal) =>
        RunAndSignal(args, workingDirectory, point, [signal], null);

    /// <summary>As above, with several signals and extra environment variables.</summary>
    public static CliResult RunAndSignal(string[] args, string workingDirectory, string point, string[] signals, IReadOnlyDictionary<string, string>? environment)
    {
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["FASTXRAY_TEST_PAUSE_AT"] = point };
        using Process process = CliRunner.Start(args, workingDirectory, env);
        var stderr = new StringBuilder();
        var paused = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderrClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                paused.TrySetResult(false);
                stderrClosed.TrySetResult();
                return;
            }

            lock (stderr)
            {
                if (e.Data == Marker + point)
                {
                    paused.TrySetResult(true);
                }
                else
                {
                    stderr.Append(e.Data).Append('\n');
                }
            }
        };
        process.BeginErrorReadLine();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            if (!paused.Task.Wait(s_hangGuard))
            {
                throw new TimeoutException($"fastxray {string.Join(' ', args)} never paused at {point}");
            }

            if (!paused.Task.Result)
            {
                process.WaitForExit();
                Assert.Fail($"fastxray {string.Join(' ', args)} exited ({process.ExitCode}) without pausing at {point}:\n{stdout.Result}\n{stderr}");
            }

            foreach (string signal in signals)
            {
                Send(process.Id, signal);
            }

            if (!process.WaitForExit(s_hangGuard))
            {
                throw new TimeoutException($"fastxray {string.Join(' ', args)} did not exit after SIG{string.Join("+SIG", signals)}");
            }

            process.WaitForExit(); // drains the asynchronous stderr reader
            stderrClosed.Task.Wait(s_hangGuard);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        lock (stderr)
        {
            return new CliResult(process.ExitCode, stdout.Result, stderr.ToString());
        }
    }

    /// <summary>Starts a process and waits for it to pause at <paramref name="point"/>; the caller ends it.</summary>
    public static Process StartPaused(string[] args, string workingDirectory, string point)
    {
        Process process = CliRunner.Start(args, workingDirectory, new Dictionary<string, string> { ["FASTXRAY_TEST_PAUSE_AT"] = point });
        var paused = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null || e.Data.StartsWith(Marker, StringComparison.Ordinal))
            {
                paused.TrySetResult(e.Data is not null);
            }
        };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!paused.Task.Wait(s_hangGuard) || !paused.Task.Result)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            Assert.Fail($"fastxray {string.Join(' ', args)} never paused at {point}");
        }

        return process;
    }

    /// <summary>kill -s SIGNAL pid, through the system's kill(1).</summary>
    public static void Send(int pid, string signal)
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start kill");
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Every temporary file (<c>*.fastxray-tmp</c>) under <paramref name="folder"/>, hidden ones included.</summary>
    public static string[] TemporaryFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.fastxray-tmp", SearchOption.AllDirectories)];
}

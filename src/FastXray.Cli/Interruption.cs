using System.Runtime.InteropServices;

namespace FastXray.Cli;

/// <summary>
/// SIGINT, SIGTERM and SIGHUP as a cancellation: the handler only cancels a token (the runtime is told not to
/// terminate the process), remembers the first signal for the exit code, and lets the command unwind through
/// its <c>finally</c> blocks, so temporary files are deleted and summaries printed. Later signals change
/// nothing: a second Ctrl-C never kills the process halfway through its cleanup (kill -9 still does).
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly object _gate = new();
    private int _signal;
    private int _seen; // bit n set once signal n arrived

    /// <summary>Handles the signals of this process until disposed.</summary>
    public static Interruption ForProcess()
    {
        var interruption = new Interruption();
        foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            try
            {
                interruption._registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    interruption.Request(Number(context.Signal));
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // Windows has no SIGTERM/SIGHUP equivalent for console apps in every host; Ctrl-C still works.
            }
        }

        return interruption;
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The first signal's number (2 SIGINT, 15 SIGTERM, 1 SIGHUP), or 0 when none came.</summary>
    public int Signal => Volatile.Read(ref _signal);

    /// <summary>Records <paramref name="signal"/> if it is the first, and cancels.</summary>
    public void Request(int signal)
    {
        Interlocked.CompareExchange(ref _signal, signal, 0);
        Interlocked.Or(ref _seen, 1 << signal);
        _source.Cancel();
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Blocks until <paramref name="count"/> different signals have arrived (a test hook: repeats of one signal
    /// may merge into one delivery, different signals never do).
    /// </summary>
    public void WaitForDifferentSignals(int count)
    {
        lock (_gate)
        {
            while (System.Numerics.BitOperations.PopCount((uint)Volatile.Read(ref _seen)) < count)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration r in _registrations)
        {
            r.Dispose();
        }

        _source.Dispose();
    }

    // PosixSignal's values are negative abstractions; exit codes need the POSIX numbers (128 + n).
    private static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGTERM => 15,
        _ => 2,
    };
}

/// <summary>
/// An interruption that a command reports itself: <see cref="Kept"/> says which outputs are whole on disk
/// (the default line says none were written).
/// </summary>
internal sealed class CommandInterruptedException(string kept) : OperationCanceledException(kept)
{
    public string Kept { get; } = kept;
}

/// <summary>The one stderr line and the exit code of an interrupted command.</summary>
internal static class Interrupted
{
    /// <summary>True when <paramref name="e"/> is the cancellation of <paramref name="context"/> (also wrapped by <c>Parallel</c>).</summary>
    public static bool Is(Exception e, CliContext context) =>
        context.Cancellation.IsCancellationRequested
        && (e is OperationCanceledException
            || (e is AggregateException a && a.Flatten().InnerExceptions.All(x => x is OperationCanceledException)));

    /// <summary>Writes <c>fastxray: interrupted (SIGNAL); KEPT</c> and returns 128 + the signal number (130 without a signal).</summary>
    public static int Report(CliContext context, string kept)
    {
        int signal = context.Interruption?.Signal ?? 0;
        string name = signal switch
        {
            1 => " (SIGHUP)",
            2 => " (SIGINT)",
            15 => " (SIGTERM)",
            _ => "",
        };
        lock (context.Error)
        {
            context.Error.WriteLine($"fastxray: interrupted{name}; {kept}");
        }

        return signal == 0 ? ExitCodes.Interrupted : 128 + signal;
    }

    /// <summary>The kept-files part of the line for an exception that reached <see cref="Cli"/>.</summary>
    public static string Kept(Exception e) => e is CommandInterruptedException c ? c.Kept : "no output written";
}

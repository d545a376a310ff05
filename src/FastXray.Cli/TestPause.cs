namespace FastXray.Cli;

/// <summary>
/// A test hook that lets signal tests synchronise on events instead of time: with
/// <c>FASTXRAY_TEST_PAUSE_AT=POINT</c> the process, on reaching POINT, writes <c>fastxray-test: paused at POINT</c>
/// on stderr and blocks until it is cancelled (a signal); then it carries on, and the cancellation takes its
/// normal course. Without the variable nothing is printed and nothing waits.
/// </summary>
/// <remarks>
/// Points: <c>kernel</c> (the first cancellation check: inside an op's first row band, or the first check of a
/// tutorial/demo/bench computation), <c>batch:N</c> (after batch finished its N-th input), <c>tutorial:N</c>
/// (after a multi-input tutorial finished its N-th image). With <c>FASTXRAY_TEST_PAUSE_SIGNALS=N</c> the pause
/// lasts until N different signals arrived, so a test can deliver a second signal while the process is still
/// running and show that it only cleans up.
/// </remarks>
internal static class TestPause
{
    public const string Variable = "FASTXRAY_TEST_PAUSE_AT";
    public const string SignalsVariable = "FASTXRAY_TEST_PAUSE_SIGNALS";
    public const string Marker = "fastxray-test: paused at ";

    /// <summary>The check hook for <see cref="Threading.KernelCancellation.Enter"/>: pauses once, at the first check.</summary>
    public static Action? KernelHook(CliContext context)
    {
        if (context.GetEnvironmentVariable(Variable) != "kernel")
        {
            return null;
        }

        int fired = 0;
        return () =>
        {
            if (Interlocked.Exchange(ref fired, 1) == 0)
            {
                Pause(context, "kernel");
            }
        };
    }

    /// <summary>Pauses when the variable is <c>POINT:COUNT</c>.</summary>
    public static void After(CliContext context, string point, int count)
    {
        string? at = context.GetEnvironmentVariable(Variable);
        if (at is not null && at == $"{point}:{count}")
        {
            Pause(context, at);
        }
    }

    private static void Pause(CliContext context, string point)
    {
        lock (context.Error)
        {
            context.Error.WriteLine(Marker + point);
            context.Error.Flush();
        }

        if (int.TryParse(context.GetEnvironmentVariable(SignalsVariable), out int signals) && signals > 1 && context.Interruption is { } interruption)
        {
            interruption.WaitForDifferentSignals(signals);
        }
        else
        {
            context.Cancellation.WaitHandle.WaitOne();
        }
    }
}

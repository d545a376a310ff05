namespace FastXray.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl-C: stop starting new work and let running images finish; a second one kills.
            if (!cancel.IsCancellationRequested)
            {
                e.Cancel = true;
                cancel.Cancel();
            }
        };

        // Autoflush off with explicit flushes at the end: fewer write syscalls for long listings.
        var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false, NewLine = "\n" };
        var error = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true, NewLine = "\n" };
        var context = new CliContext(output, error, Console.In, Environment.CurrentDirectory,
            errorIsTerminal: !Console.IsErrorRedirected, cancellation: cancel.Token);
        try
        {
            return Cli.Run(args, context);
        }
        finally
        {
            Memory.PeakReport.WriteIfAsked(error);
            output.Flush();
            error.Flush();
        }
    }
}

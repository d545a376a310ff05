namespace FastXray.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // SIGINT/SIGTERM/SIGHUP cancel the command, which cleans up and exits with 128 + the signal.
        using var interruption = Interruption.ForProcess();

        // Autoflush off with explicit flushes at the end: fewer write syscalls for long listings.
        var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false, NewLine = "\n" };
        var error = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true, NewLine = "\n" };
        var context = new CliContext(output, error, Console.In, Environment.CurrentDirectory,
            errorIsTerminal: !Console.IsErrorRedirected, cancellation: interruption.Token)
        {
            Interruption = interruption,
        };
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

using System.Text;
using FastXray.Cli.Arguments;
using FastXray.Cli.Commands;
using FastXray.Imaging;

namespace FastXray.Cli;

/// <summary>
/// The entry point behind <c>Main</c>: global flags, command dispatch, and the single place where exceptions
/// become exit codes and one-line messages. Tests call <see cref="Run"/> in-process with their own context.
/// </summary>
internal static class Cli
{
    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);

        // Global flags before the command: --verbose, --help, --version.
        int i = 0;
        for (; i < args.Length && args[i].StartsWith('-'); i++)
        {
            switch (args[i])
            {
                case "--verbose":
                    context.Verbose = true;
                    break;
                case "--help" or "-h":
                    context.Out.Write(GlobalHelp());
                    return ExitCodes.Ok;
                case "--version":
                    context.Out.WriteLine(VersionInfo.Text());
                    return ExitCodes.Ok;
                default:
                    return Usage(context, null, $"unknown option '{args[i]}'; global options: --help, --version, --verbose");
            }
        }

        if (i == args.Length)
        {
            return Usage(context, null, "missing a command");
        }

        string name = args[i];
        if (name == "help")
        {
            CommandSpec? topic = i + 1 < args.Length ? CommandTable.Find(args[i + 1]) : null;
            context.Out.Write(topic?.HelpText() ?? GlobalHelp());
            return ExitCodes.Ok;
        }

        CommandSpec? command = CommandTable.Find(name);
        if (command is null)
        {
            string hint = Ops.Suggest.Closest(name, CommandTable.All.Select(c => c.Name)) is { } near ? $" (did you mean '{near}'?)" : "";
            return Usage(context, null, $"unknown command '{name}'{hint}; commands: {string.Join(", ", CommandTable.All.Select(c => c.Name))}");
        }

        try
        {
            ParsedArgs parsed = ArgParser.Parse(command, args[(i + 1)..]);
            if (parsed.Has(CommandSpec.VerboseOption.Name))
            {
                context.Verbose = true;
            }

            if (parsed.Has(CommandSpec.HelpOption.Name))
            {
                context.Out.Write(command.HelpText());
                return ExitCodes.Ok;
            }

            // Every kernel, codec and row band under this command checks the token (see KernelCancellation).
            using (Threading.KernelCancellation.Enter(context.Cancellation, TestPause.KernelHook(context)))
            {
                return command.Run(parsed, context);
            }
        }
        catch (Exception e) when (Interrupted.Is(e, context))
        {
            return Interrupted.Report(context, Interrupted.Kept(e));
        }
        catch (UsageException e)
        {
            return Usage(context, command, e.Message);
        }
        catch (FileProblemException e)
        {
            return Fail(context, $"{e.FileName}: {e.Problem}", e);
        }
        catch (ImageFormatException e)
        {
            return Fail(context, e.FileName is null ? e.Problem : $"{e.FileName}: {e.Problem}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(context, e.Message, e);
        }
        catch (Exception e)
        {
            return Fail(context, $"internal error: {e.GetType().Name}: {e.Message}" + (context.Verbose ? "" : " (--verbose shows details)"), e);
        }
    }

    /// <summary>Prints <c>fastxray: message</c>, the usage line and a pointer to --help on stderr; exit code 2.</summary>
    private static int Usage(CliContext context, CommandSpec? command, string message)
    {
        context.Error.WriteLine($"fastxray: {message}");
        if (command is null)
        {
            context.Error.WriteLine("usage: fastxray <command> [args]   (fastxray --help lists the commands)");
        }
        else
        {
            context.Error.WriteLine(command.UsageLine);
            context.Error.WriteLine($"Run 'fastxray {command.Name} --help' for details.");
        }

        return ExitCodes.Usage;
    }

    private static int Fail(CliContext context, string line, Exception e)
    {
        context.Error.WriteLine($"fastxray: {line}");
        if (context.Verbose)
        {
            context.Error.WriteLine(e.ToString());
        }

        return ExitCodes.BadInput;
    }

    private static string GlobalHelp()
    {
        var sb = new StringBuilder();
        sb.Append("usage: fastxray <command> [args]\n\n");
        sb.Append("Fast, exact X-ray image processing with scipy.ndimage's names and semantics.\n\ncommands:\n");
        int width = CommandTable.All.Max(c => c.Name.Length) + 2;
        foreach (CommandSpec c in CommandTable.All)
        {
            sb.Append("  ").Append(c.Name.PadRight(width)).Append(c.Summary).Append('\n');
        }

        sb.Append("""

            global options:
              --help, -h   this help ('fastxray COMMAND --help' for a command)
              --version    version, build flavour and SIMD instruction set in use
              --verbose    print stack traces with errors

            exit codes:
              0    success
              1    bad input: a file is unreadable, corrupt or unsupported (batch: some inputs failed)
              2    usage error: nothing was read or written
              3    batch: no input matched
              130  interrupted by SIGINT (Ctrl-C), 143 by SIGTERM, 129 by SIGHUP: one line on stderr
                   says what was kept; no partial or temporary file is left

            """);
        return sb.ToString();
    }
}

namespace FastXray.Cli.Arguments;

/// <summary>
/// A small strict parser: <c>--name VALUE</c>, <c>--name=VALUE</c>, <c>-x VALUE</c>, flags, and <c>--</c> to end
/// options. An option's value is always the next argument, even when it starts with a dash (so
/// <c>--files-from -</c> works). Unknown options, missing values and repeats of single options are usage errors
/// that list the valid options.
/// </summary>
internal static class ArgParser
{
    public static ParsedArgs Parse(CommandSpec command, IReadOnlyList<string> args)
    {
        var result = new ParsedArgs(command);
        bool optionsEnded = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (optionsEnded || arg.Length < 2 || arg[0] != '-')
            {
                result.Positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            OptionSpec option;
            string? inlineValue = null;
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                string name = arg[2..];
                int eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    inlineValue = name[(eq + 1)..];
                    name = name[..eq];
                }

                option = Find(command, o => o.Name == name) ?? throw Unknown(command, "--" + name);
            }
            else
            {
                if (arg.Length != 2)
                {
                    throw Unknown(command, arg);
                }

                option = Find(command, o => o.Short == arg[1]) ?? throw Unknown(command, arg);
            }

            if (!option.Repeatable && result.Has(option.Name))
            {
                throw new UsageException($"--{option.Name} given more than once");
            }

            if (option.IsFlag)
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"--{option.Name} takes no value");
                }

                result.Add(option.Name, "");
                continue;
            }

            string value;
            if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"--{option.Name} needs a value ({option.ValueName})");
            }

            result.Add(option.Name, value);
        }

        // --help wins over positional-count errors so that `fastxray batch --help` always works.
        if (!result.Has(CommandSpec.HelpOption.Name))
        {
            if (result.Positionals.Count < command.MinPositionals)
            {
                throw new UsageException(command.MinPositionals == 1 && command.MaxPositionals == 1
                    ? "missing the input file"
                    : $"expected at least {command.MinPositionals} argument(s), got {result.Positionals.Count}");
            }

            if (result.Positionals.Count > command.MaxPositionals)
            {
                throw new UsageException($"unexpected argument '{result.Positionals[command.MaxPositionals]}'");
            }
        }

        return result;
    }

    private static OptionSpec? Find(CommandSpec command, Func<OptionSpec, bool> match)
    {
        foreach (OptionSpec o in command.Options)
        {
            if (match(o))
            {
                return o;
            }
        }

        return null;
    }

    private static UsageException Unknown(CommandSpec command, string arg) =>
        new($"unknown option '{arg}' for '{command.Name}'; valid options: {string.Join(", ", command.Options.Select(o => "--" + o.Name))}");
}

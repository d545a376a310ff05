using System.Text;

namespace FastXray.Cli.Arguments;

/// <summary>
/// A subcommand: its name, help text, options and handler. Commands are plain data registered in
/// <see cref="Commands.CommandTable"/>; there is no reflection anywhere in parsing or dispatch.
/// </summary>
internal sealed class CommandSpec
{
    /// <summary>Options every command accepts.</summary>
    public static readonly OptionSpec HelpOption = new("help", 'h', null, "show this help and exit");

    /// <inheritdoc cref="HelpOption"/>
    public static readonly OptionSpec VerboseOption = new("verbose", null, null, "print stack traces with errors");

    public CommandSpec(string name, string summary, string usage, Func<ParsedArgs, CliContext, int> run,
        IReadOnlyList<OptionSpec>? options = null, int minPositionals = 0, int maxPositionals = int.MaxValue, string? details = null)
    {
        Name = name;
        Summary = summary;
        Usage = usage;
        Run = run;
        Options = [.. options ?? [], HelpOption, VerboseOption];
        MinPositionals = minPositionals;
        MaxPositionals = maxPositionals;
        Details = details;
    }

    public string Name { get; }

    /// <summary>One line for the global command list.</summary>
    public string Summary { get; }

    /// <summary>The synopsis after <c>fastxray NAME</c>, e.g. <c>IN -o OUT [--op SPEC ...]</c>.</summary>
    public string Usage { get; }

    /// <summary>Extra help paragraphs (rules, examples).</summary>
    public string? Details { get; }

    public IReadOnlyList<OptionSpec> Options { get; }

    public int MinPositionals { get; }

    public int MaxPositionals { get; }

    public Func<ParsedArgs, CliContext, int> Run { get; }

    public string UsageLine => $"usage: fastxray {Name} {Usage}";

    /// <summary>The full <c>--help</c> text.</summary>
    public string HelpText()
    {
        var sb = new StringBuilder();
        sb.Append(UsageLine).Append('\n').Append('\n').Append(Summary).Append('\n');
        sb.Append('\n').Append("options:").Append('\n');
        int width = Options.Max(o => o.Synopsis.Length) + 2;
        foreach (OptionSpec o in Options)
        {
            sb.Append("  ").Append(o.Synopsis.PadRight(width)).Append(o.Help).Append('\n');
        }

        if (Details is not null)
        {
            sb.Append('\n').Append(Details.TrimEnd()).Append('\n');
        }

        return sb.ToString();
    }
}

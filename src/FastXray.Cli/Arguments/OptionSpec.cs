namespace FastXray.Cli.Arguments;

/// <summary>One option of a command: <c>--name VALUE</c> (or a flag when <see cref="ValueName"/> is null).</summary>
/// <param name="Name">Long name without dashes.</param>
/// <param name="Short">Optional one-letter alias without the dash.</param>
/// <param name="ValueName">Placeholder shown in help (e.g. <c>DIR</c>); null for a flag.</param>
/// <param name="Help">One line for <c>--help</c>.</param>
/// <param name="Repeatable">Whether the option may be given more than once (values kept in order).</param>
internal sealed record OptionSpec(string Name, char? Short, string? ValueName, string Help, bool Repeatable = false)
{
    public bool IsFlag => ValueName is null;

    /// <summary>How the option appears in help: <c>-o, --output DIR</c>.</summary>
    public string Synopsis => (Short is { } s ? $"-{s}, " : "    ") + "--" + Name + (ValueName is null ? "" : " " + ValueName);
}

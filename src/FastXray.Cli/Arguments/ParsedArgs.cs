namespace FastXray.Cli.Arguments;

/// <summary>The result of <see cref="ArgParser.Parse"/>: positionals in order and option values by long name.</summary>
internal sealed class ParsedArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public ParsedArgs(CommandSpec command) => Command = command;

    public CommandSpec Command { get; }

    public List<string> Positionals { get; } = [];

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The value of a single-valued option, or null when absent.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out List<string>? v) ? v[^1] : null;

    /// <summary>Every value of a repeatable option, in command-line order.</summary>
    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out List<string>? v) ? v : [];

    internal void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out List<string>? list))
        {
            _values[name] = list = [];
        }

        list.Add(value);
    }

    /// <summary>A value that must be one of <paramref name="choices"/>; <paramref name="fallback"/> when absent.</summary>
    public string Choice(string name, string fallback, params string[] choices)
    {
        string? v = Get(name);
        if (v is null)
        {
            return fallback;
        }

        if (Array.IndexOf(choices, v) < 0)
        {
            throw new UsageException($"--{name} {v}: expected one of {string.Join(", ", choices)}");
        }

        return v;
    }

    /// <summary>An integer option within <paramref name="min"/>..<paramref name="max"/>; <paramref name="fallback"/> when absent.</summary>
    public int Int(string name, int fallback, int min, int max)
    {
        string? v = Get(name);
        if (v is null)
        {
            return fallback;
        }

        if (!int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) || n < min || n > max)
        {
            throw new UsageException($"--{name} {v}: expected an integer from {min} to {max}");
        }

        return n;
    }

    /// <summary>A finite number option; null when absent.</summary>
    public double? Number(string name)
    {
        string? v = Get(name);
        if (v is null)
        {
            return null;
        }

        return double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
            ? d
            : throw new UsageException($"--{name} {v}: expected a number");
    }
}

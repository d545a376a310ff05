using System.Globalization;

namespace FastXray.Cli.Ops;

/// <summary>The value shapes an op parameter accepts.</summary>
internal enum OpParamKind
{
    /// <summary>One number (optionally an integer), within bounds.</summary>
    Number,
    /// <summary>One number for both axes, or <c>[axis0,axis1]</c> (scipy's scalar-or-sequence parameters).</summary>
    PerAxis,
    /// <summary>One word out of a fixed list.</summary>
    Choice,
    /// <summary><c>true</c>/<c>false</c> (also <c>1</c>/<c>0</c>).</summary>
    Bool,
    /// <summary>A rectangular 2-D JSON array of numbers.</summary>
    Matrix,
    /// <summary>Text in a small language of the op's own, parsed once by <see cref="OpValueParser"/> (e.g. a mask expression).</summary>
    Custom,
}

/// <summary>Parses a <see cref="OpParamKind.Custom"/> value; on failure <paramref name="error"/> follows "name " (e.g. "at column 8: ...").</summary>
internal delegate bool OpValueParser(string text, out OpValue? value, out string error);

/// <summary>
/// One declared parameter of an op: name, kind, default, bounds or allowed words. Parsing a value returns its
/// canonical text, so equal chains print (and hash) identically however they were typed.
/// </summary>
internal sealed class OpParam
{
    private OpParam(string name, OpParamKind kind, string help)
    {
        Name = name;
        Kind = kind;
        Help = help;
    }

    public string Name { get; }

    public OpParamKind Kind { get; }

    public string Help { get; }

    /// <summary>Canonical default text; null when the parameter is required or optional without default.</summary>
    public string? Default { get; private init; }

    /// <summary>May be left out with no default (scipy's <c>None</c>, e.g. <c>radius</c>).</summary>
    public bool Optional { get; private init; }

    public bool Integer { get; private init; }

    public double Min { get; private init; } = double.NegativeInfinity;

    public double Max { get; private init; } = double.PositiveInfinity;

    public IReadOnlyList<string> Choices { get; private init; } = [];

    /// <summary>For <see cref="OpParamKind.Custom"/>: what the value is (for messages and <c>fastxray ops</c>) and its parser.</summary>
    private string CustomDescription { get; init; } = "";

    private OpValueParser? CustomParser { get; init; }

    /// <summary>Maps accepted spellings to the canonical one (e.g. scipy's <c>grid-mirror</c> to <c>reflect</c>).</summary>
    private Func<string, string>? Normalize { get; init; }

    public bool Required => Default is null && !Optional;

    public static OpParam Number(string name, string help, double? def = null, double min = double.NegativeInfinity,
        double max = double.PositiveInfinity, bool integer = false, bool optional = false) =>
        Numeric(OpParamKind.Number, name, help, def, min, max, integer, optional);

    public static OpParam Int(string name, string help, int? def = null, int min = int.MinValue, int max = int.MaxValue, bool optional = false) =>
        Number(name, help, def, min, max, integer: true, optional);

    public static OpParam PerAxis(string name, string help, double? def = null, double min = double.NegativeInfinity,
        double max = double.PositiveInfinity, bool integer = false, bool optional = false) =>
        Numeric(OpParamKind.PerAxis, name, help, def, min, max, integer, optional);

    /// <summary>One word out of <paramref name="choices"/>; a null <paramref name="def"/> makes it optional (absent = decided per image).</summary>
    public static OpParam Choice(string name, string help, string? def, IReadOnlyList<string> choices, Func<string, string>? normalize = null) =>
        new(name, OpParamKind.Choice, help) { Default = def, Optional = def is null, Choices = choices, Normalize = normalize };

    public static OpParam Bool(string name, string help, bool def) =>
        new(name, OpParamKind.Bool, help) { Default = def ? "true" : "false" };

    public static OpParam Matrix(string name, string help, bool optional = false) => new(name, OpParamKind.Matrix, help) { Optional = optional };

    /// <summary>An optional value parsed by <paramref name="parser"/>, described as <paramref name="describe"/>.</summary>
    public static OpParam Custom(string name, string help, string describe, OpValueParser parser) =>
        new(name, OpParamKind.Custom, help) { Optional = true, CustomDescription = describe, CustomParser = parser };

    private static OpParam Numeric(OpParamKind kind, string name, string help, double? def, double min, double max, bool integer, bool optional) =>
        new(name, kind, help)
        {
            Default = def is { } d ? JsonNumbers.Format(d) : null,
            Min = min,
            Max = max,
            Integer = integer,
            Optional = optional,
        };

    /// <summary>What the parameter accepts, for error messages and <c>fastxray ops</c>.</summary>
    public string Describe()
    {
        string what = Kind switch
        {
            OpParamKind.Number => (Integer ? "integer" : "number") + Range(),
            OpParamKind.PerAxis => (Integer ? "integer" : "number") + " or [axis0,axis1]" + Range(),
            OpParamKind.Choice => string.Join("|", Choices),
            OpParamKind.Bool => "true|false",
            OpParamKind.Custom => CustomDescription,
            _ => "2-D array, e.g. [[1,0],[0,-1]]",
        };
        string def = Default is not null ? $", default {Default}" : Optional ? ", default none" : ", required";
        return what + def;
    }

    private string Range()
    {
        string F(double v) => v.ToString(CultureInfo.InvariantCulture);
        bool lo = !double.IsNegativeInfinity(Min) && Min > int.MinValue;
        bool hi = !double.IsPositiveInfinity(Max) && Max < int.MaxValue;
        return (lo, hi) switch
        {
            (true, true) => $" in {F(Min)}..{F(Max)}",
            (true, false) => $" >= {F(Min)}",
            (false, true) => $" <= {F(Max)}",
            _ => "",
        };
    }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why, in words that follow "name=text ".</summary>
    public bool TryParse(string text, out OpValue? value, out string error)
    {
        value = null;
        error = "";
        switch (Kind)
        {
            case OpParamKind.Custom:
                return CustomParser!(text.Trim(), out value, out error);
            case OpParamKind.Choice:
            {
                string word = Unquote(text.Trim());
                if (Normalize is { } n)
                {
                    word = n(word);
                }

                if (!Choices.Contains(word, StringComparer.Ordinal))
                {
                    error = $"is not one of {string.Join(", ", Choices)}";
                    return false;
                }

                value = new OpValue(word, null);
                return true;
            }

            case OpParamKind.Bool:
            {
                string word = text.Trim();
                bool? b = word switch
                {
                    "true" or "True" or "1" => true,
                    "false" or "False" or "0" => false,
                    _ => null,
                };
                if (b is null)
                {
                    error = "is not true or false";
                    return false;
                }

                value = new OpValue(b.Value ? "true" : "false", null);
                return true;
            }
        }

        if (!JsonNumbers.TryParse(text, out JsonNumbers? numbers, out string why))
        {
            error = why;
            return false;
        }

        switch (Kind)
        {
            case OpParamKind.Number when numbers!.Rank != 0:
                error = "must be a single number";
                return false;
            case OpParamKind.PerAxis when numbers!.Rank == 2 || (numbers.Rank == 1 && numbers.Columns != 2):
                error = "must be a number or a pair [axis0,axis1] (images are 2-D)";
                return false;
            case OpParamKind.Matrix when numbers!.Rank != 2:
                error = "must be a 2-D array such as [[1,2],[3,4]] (images are 2-D)";
                return false;
        }

        if (Kind != OpParamKind.Matrix)
        {
            foreach (double v in numbers!.Values)
            {
                if (Integer && (v != Math.Floor(v) || Math.Abs(v) > int.MaxValue))
                {
                    error = "must be an integer";
                    return false;
                }

                if (v < Min || v > Max)
                {
                    error = "must be" + Range();
                    return false;
                }
            }
        }

        value = new OpValue(numbers!.ToString(), numbers);
        return true;
    }

    private static string Unquote(string s) =>
        s.Length >= 2 && ((s[0] == '"' && s[^1] == '"') || (s[0] == '\'' && s[^1] == '\'')) ? s[1..^1] : s;
}

/// <summary>A parsed parameter value: its canonical text and, for numeric kinds, the numbers; for custom kinds, what the parser built.</summary>
internal sealed class OpValue(string text, JsonNumbers? numbers, object? parsed = null)
{
    public string Text { get; } = text;

    public JsonNumbers? Numbers { get; } = numbers;

    /// <summary>A <see cref="OpParamKind.Custom"/> value as its parser built it (e.g. a compiled expression), built once per spec.</summary>
    public object? Parsed { get; } = parsed;
}

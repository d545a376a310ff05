namespace FastXray.Cli.Ops;

/// <summary>The parsed parameters of one op in a chain, with typed accessors for registrations.</summary>
internal sealed class OpArgs
{
    private readonly OpValue?[] _values;

    public OpArgs(OpDefinition op, OpValue?[] values)
    {
        Op = op;
        _values = values;
    }

    public OpDefinition Op { get; }

    /// <summary>True when the parameter was given or has a default (false for an absent optional one).</summary>
    public bool Has(string name) => Value(name) is not null;

    public double Double(string name) => Numbers(name).Values[0];

    public float Single(string name) => (float)Double(name);

    public int Int(string name) => checked((int)Double(name));

    public bool Bool(string name) => Text(name) == "true";

    public string Text(string name) => Value(name)?.Text ?? throw Missing(name);

    /// <summary>A <see cref="OpParamKind.Custom"/> value as its parser built it.</summary>
    public T Parsed<T>(string name)
        where T : class =>
        Value(name)?.Parsed as T ?? throw Missing(name);

    /// <summary>A scipy border mode (the parameter named <paramref name="name"/>, <c>mode</c> by default).</summary>
    public BorderMode Mode(string name = "mode") =>
        BorderModes.TryParse(Text(name), out BorderMode m) ? m : throw new InvalidOperationException($"bad mode '{Text(name)}'");

    /// <summary>A per-axis value: a scalar applies to both axes; <c>[a,b]</c> gives axis 0 (rows) then axis 1 (columns).</summary>
    public (double Axis0, double Axis1) PerAxis(string name)
    {
        JsonNumbers n = Numbers(name);
        return n.Rank == 0 ? (n.Values[0], n.Values[0]) : (n.Values[0], n.Values[1]);
    }

    /// <inheritdoc cref="PerAxis"/>
    public (int Axis0, int Axis1) PerAxisInt(string name)
    {
        (double a, double b) = PerAxis(name);
        return (checked((int)a), checked((int)b));
    }

    /// <summary>A 2-D array parameter, row-major.</summary>
    public (double[] Values, int Rows, int Columns) Matrix(string name)
    {
        JsonNumbers n = Numbers(name);
        return (n.Values, n.Rows, n.Columns);
    }

    private JsonNumbers Numbers(string name) => Value(name)?.Numbers ?? throw Missing(name);

    private OpValue? Value(string name)
    {
        for (int i = 0; i < Op.Parameters.Count; i++)
        {
            if (Op.Parameters[i].Name == name)
            {
                return _values[i];
            }
        }

        throw new InvalidOperationException($"op '{Op.Name}' declares no parameter '{name}'");
    }

    private InvalidOperationException Missing(string name) => new($"op '{Op.Name}': parameter '{name}' has no value");
}

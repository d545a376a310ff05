namespace FastXray.Cli.Ops;

/// <summary>
/// Parses an op spec: <c>name</c> or <c>name:key=value,key=value</c>. A value is a number, a word, or a JSON
/// array; commas inside brackets do not split (<c>convolve:weights=[[1,1,1],[0,0,0],[-1,-1,-1]]</c>). Every
/// mistake is a <see cref="UsageException"/> that names the spec and lists what is valid.
/// </summary>
internal static class OpSpecParser
{
    public static BoundOp Parse(string spec, OpRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(registry);
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        string name = (colon < 0 ? spec : spec[..colon]).Trim();
        string rest = colon < 0 ? "" : spec[(colon + 1)..];
        if (name.Length == 0)
        {
            throw Error(spec, $"missing op name; valid ops: {registry.NameList}");
        }

        if (!registry.TryGet(name, out OpDefinition op))
        {
            string hint = registry.Closest(name) is { } near ? $" (did you mean '{near}'?)" : "";
            throw Error(spec, $"unknown op '{name}'{hint}; valid ops: {registry.NameList}");
        }

        var values = new OpValue?[op.Parameters.Count];
        foreach (string item in SplitTopLevel(spec, rest))
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw Error(spec, $"'{item.Trim()}' is not key=value; parameters of '{op.Name}': {ParamList(op)}");
            }

            string key = item[..eq].Trim();
            string text = item[(eq + 1)..].Trim();
            int index = IndexOf(op, key);
            if (index < 0)
            {
                string hint = Suggest.Closest(key, op.Parameters.Select(p => p.Name)) is { } near ? $" (did you mean '{near}'?)" : "";
                throw Error(spec, op.Parameters.Count == 0
                    ? $"op '{op.Name}' takes no parameters, got '{key}'"
                    : $"op '{op.Name}' has no parameter '{key}'{hint}; valid parameters: {ParamList(op)}");
            }

            if (values[index] is not null)
            {
                throw Error(spec, $"parameter '{key}' given twice");
            }

            OpParam p = op.Parameters[index];
            if (text.Length == 0)
            {
                throw Error(spec, $"{key}= has no value; {key} is {p.Describe()}");
            }

            if (!p.TryParse(text, out OpValue? value, out string why))
            {
                // A custom value (an expression) names its own column; repeating the text and the help would bury it.
                throw Error(spec, p.Kind == OpParamKind.Custom ? $"{key} {why}" : $"{key}={text} {why}; {key} is {p.Describe()}");
            }

            values[index] = value;
        }

        for (int i = 0; i < values.Length; i++)
        {
            OpParam p = op.Parameters[i];
            if (values[i] is null && p.Default is { } def)
            {
                if (!p.TryParse(def, out values[i], out string why))
                {
                    throw new InvalidOperationException($"op '{op.Name}': default of '{p.Name}' {why}");
                }
            }
            else if (values[i] is null && p.Required)
            {
                throw Error(spec, $"op '{op.Name}' needs {p.Name}= ({p.Describe()})");
            }
        }

        var args = new OpArgs(op, values);
        if (op.Validate?.Invoke(args) is { } problem)
        {
            throw Error(spec, problem);
        }

        return new BoundOp(args, Canonical(op, values));
    }

    /// <summary>The parameter list for messages: <c>sigma, order, mode</c>.</summary>
    public static string ParamList(OpDefinition op) => string.Join(", ", op.Parameters.Select(p => p.Name));

    private static string Canonical(OpDefinition op, OpValue?[] values)
    {
        var parts = new List<string>();
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v)
            {
                parts.Add(op.Parameters[i].Name + "=" + v.Text);
            }
        }

        return parts.Count == 0 ? op.Name : op.Name + ":" + string.Join(",", parts);
    }

    private static int IndexOf(OpDefinition op, string key)
    {
        for (int i = 0; i < op.Parameters.Count; i++)
        {
            if (op.Parameters[i].Name == key)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Splits at commas outside brackets; brackets must balance.</summary>
    private static List<string> SplitTopLevel(string spec, string text)
    {
        var items = new List<string>();
        if (text.Trim().Length == 0)
        {
            if (spec.Contains(':', StringComparison.Ordinal))
            {
                throw Error(spec, "nothing after ':'; write name or name:key=value,...");
            }

            return items;
        }

        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                if (--depth < 0)
                {
                    throw Error(spec, "unbalanced ']'");
                }
            }
            else if (c == ',' && depth == 0)
            {
                items.Add(Checked(spec, text[start..i]));
                start = i + 1;
            }
        }

        if (depth != 0)
        {
            throw Error(spec, "unbalanced '['");
        }

        items.Add(Checked(spec, text[start..]));
        return items;
    }

    private static string Checked(string spec, string item) =>
        item.Trim().Length == 0 ? throw Error(spec, "empty parameter (stray ',')") : item;

    private static UsageException Error(string spec, string message) => new($"--op '{spec}': {message}");
}

namespace FastXray.Intensity;

/// <summary>The comparison of a pixel with a threshold in <see cref="Where"/>.</summary>
public enum CompareOp
{
    /// <summary><c>x &gt; t</c> (gt).</summary>
    Greater,

    /// <summary><c>x &gt;= t</c> (ge).</summary>
    GreaterOrEqual,

    /// <summary><c>x &lt; t</c> (lt).</summary>
    Less,

    /// <summary><c>x &lt;= t</c> (le).</summary>
    LessOrEqual,

    /// <summary><c>x == t</c> (eq).</summary>
    Equal,

    /// <summary><c>x != t</c> (ne).</summary>
    NotEqual,
}

/// <summary>Names of <see cref="CompareOp"/> as the CLI spells them.</summary>
public static class CompareOps
{
    /// <summary>Parses gt, ge, lt, le, eq, ne (or &gt;, &gt;=, &lt;, &lt;=, ==, !=).</summary>
    public static bool TryParse(string? text, out CompareOp op)
    {
        switch (text)
        {
            case "gt" or ">": op = CompareOp.Greater; return true;
            case "ge" or ">=": op = CompareOp.GreaterOrEqual; return true;
            case "lt" or "<": op = CompareOp.Less; return true;
            case "le" or "<=": op = CompareOp.LessOrEqual; return true;
            case "eq" or "==": op = CompareOp.Equal; return true;
            case "ne" or "!=": op = CompareOp.NotEqual; return true;
            default: op = default; return false;
        }
    }

    /// <summary>The short name (gt, ge, lt, le, eq, ne).</summary>
    public static string Name(this CompareOp op) => op switch
    {
        CompareOp.Greater => "gt",
        CompareOp.GreaterOrEqual => "ge",
        CompareOp.Less => "lt",
        CompareOp.LessOrEqual => "le",
        CompareOp.Equal => "eq",
        CompareOp.NotEqual => "ne",
        _ => ThrowHelper.ThrowArgumentOutOfRange<string>(nameof(op), $"Unknown comparison {(int)op}."),
    };
}

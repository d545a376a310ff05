namespace FastXray.Cli.Ops;

/// <summary>
/// The ops that <c>--op</c> accepts, by name. <see cref="Default"/> holds the built-in ops
/// (<see cref="BuiltInOps"/>); tests build their own registries.
/// </summary>
internal sealed class OpRegistry
{
    private readonly Dictionary<string, OpDefinition> _ops = new(StringComparer.Ordinal);
    private readonly List<OpDefinition> _ordered = [];

    /// <summary>The built-in ops.</summary>
    public static OpRegistry Default { get; } = BuiltInOps.Create();

    /// <summary>Ops in registration order.</summary>
    public IReadOnlyList<OpDefinition> All => _ordered;

    /// <summary>Registers an op (names are unique).</summary>
    public OpRegistry Add(OpDefinition op)
    {
        if (!_ops.TryAdd(op.Name, op))
        {
            throw new InvalidOperationException($"op '{op.Name}' registered twice");
        }

        _ordered.Add(op);
        return this;
    }

    /// <summary>Registers an op from its parts; see <see cref="OpDefinition"/>.</summary>
    public OpRegistry Add(string name, string summary, OpParam[] parameters, OpKernel kernel, Func<OpArgs, string?>? validate = null,
        Func<OpArgs, int>? reach = null, Func<OpArgs, bool>? keepsIntegers = null) =>
        Add(new OpDefinition(name, summary, parameters, kernel, validate, reach, keepsIntegers));

    public bool TryGet(string name, out OpDefinition op) => _ops.TryGetValue(name, out op!);

    /// <summary>The op names joined for error messages.</summary>
    public string NameList => _ordered.Count == 0 ? "(none in this build)" : string.Join(", ", _ordered.Select(o => o.Name));

    /// <summary>The registered name closest to <paramref name="name"/> (edit distance ≤ 3), for "did you mean".</summary>
    public string? Closest(string name) => Suggest.Closest(name, _ordered.Select(o => o.Name));
}

/// <summary>"Did you mean" by Levenshtein distance.</summary>
internal static class Suggest
{
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = Math.Min(3, Math.Max(1, name.Length / 3));
        foreach (string c in candidates)
        {
            int d = Distance(name, c);
            if (d <= bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                cur[j] = Math.Min(sub, Math.Min(prev[j] + 1, cur[j - 1] + 1));
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}

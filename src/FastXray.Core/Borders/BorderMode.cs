namespace FastXray;

/// <summary>How a filter extends the image past its edges; scipy.ndimage's <c>mode</c>.</summary>
/// <remarks>
/// For <c>[a b c d]</c> extended by three on each side:
/// <see cref="Reflect"/> <c>c b a | a b c d | d c b</c> (edge sample repeated; scipy's default and <c>grid-mirror</c>),
/// <see cref="Mirror"/> <c>d c b | a b c d | c b a</c> (edge sample not repeated),
/// <see cref="Nearest"/> <c>a a a | a b c d | d d d</c>,
/// <see cref="Wrap"/> <c>b c d | a b c d | a b c</c> (<c>grid-wrap</c>),
/// <see cref="Constant"/> <c>k k k | a b c d | k k k</c> with k = cval (<c>grid-constant</c>).
/// The extension is periodic, so lines shorter than the kernel are well defined.
/// </remarks>
public enum BorderMode
{
    /// <summary>scipy <c>reflect</c> / <c>grid-mirror</c>: period 2n, edge sample duplicated.</summary>
    Reflect = 0,
    /// <summary>scipy <c>mirror</c>: period 2n-2, edge sample not duplicated; n = 1 acts as nearest.</summary>
    Mirror,
    /// <summary>scipy <c>nearest</c>: clamp to the edge sample.</summary>
    Nearest,
    /// <summary>scipy <c>constant</c> / <c>grid-constant</c>: outside samples equal cval.</summary>
    Constant,
    /// <summary>scipy <c>wrap</c> / <c>grid-wrap</c>: period n.</summary>
    Wrap,
}

/// <summary>Parsing and naming of <see cref="BorderMode"/> with scipy's spellings.</summary>
public static class BorderModes
{
    /// <summary>The scipy names accepted by <see cref="TryParse"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["reflect", "grid-mirror", "mirror", "nearest", "constant", "grid-constant", "wrap", "grid-wrap"];

    /// <summary>Parses a scipy mode name (case-sensitive, as scipy).</summary>
    public static bool TryParse(string name, out BorderMode mode)
    {
        switch (name)
        {
            case "reflect" or "grid-mirror": mode = BorderMode.Reflect; return true;
            case "mirror": mode = BorderMode.Mirror; return true;
            case "nearest": mode = BorderMode.Nearest; return true;
            case "constant" or "grid-constant": mode = BorderMode.Constant; return true;
            case "wrap" or "grid-wrap": mode = BorderMode.Wrap; return true;
            default: mode = default; return false;
        }
    }

    /// <summary>The canonical scipy name of a mode.</summary>
    public static string ToName(this BorderMode mode) => mode switch
    {
        BorderMode.Reflect => "reflect",
        BorderMode.Mirror => "mirror",
        BorderMode.Nearest => "nearest",
        BorderMode.Constant => "constant",
        BorderMode.Wrap => "wrap",
        _ => ThrowHelper.ThrowArgumentOutOfRange<string>(nameof(mode), "Unknown border mode."),
    };
}

namespace FastXray.Imaging.Figures;

/// <summary>Layout of a <see cref="Montage"/>.</summary>
public sealed record MontageOptions
{
    /// <summary>10 px margins and gaps, titles at scale 2, tiles as large as the largest panel.</summary>
    public static MontageOptions Default { get; } = new();

    /// <summary>Tile width; null = the widest panel. Larger panels are shrunk by area averaging to fit, keeping their aspect ratio.</summary>
    public int? TileWidth { get; init; }

    /// <summary>Tile height; null = the tallest panel.</summary>
    public int? TileHeight { get; init; }

    /// <summary>Blank border around the whole figure, in pixels.</summary>
    public int Margin { get; init; } = 10;

    /// <summary>Blank space between tiles, in pixels.</summary>
    public int Gap { get; init; } = 10;

    /// <summary>Integer scale of the 5x7 title font (2 gives 10x14 pixel letters).</summary>
    public int TitleScale { get; init; } = 2;

    /// <summary>Figure background (white, as Matplotlib's).</summary>
    public Rgb Background { get; init; } = Rgb.White;

    /// <summary>Title colour.</summary>
    public Rgb TextColor { get; init; } = Rgb.Black;
}

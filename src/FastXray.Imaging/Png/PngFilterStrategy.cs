namespace FastXray.Imaging.Png;

/// <summary>How the encoder chooses the filter of each scanline.</summary>
public enum PngFilterStrategy
{
    /// <summary>Per row, the filter whose output has the smallest sum of absolute values as signed bytes (libpng's heuristic).</summary>
    Adaptive = 0,

    /// <summary>Every row unfiltered.</summary>
    None,

    /// <summary>Every row Sub (difference to the left pixel).</summary>
    Sub,

    /// <summary>Every row Up (difference to the pixel above).</summary>
    Up,

    /// <summary>Every row Average.</summary>
    Average,

    /// <summary>Every row Paeth.</summary>
    Paeth,
}

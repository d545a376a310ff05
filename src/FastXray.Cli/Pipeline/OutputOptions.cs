namespace FastXray.Cli.Pipeline;

/// <summary>How float results become integer PNG samples; see <see cref="SampleScaler"/>.</summary>
internal enum ScaleMode
{
    Auto,
    Clip,
    None,
}

/// <summary>Everything besides the op chain that decides the output bytes.</summary>
/// <param name="Format">PNG or NPY.</param>
/// <param name="Scale">PNG only: the float-to-integer rule.</param>
/// <param name="Depth">PNG only: 8 or 16 bits per sample.</param>
/// <param name="Colormap">PNG only: a colormap name for RGB output, or null for grey.</param>
internal sealed record OutputOptions(ImageFormat Format, ScaleMode Scale = ScaleMode.Auto, int Depth = 8, string? Colormap = null)
{
    /// <summary>A stable text form for manifests and completion records.</summary>
    public string Key => Format == ImageFormat.Npy
        ? "format=npy"
        : $"format=png,depth={Depth},scale={Scale.ToString().ToLowerInvariant()}" + (Colormap is null ? "" : ",colormap=" + Colormap);
}

namespace FastXray.Cli.Pipeline;

/// <summary>How float results become integer samples; see <see cref="SampleScaler"/>.</summary>
internal enum ScaleMode
{
    Auto,
    Clip,
    None,
}

/// <summary>Everything besides the op chain that decides the output bytes.</summary>
/// <param name="Format">The file format.</param>
/// <param name="Scale">Integer formats: the float-to-integer rule.</param>
/// <param name="Depth">8 or 16 bits per sample (16 for PNG and TIFF only).</param>
/// <param name="Colormap">PNG, JPEG, BMP, TGA: a colormap name for RGB output, or null for grey.</param>
/// <param name="Quality">JPEG only: libjpeg's quality 1..100.</param>
internal sealed record OutputOptions(ImageFormat Format, ScaleMode Scale = ScaleMode.Auto, int Depth = 8, string? Colormap = null, int Quality = OutputOptions.DefaultQuality)
{
    /// <summary>DICOM inputs: the frame and whether to rescale (<c>--frame</c>, <c>--no-rescale</c>); they decide the output bytes too.</summary>
    public FastXray.Imaging.Dicom.DicomDecodeOptions Dicom { get; init; } = FastXray.Imaging.Dicom.DicomDecodeOptions.Default;

    /// <summary>
    /// <c>--output-dtype input</c>: an 8/16-bit input is filtered in its own dtype as scipy.ndimage does without
    /// <c>output=</c> and written unscaled (<see cref="IntegerStorePipeline"/>); false is the float32 chain.
    /// </summary>
    public bool KeepInputDType { get; init; }

    /// <summary>JPEG quality when none is given: Pillow's and OpenCV's is 75, libjpeg's cjpeg's 75; 90 keeps radiograph detail (the choice).</summary>
    public const int DefaultQuality = 90;

    /// <summary>A stable text form for manifests and completion records (the PNG and NPY forms are unchanged from earlier releases, so their records stay valid).</summary>
    public string Key => Format switch
    {
        ImageFormat.Npy => "format=npy",
        ImageFormat.Png => $"format=png,depth={Depth},scale={ScaleName}" + ColormapKey,
        ImageFormat.Jpeg => $"format=jpeg,quality={Quality},scale={ScaleName}" + ColormapKey,
        _ => $"format={Format.ToString().ToLowerInvariant()},depth={Depth},scale={ScaleName}" + ColormapKey,
    } + DicomKey + (KeepInputDType ? ",dtype=input" : "");

    // Only when not the default, so records written before DICOM input existed stay valid.
    private string DicomKey => (Dicom.Frame == 0 ? "" : $",frame={Dicom.Frame}") + (Dicom.Rescale ? "" : ",rescale=false");

    private string ScaleName => Scale.ToString().ToLowerInvariant();

    private string ColormapKey => Colormap is null ? "" : ",colormap=" + Colormap;
}

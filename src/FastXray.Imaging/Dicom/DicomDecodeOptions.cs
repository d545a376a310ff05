namespace FastXray.Imaging.Dicom;

/// <summary>What to decode from a DICOM file.</summary>
/// <param name="Frame">The 0-based frame of a multi-frame file (the first by default).</param>
/// <param name="Rescale">Apply the Modality LUT (Rescale Slope/Intercept or a Modality LUT Sequence); false gives stored values (<c>--no-rescale</c>).</param>
public sealed record DicomDecodeOptions(int Frame = 0, bool Rescale = true)
{
    /// <summary>The first frame, rescaled.</summary>
    public static DicomDecodeOptions Default { get; } = new();
}

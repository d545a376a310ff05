namespace FastXray.Imaging.Dicom;

/// <summary>What a compressed frame's own header (a JPEG SOF or JPEG-LS SOF55 marker) says.</summary>
/// <param name="Width">Samples per line.</param>
/// <param name="Height">Lines.</param>
/// <param name="Precision">Bits per sample (2-16).</param>
/// <param name="Components">Components per pixel (1 for the monochrome images we read, 3 for colour).</param>
public readonly record struct CodestreamInfo(int Width, int Height, int Precision, int Components);

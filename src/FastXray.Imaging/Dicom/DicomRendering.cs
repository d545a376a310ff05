namespace FastXray.Imaging.Dicom;

/// <summary>What a decoded DICOM frame carries besides its samples: the file, and how a viewer would show it.</summary>
/// <param name="File">The parsed file.</param>
/// <param name="Frame">The frame decoded (0-based).</param>
/// <param name="Rescaled">The samples are modality values (the Modality LUT stage ran); false for stored values.</param>
/// <param name="Voi">The file's VOI (LUT or first window), or null when it has none.</param>
/// <param name="Monochrome1">Photometric Interpretation is MONOCHROME1: invert after VOI.</param>
/// <param name="Offset16">What 16-bit output adds to the samples so that the lowest possible one is not negative: 32768 when the sample range reaches below 0, else 0.</param>
public sealed record DicomRendering(DicomFile File, int Frame, bool Rescaled, DicomVoi? Voi, bool Monochrome1, int Offset16);

namespace FastXray.Imaging.Dicom;

/// <summary>Decodes one frame of a <see cref="DicomFile"/> to stored values.</summary>
public static class DicomFrameDecoder
{
    /// <summary>
    /// Decodes frame <paramref name="frame"/> (0-based) into <paramref name="destination"/>, Rows x Columns grey samples:
    /// masked to Bits Stored from High Bit and, when signed, sign-extended to 16 bits (read them as <c>short</c>).
    /// </summary>
    public static void Decode(DicomFile file, int frame, Span<ushort> destination, DecodeLimits? limits = null) =>
        throw new NotImplementedException("skeleton: DicomFrameDecoder is being written on branch dicom-parser");
}

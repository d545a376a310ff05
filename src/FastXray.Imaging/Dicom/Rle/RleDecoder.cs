namespace FastXray.Imaging.Dicom.Rle;

/// <summary>DICOM RLE Lossless (PS3.5 Annex G).</summary>
public static class RleDecoder
{
    /// <summary>Decodes one frame (its fragments concatenated) into width x height x samples values, interleaved by pixel.</summary>
    public static void Decode(ReadOnlySpan<byte> frame, int width, int height, int samplesPerPixel, int bitsAllocated, Span<ushort> destination) =>
        throw new NotImplementedException("skeleton: being written on branch dicom-parser");
}

namespace FastXray.Imaging.Dicom.JpegLossless;

/// <summary>JPEG Lossless, process 14 (ITU-T T.81 Annex H), every predictor and point transform, 2-16 bits.</summary>
public static class JpegLosslessDecoder
{
    /// <summary>The frame header of <paramref name="data"/> (one DICOM frame's codestream).</summary>
    public static CodestreamInfo ReadInfo(ReadOnlySpan<byte> data) =>
        throw new NotImplementedException("skeleton: being written on branch dicom-jpeglossless");

    /// <summary>Decodes <paramref name="data"/> into exactly Width x Height x Components samples, interleaved by pixel, values as coded (0 .. 2^Precision - 1).</summary>
    public static void Decode(ReadOnlySpan<byte> data, Span<ushort> destination) =>
        throw new NotImplementedException("skeleton: being written on branch dicom-jpeglossless");
}

namespace FastXray.Imaging.Dicom.JpegLs;

/// <summary>JPEG-LS (ITU-T T.87), lossless and near-lossless.</summary>
public static class JpegLsDecoder
{
    /// <summary>The frame header of <paramref name="data"/> (one DICOM frame's codestream).</summary>
    public static CodestreamInfo ReadInfo(ReadOnlySpan<byte> data) =>
        throw new NotImplementedException("skeleton: being written on branch dicom-jpegls");

    /// <summary>Decodes <paramref name="data"/> into exactly Width x Height x Components samples, interleaved by pixel, values as coded (0 .. 2^Precision - 1).</summary>
    public static void Decode(ReadOnlySpan<byte> data, Span<ushort> destination) =>
        throw new NotImplementedException("skeleton: being written on branch dicom-jpegls");
}

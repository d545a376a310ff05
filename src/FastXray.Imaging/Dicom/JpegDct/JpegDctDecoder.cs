namespace FastXray.Imaging.Dicom.JpegDct;

/// <summary>JPEG sequential DCT with Huffman coding, 8 and 12-bit (ITU-T T.81 processes 1, 2 and 4), IDCT as libjpeg's islow.</summary>
public static class JpegDctDecoder
{
    /// <summary>The frame header of <paramref name="data"/> (one DICOM frame's codestream).</summary>
    public static CodestreamInfo ReadInfo(ReadOnlySpan<byte> data) =>
        throw new NotImplementedException("skeleton: being written on branch dicom-jpegdct");

    /// <summary>Decodes <paramref name="data"/> into exactly Width x Height x Components samples, interleaved by pixel, values as coded (0 .. 2^Precision - 1).</summary>
    public static void Decode(ReadOnlySpan<byte> data, Span<ushort> destination) =>
        throw new NotImplementedException("skeleton: being written on branch dicom-jpegdct");
}

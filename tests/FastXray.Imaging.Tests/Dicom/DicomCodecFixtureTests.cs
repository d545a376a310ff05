using FastXray.Imaging.Dicom;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom;

/// <summary>
/// Whole DICOM files in the JPEG Lossless, JPEG-LS and JPEG Extended syntaxes through the reader, the frame layer
/// and the codec: the frame is located, handed over and masked/sign-extended as expected. Lossless files compare
/// with the uncompressed original, near-lossless JPEG-LS with dcmdjpls (it is deterministic), JPEG Extended with
/// dcmdjpeg exactly (our DCT decoder follows libjpeg's islow IDCT bit for bit).
/// </summary>
public sealed class DicomCodecFixtureTests
{
    public static TheoryData<string> JpegLossless => DicomFixtures.Names(static c => c is DicomPixelCodec.JpegLossless);

    public static TheoryData<string> JpegLs => DicomFixtures.Names(static c => c is DicomPixelCodec.JpegLs);

    [Theory]
    [MemberData(nameof(JpegLossless))]
    public void Jpeg_lossless_frames_match(string name) => DicomFixtures.AssertFramesMatch(name);

    [Theory]
    [MemberData(nameof(JpegLs))]
    public void Jpeg_ls_frames_match(string name) => DicomFixtures.AssertFramesMatch(name);

    [Theory]
    [InlineData("u8_jpe")]
    [InlineData("u12_jpe")]
    public void Jpeg_extended_equals_dcmdjpeg(string name) => DicomFixtures.AssertCloseToReference(name, maxDifference: 0);
}

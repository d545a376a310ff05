using FastXray.Imaging.Dicom;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom;

/// <summary>
/// Fixtures in the syntaxes whose decoders are written on other branches: JPEG Lossless (dicom-jpeglossless), JPEG-LS
/// (dicom-jpegls) and JPEG Extended (dicom-jpegdct). Until those land, the stubs throw NotImplementedException and
/// these fail; after the merge they check the frame is located, handed over and masked/sign-extended as expected.
/// Lossless files compare with the uncompressed original, near-lossless JPEG-LS with dcmdjpls (it is deterministic).
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

    /// <summary>Differences of IDCT rounding allowed: none if the decoder follows libjpeg's islow exactly, else 1-2 levels.</summary>
    [Theory]
    [InlineData("u8_jpe")]
    [InlineData("u12_jpe")]
    public void Jpeg_extended_is_close_to_dcmdjpeg(string name) => DicomFixtures.AssertCloseToReference(name, maxDifference: 2);
}

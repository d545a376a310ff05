using FastXray.Imaging.Dicom;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom;

/// <summary>Decoded frames of the fixtures we decode ourselves (native, RLE) or through StbImageSharp (JPEG Baseline).</summary>
public sealed class DicomFrameFixtureTests
{
    public static TheoryData<string> NativeAndRle => DicomFixtures.Names(static c => c is DicomPixelCodec.Native or DicomPixelCodec.Rle);

    [Theory]
    [MemberData(nameof(NativeAndRle))]
    public void Frames_match_expected_hashes(string name) => DicomFixtures.AssertFramesMatch(name);

    [Theory]
    [InlineData("u8")]
    [InlineData("u12")]
    [InlineData("s16")]
    public void All_four_uncompressed_encodings_and_rle_decode_the_same(string stem)
    {
        ushort[] te = DicomFixtures.DecodeAll(DicomFixtures.Read(stem + "_te"))[0];
        foreach (string key in new[] { "ti", "tb", "td", "rle" })
        {
            Assert.Equal(te, DicomFixtures.DecodeAll(DicomFixtures.Read($"{stem}_{key}"))[0]);
        }
    }

    [Fact]
    public void Twelve_bit_garbage_above_high_bit_is_masked()
    {
        ushort[] frame = DicomFixtures.DecodeAll(DicomFixtures.Read("u12_te"))[0];
        Assert.All(frame, static v => Assert.True(v < 4096));
        DicomFile f = DicomFixtures.Read("u12_te");
        ReadOnlySpan<byte> raw = f.Buffer.Span.Slice(f.PixelDataOffset, f.PixelDataLength);
        Assert.True(raw[1] >> 4 != 0, "the fixture has garbage in the top bits of sample 0");
    }

    [Fact]
    public void Signed_values_are_sign_extended()
    {
        ushort[] frame = DicomFixtures.DecodeAll(DicomFixtures.Read("s16_te"))[0];
        Assert.Equal(new short[] { -1024, 3000, -1, 0 }, frame.AsSpan(0, 4).ToArray().Select(static v => (short)v));
    }

    [Fact]
    public void Multiframe_frames_differ_and_rle_equals_native()
    {
        ushort[][] te = DicomFixtures.DecodeAll(DicomFixtures.Read("multiframe_te"));
        ushort[][] rle = DicomFixtures.DecodeAll(DicomFixtures.Read("multiframe_rle"));
        Assert.Equal(3, te.Length);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(te[i], rle[i]);
            Assert.Equal(i, te[i][0] & 15); // the generator adds the frame index to every sample
        }

        Assert.NotEqual(te[0], te[1]);
    }

    [Fact]
    public void Rgb_interleaved_planar_and_rle_give_the_same_grey()
    {
        ushort[] a = DicomFixtures.DecodeAll(DicomFixtures.Read("rgb_interleaved"))[0];
        Assert.Equal(a, DicomFixtures.DecodeAll(DicomFixtures.Read("rgb_planar"))[0]);
        Assert.Equal(a, DicomFixtures.DecodeAll(DicomFixtures.Read("rgb_rle"))[0]);
    }

    [Fact]
    public void Frame_out_of_range_is_one_line()
    {
        DicomFile f = DicomFixtures.Read("multiframe_te");
        var e = Assert.Throws<ImageFormatException>(() => DicomFrameDecoder.Decode(f, 3, new ushort[f.Rows * f.Columns]));
        Assert.Equal("frame 3 out of range (the file has 3)", e.Message);
        Assert.Throws<ImageFormatException>(() => DicomFrameDecoder.Decode(f, -1, new ushort[f.Rows * f.Columns]));
    }

    [Fact]
    public void Wrong_destination_length_is_an_argument_error()
    {
        DicomFile f = DicomFixtures.Read("u8_te");
        Assert.Throws<ArgumentException>(() => DicomFrameDecoder.Decode(f, 0, new ushort[(f.Rows * f.Columns) - 1]));
    }

    /// <summary>JPEG Baseline goes through our DCT decoder, bit-exact with dcmdjpeg (libjpeg's islow IDCT).</summary>
    [Fact]
    public void Jpeg_baseline_equals_dcmdjpeg() => DicomFixtures.AssertCloseToReference("u8_jpb", maxDifference: 0);

    [Theory]
    [InlineData("multiframe_jls", 0, 0, 3)] // basic offset table
    [InlineData("multiframe_jls", 2, 6, 3)]
    [InlineData("multiframe_jpl", 1, 3, 3)] // no offset table, several fragments per frame: split at SOI
    [InlineData("multiframe_jpl", 2, 6, 3)]
    [InlineData("multiframe_rle", 1, 1, 1)] // one fragment per frame
    [InlineData("u8_jls", 0, 0, 1)]
    public void Frames_are_located_in_fragments(string name, int frame, int first, int count)
    {
        Assert.Equal((first, count), DicomFrameSplitter.Locate(DicomFixtures.Read(name), frame));
    }
}

using FastXray.Imaging.Dicom;
using FastXray.Imaging.Dicom.JpegLossless;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom.JpegLossless;

/// <summary>
/// Every committed codestream (dcmcjpeg output for every selection value, point transform, 2-16 bits, grey and RGB;
/// restart intervals, non-interleaved scans and P=2/12 from the fixture script's own encoder, all checked by
/// dcmdjpeg) decodes to the samples dcmtk gives.
/// </summary>
public sealed class JpegLosslessDecoderTests
{
    public static TheoryData<string> Names() => [.. JpegLosslessFixture.All.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Names))]
    public void ReadInfo_gives_the_frame_header(string name)
    {
        JpegLosslessFixture f = JpegLosslessFixture.All[name];
        Assert.Equal(new CodestreamInfo(f.Width, f.Height, f.Precision, f.Components), JpegLosslessDecoder.ReadInfo(f.Data));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_gives_the_expected_samples(string name)
    {
        JpegLosslessFixture f = JpegLosslessFixture.All[name];
        Assert.Equal(f.Sha256, JpegLosslessFixture.HashOf(Decode(f.Data, f)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_accepts_DICOM_padding_and_a_missing_EOI(string name)
    {
        JpegLosslessFixture f = JpegLosslessFixture.All[name];
        byte[] data = f.Data;
        Assert.Equal([0xFF, 0xD9], data[^2..]);
        Assert.Equal(f.Sha256, JpegLosslessFixture.HashOf(Decode([.. data, 0x00], f)));
        Assert.Equal(f.Sha256, JpegLosslessFixture.HashOf(Decode(data[..^2], f)));
    }

    [Fact]
    public void Samples_stay_within_the_precision()
    {
        foreach (JpegLosslessFixture f in JpegLosslessFixture.All.Values)
        {
            ushort[] samples = Decode(f.Data, f);
            Assert.True(samples.Max() < 1 << f.Precision, f.Name);
            if (f.PointTransform > 0)
            {
                Assert.All(samples, v => Assert.Equal(0, v & ((1 << f.PointTransform) - 1)));
            }
        }
    }

    [Fact]
    public void The_extreme_image_reaches_0_and_65535()
    {
        // extreme16 puts 32768 beside 0, so differences of category 16 (32768, no extra bits) occur (the script asserts it).
        ushort[] samples = Decode(JpegLosslessFixture.All["extreme16_sv1"].Data, JpegLosslessFixture.All["extreme16_sv1"]);
        Assert.Contains((ushort)0, samples);
        Assert.Contains((ushort)65535, samples);
        Assert.Contains((ushort)32768, samples);
    }

    [Fact]
    public void Destination_of_the_wrong_length_is_an_argument_error()
    {
        JpegLosslessFixture f = JpegLosslessFixture.All["xray8_sv1"];
        byte[] data = f.Data;
        Assert.Throws<ArgumentException>(() => JpegLosslessDecoder.Decode(data, new ushort[(f.Width * f.Height) - 1]));
        Assert.Throws<ArgumentException>(() => JpegLosslessDecoder.Decode(data, new ushort[(f.Width * f.Height) + 1]));
    }

    [Fact]
    public void Decode_allocates_nothing_after_warm_up()
    {
        foreach (string name in new[] { "xray16_sv1", "xray16_el_sv6_pt3", "rgb8_el_sv4", "own_rgb8_noninterleaved_sv6", "own_xray16_sv1_rst3" })
        {
            JpegLosslessFixture f = JpegLosslessFixture.All[name];
            byte[] data = f.Data;
            var destination = new ushort[f.Width * f.Height * f.Components];
            AllocationAssert.None(() => JpegLosslessDecoder.Decode(data, destination), name);
            AllocationAssert.None(() => JpegLosslessDecoder.ReadInfo(data), name);
        }
    }

    [Fact]
    public void Decoding_twice_into_a_dirty_buffer_gives_the_same_samples()
    {
        JpegLosslessFixture f = JpegLosslessFixture.All["xray16_el_sv4"];
        var destination = new ushort[f.Width * f.Height];
        Array.Fill(destination, (ushort)0xBEEF);
        JpegLosslessDecoder.Decode(f.Data, destination);
        Assert.Equal(f.Sha256, JpegLosslessFixture.HashOf(destination));
    }

    internal static ushort[] Decode(byte[] data, JpegLosslessFixture f)
    {
        var destination = new ushort[f.Width * f.Height * f.Components];
        JpegLosslessDecoder.Decode(data, destination);
        return destination;
    }
}

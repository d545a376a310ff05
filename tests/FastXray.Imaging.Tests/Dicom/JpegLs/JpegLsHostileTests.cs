using FastXray.Imaging.Dicom.JpegLs;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom.JpegLs;

/// <summary>Truncated, corrupted and unsupported codestreams end in one <see cref="ImageFormatException"/>, never another exception or a hang.</summary>
public sealed class JpegLsHostileTests
{
    [Theory]
    [InlineData("synth8_17x13")]
    [InlineData("synth16_17x13")]
    [InlineData("rgb8_40x30_ilvsample_restart10")]
    public void Every_truncation_is_reported_as_truncated(string id)
    {
        JpegLsTestFiles.Case c = JpegLsTestFiles.All[id];
        byte[] data = JpegLsTestFiles.Read(id);
        var samples = new ushort[c.Samples];
        // The EOI, and the 0xFF fill byte dcmtk puts before it to make the length even, are not needed once the
        // samples are decoded; every shorter prefix lacks scan data.
        int scanEnd = data.Length - 2;
        while (data[scanEnd - 1] == 0xFF)
        {
            scanEnd--;
        }

        for (int length = 0; length < scanEnd; length++)
        {
            var e = Assert.Throws<ImageFormatException>(() => JpegLsDecoder.Decode(data.AsSpan(0, length), samples));
            if (length >= 2)
            {
                Assert.True(e.Message.StartsWith("truncated JPEG-LS data", StringComparison.Ordinal), $"{id} cut to {length} bytes: {e.Message}");
            }
        }
    }

    [Fact]
    public void Every_header_truncation_fails_ReadInfo()
    {
        byte[] data = JpegLsTestFiles.Read("xray12_96x80_lse");
        int sofEnd = data.AsSpan().IndexOf([(byte)0xFF, (byte)0xF8]); // SOF55 precedes the LSE here
        Assert.True(sofEnd > 0);
        for (int length = 0; length < sofEnd; length++)
        {
            Assert.Throws<ImageFormatException>(() => JpegLsDecoder.ReadInfo(data.AsSpan(0, length)));
        }
    }

    [Theory]
    [InlineData("xray8_96x80")]
    [InlineData("xray16_96x80_near3")]
    [InlineData("rgb8_40x30_ilvsample")]
    [InlineData("rgb8_40x30_ilvline_restart7")]
    [InlineData("synth16_96x80_lse")]
    public void Random_corruption_throws_only_the_domain_exception(string id)
    {
        JpegLsTestFiles.Case c = JpegLsTestFiles.All[id];
        byte[] original = JpegLsTestFiles.Read(id);
        var samples = new ushort[c.Samples];
        var random = new Random(20261207);
        for (int trial = 0; trial < 400; trial++)
        {
            byte[] data = (byte[])original.Clone();
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++)
            {
                data[random.Next(data.Length)] = (byte)random.Next(256);
            }

            try
            {
                JpegLsDecoder.Decode(data, samples);
            }
            catch (ImageFormatException)
            {
                // malformed input: the one expected failure
            }
            catch (ArgumentException)
            {
                // a corrupted frame header changed the sample count: the caller's size check, not a decoder failure
            }
        }
    }

    [Fact]
    public void Random_garbage_scan_data_throws_only_the_domain_exception()
    {
        JpegLsTestFiles.Case c = JpegLsTestFiles.All["xray16_96x80"];
        byte[] original = JpegLsTestFiles.Read(c.Id);
        int scanStart = original.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]) + 10;
        var samples = new ushort[c.Samples];
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            byte[] data = (byte[])original.Clone();
            random.NextBytes(data.AsSpan(scanStart, data.Length - scanStart - 2));
            Assert.ThrowsAny<ImageFormatException>(() => JpegLsDecoder.Decode(data, samples));
        }
    }

    [Theory]
    [InlineData(0xF8, new byte[] { 0x00, 0x05, 0x02, 0x01, 0x00 }, "unsupported JPEG-LS: mapping tables (LSE id 2)")]
    [InlineData(0xF8, new byte[] { 0x00, 0x05, 0x03, 0x01, 0x00 }, "unsupported JPEG-LS: mapping tables (LSE id 3)")]
    [InlineData(0xF8, new byte[] { 0x00, 0x05, 0x04, 0x01, 0x00 }, "unsupported JPEG-LS: oversize image dimensions (LSE id 4)")]
    [InlineData(0xDC, new byte[] { 0x00, 0x04, 0x00, 0x10 }, "unsupported JPEG-LS: DNL marker (height defined after the scan)")]
    [InlineData(0xC3, new byte[] { 0x00, 0x04, 0x00, 0x10 }, "not JPEG-LS: SOF3 (lossless JPEG, process 14)")]
    public void Unsupported_segments_are_named(int marker, byte[] segment, string message)
    {
        byte[] data = JpegLsTestFiles.Read("synth8_17x13");
        byte[] patched = [0xFF, 0xD8, 0xFF, (byte)marker, .. segment, .. data[2..]];

        var e = Assert.Throws<ImageFormatException>(() => JpegLsDecoder.Decode(patched, new ushort[17 * 13]));
        Assert.Equal(message, e.Message);
        Assert.Throws<ImageFormatException>(() => JpegLsDecoder.ReadInfo(patched));
    }

    [Theory]
    [InlineData(6, 17, "unsupported JPEG-LS: precision 17 (2-16 bits)")]
    [InlineData(6, 1, "unsupported JPEG-LS: precision 1 (2-16 bits)")]
    [InlineData(11, 2, "unsupported JPEG-LS: 2 components (1 or 3)")]
    [InlineData(13, 0x21, "unsupported JPEG-LS: subsampled component (sampling factors 0x21)")]
    public void Unsupported_frame_headers_are_named(int offset, byte value, string message)
    {
        byte[] data = JpegLsTestFiles.Read("synth8_17x13");
        Assert.Equal(0xF7, data[3]);
        data[offset] = value;

        var e = Assert.Throws<ImageFormatException>(() => JpegLsDecoder.ReadInfo(data));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Not_a_codestream_is_refused()
    {
        var e = Assert.Throws<ImageFormatException>(() => JpegLsDecoder.ReadInfo([0x00, 0x01, 0x02]));
        Assert.Equal("not a JPEG-LS codestream: no SOI marker", e.Message);
    }

    [Fact]
    public void Wrong_restart_marker_number_is_reported()
    {
        byte[] data = JpegLsTestFiles.Read("synth8_96x80_restart8");
        int rst1 = data.AsSpan().IndexOf([(byte)0xFF, (byte)0xD1]);
        Assert.True(rst1 > 0);
        data[rst1 + 1] = 0xD3;

        var e = Assert.Throws<ImageFormatException>(() => JpegLsDecoder.Decode(data, new ushort[96 * 80]));
        Assert.Equal("corrupt JPEG-LS data: RST1 expected, found marker 0xFFD3", e.Message);
    }
}

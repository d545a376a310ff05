using FastXray.Imaging.Dicom.JpegLossless;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom.JpegLossless;

/// <summary>Truncated, corrupted and unsupported codestreams: one-line <see cref="ImageFormatException"/>, never another exception or a hang.</summary>
public sealed class JpegLosslessHostileTests
{
    [Theory]
    [InlineData("extreme16_sv1")]
    [InlineData("own_extreme16_sv7_rst5")]
    [InlineData("own_rgb8_noninterleaved_sv6")]
    public void Every_prefix_is_refused_until_only_EOI_is_missing(string name)
    {
        JpegLosslessFixture f = JpegLosslessFixture.All[name];
        byte[] data = f.Data;
        int eoi = data.Length - 2; // EOI, and before it any fill bytes (dcmcjpeg writes one): where the entropy data ends
        while (data[eoi - 1] == 0xFF)
        {
            eoi--;
        }

        var destination = new ushort[f.Width * f.Height * f.Components];
        for (int length = 0; length < data.Length; length++)
        {
            byte[] prefix = data[..length];
            if (length < eoi)
            {
                var e = Assert.Throws<ImageFormatException>(() => JpegLosslessDecoder.Decode(prefix, destination));
                Assert.DoesNotContain('\n', e.Message);
            }
            else
            {
                // Everything but (part of) EOI is there: accepted, as broken DICOM writers drop it.
                JpegLosslessDecoder.Decode(prefix, destination);
                Assert.Equal(f.Sha256, JpegLosslessFixture.HashOf(destination));
            }
        }
    }

    [Fact]
    public void A_prefix_that_ends_inside_the_scan_says_truncated()
    {
        byte[] data = JpegLosslessFixture.All["xray16_sv1"].Data;
        var e = Assert.Throws<ImageFormatException>(() => JpegLosslessDecoder.Decode(data[..(data.Length / 2)], new ushort[96 * 80]));
        Assert.StartsWith("truncated JPEG lossless data", e.Message);
    }

    [Fact]
    public void A_marker_inside_the_scan_is_named()
    {
        byte[] data = JpegLosslessFixture.All["xray16_sv1"].Data;
        byte[] cut = [.. data[..(data.Length / 2)], 0xFF, 0xD9];
        var e = Assert.Throws<ImageFormatException>(() => JpegLosslessDecoder.Decode(cut, new ushort[96 * 80]));
        Assert.Contains("interrupted by marker 0xFFD9", e.Message);
    }

    [Fact]
    public void A_wrong_restart_marker_is_named()
    {
        byte[] data = JpegLosslessFixture.All["own_xray16_sv1_rst3"].Data;
        int rst = Array.IndexOf(data, (byte)0xD0, 200);
        while (data[rst - 1] != 0xFF)
        {
            rst = Array.IndexOf(data, (byte)0xD0, rst + 1);
        }

        data[rst] = 0xD3;
        var e = Assert.Throws<ImageFormatException>(() => JpegLosslessDecoder.Decode(data, new ushort[96 * 80]));
        Assert.Contains("RST0 expected before row 3, found marker 0xFFD3", e.Message);
    }

    [Theory]
    [InlineData("xray8_sv1", 0xC0, "not JPEG lossless: baseline DCT (SOF0)")]
    [InlineData("xray8_sv1", 0xC1, "not JPEG lossless: extended sequential DCT (SOF1)")]
    [InlineData("xray8_sv1", 0xC2, "not JPEG lossless: progressive DCT (SOF2)")]
    [InlineData("xray8_sv1", 0xC7, "not JPEG lossless: differential (hierarchical) lossless (SOF7)")]
    [InlineData("xray8_sv1", 0xCB, "not JPEG lossless: lossless, arithmetic coding (SOF11)")]
    [InlineData("xray8_sv1", 0xDC, "JPEG DNL marker (height defined after the scan) is not supported")]
    public void Other_frame_types_are_refused_by_name(string name, int marker, string message)
    {
        byte[] data = JpegLosslessFixture.All[name].Data;
        data[MarkerAt(data, 0xC3)] = (byte)marker;
        Assert.Equal(message, Assert.Throws<ImageFormatException>(() => JpegLosslessDecoder.ReadInfo(data)).Message);
    }

    [Fact]
    public void Header_fields_out_of_range_are_refused()
    {
        byte[] data = JpegLosslessFixture.All["xray8_sv1"].Data;
        int sof = MarkerAt(data, 0xC3);
        Assert.Contains("precision 1", Refused(data, sof + 3, 1));
        Assert.Contains("precision 17", Refused(data, sof + 3, 17));
        Assert.Contains("height 0", Refused(Patched(data, sof + 4, 0), sof + 5, 0));
        Assert.Contains("0 components", Refused(data, sof + 8, 0));
        Assert.Equal("not a JPEG codestream: it does not start with the SOI marker FFD8", Refused(data, 1, 0xD9));
        int sos = MarkerAt(data, 0xDA);
        Assert.Contains("selection value) 0", RefusedDecode(data, sos + 6, 0));
        Assert.Contains("selection value) 8", RefusedDecode(data, sos + 6, 8));
        Assert.Contains("point transform 8", RefusedDecode(data, sos + 8, 8));
        Assert.Contains("Huffman table 2, which is not defined", RefusedDecode(data, sos + 5, 0x20));
        Assert.Contains("component 9, which is not in the frame", RefusedDecode(data, sos + 4, 9));
    }

    [Fact]
    public void Restart_interval_and_sampling_factors_outside_the_supported_forms_are_refused()
    {
        byte[] data = JpegLosslessFixture.All["own_xray16_sv1_rst3"].Data;
        int dri = MarkerAt(data, 0xDD);
        Assert.Equal(3 * 96, (data[dri + 3] << 8) | data[dri + 4]);
        Assert.Equal("JPEG lossless restart interval 287 is not a whole number of rows of 96", RefusedDecode(Patched(data, dri + 3, 0x01), dri + 4, 0x1F));

        byte[] rgb = JpegLosslessFixture.All["rgb8_sv1"].Data;
        int sof = MarkerAt(rgb, 0xC3);
        Assert.Equal("unsupported JPEG lossless: component 1 has sampling factors 2x1 (only 1x1)", Refused(rgb, sof + 13, 0x21));
    }

    [Theory]
    [InlineData(new byte[] { 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2 }, "over-subscribed")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, null)]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, null)]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "declares 2 codes")]
    public void Huffman_tables_are_checked_when_built(byte[] dht, string? error)
    {
        var table = new LosslessHuffmanTable();
        if (error is null)
        {
            // Empty tables and a complete code using the all-ones code "1" are decodable (libjpeg accepts the latter too).
            Assert.Equal(dht.Length, table.Build(dht, 0));
        }
        else
        {
            Assert.Contains(error, Assert.Throws<ImageFormatException>(() => table.Build(dht, 0)).Message);
        }
    }

    [Fact]
    public void A_code_the_table_does_not_define_is_an_invalid_Huffman_code()
    {
        var table = new LosslessHuffmanTable();
        table.Build([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5], 0); // only "0" is a code
        Assert.Equal(0, table.Lookahead[256]); // prefix "1..." is no code
        Assert.Equal("invalid Huffman code", Assert.Throws<ImageFormatException>(() => table.DecodeLong(ulong.MaxValue)).Message);
        var symbol17 = new LosslessHuffmanTable();
        symbol17.Build([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17], 0);
        Assert.Contains("symbol 17 is not a lossless difference category", Assert.Throws<ImageFormatException>(() => symbol17.DecodeLong(0)).Message);
    }

    [Fact]
    public void Random_corruption_only_ever_raises_the_format_exception()
    {
        var random = new Random(20261207);
        foreach (string name in new[] { "extreme16_sv1", "own_extreme16_sv7_rst5", "own_rgb8_noninterleaved_sv6", "rgb8_el_sv4", "own_xray2_p2_sv5" })
        {
            JpegLosslessFixture f = JpegLosslessFixture.All[name];
            byte[] original = f.Data;
            var destination = new ushort[f.Width * f.Height * f.Components];
            for (int trial = 0; trial < 400; trial++)
            {
                byte[] data = (byte[])original.Clone();
                int flips = 1 + random.Next(4);
                for (int i = 0; i < flips; i++)
                {
                    // Half the flips land in the header, where the parser's checks live.
                    int at = random.Next(2) == 0 ? random.Next(Math.Min(data.Length, 120)) : random.Next(data.Length);
                    data[at] ^= (byte)(1 << random.Next(8));
                }

                try
                {
                    CodestreamInfo(data, destination);
                }
                catch (ImageFormatException e)
                {
                    Assert.DoesNotContain('\n', e.Message);
                }
                catch (ArgumentException)
                {
                    // A flip in the frame header changed the size: the caller's destination no longer fits, as documented.
                }
            }
        }
    }

    private static void CodestreamInfo(byte[] data, ushort[] destination)
    {
        var info = JpegLosslessDecoder.ReadInfo(data);
        Assert.InRange(info.Precision, 2, 16);
        JpegLosslessDecoder.Decode(data, destination);
        Assert.True(destination.Max() < 1 << info.Precision);
    }

    /// <summary>The index of the second byte of marker FF <paramref name="marker"/> in the header (before any scan data).</summary>
    private static int MarkerAt(byte[] data, byte marker)
    {
        int at = 2;
        while (data[at + 1] != marker)
        {
            at += 2 + ((data[at + 2] << 8) | data[at + 3]);
        }

        return at + 1;
    }

    private static byte[] Patched(byte[] data, int at, byte value)
    {
        byte[] copy = (byte[])data.Clone();
        copy[at] = value;
        return copy;
    }

    private static string Refused(byte[] data, int at, byte value) =>
        Assert.Throws<ImageFormatException>(() => JpegLosslessDecoder.ReadInfo(Patched(data, at, value))).Message;

    private static string RefusedDecode(byte[] data, int at, byte value) =>
        Assert.Throws<ImageFormatException>(() => JpegLosslessDecoder.Decode(Patched(data, at, value), new ushort[96 * 80])).Message;
}

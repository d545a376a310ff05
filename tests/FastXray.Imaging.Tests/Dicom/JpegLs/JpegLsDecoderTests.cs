using FastXray.Imaging.Dicom;
using FastXray.Imaging.Dicom.JpegLs;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom.JpegLs;

/// <summary>Every golden codestream decodes to the samples dcmtk started from (lossless) or decodes itself (near-lossless).</summary>
public sealed class JpegLsDecoderTests
{
    [Theory]
    [MemberData(nameof(JpegLsTestFiles.Ids), MemberType = typeof(JpegLsTestFiles))]
    public void Decodes_to_the_reference_samples(string id)
    {
        JpegLsTestFiles.Case c = JpegLsTestFiles.All[id];
        byte[] data = JpegLsTestFiles.Read(id);
        var samples = new ushort[c.Samples];

        JpegLsDecoder.Decode(data, samples);

        Assert.Equal(c.Sha256, JpegLsTestFiles.Sha256(samples));
    }

    [Theory]
    [MemberData(nameof(JpegLsTestFiles.Ids), MemberType = typeof(JpegLsTestFiles))]
    public void ReadInfo_gives_the_frame_header(string id)
    {
        JpegLsTestFiles.Case c = JpegLsTestFiles.All[id];

        CodestreamInfo info = JpegLsDecoder.ReadInfo(JpegLsTestFiles.Read(id));

        Assert.Equal(new CodestreamInfo(c.Width, c.Height, c.Precision, c.Components), info);
    }

    [Fact]
    public void Fixtures_cover_the_modes_they_claim()
    {
        // The manifest is read from the codestreams; this guards against a fixture script that silently stops
        // producing a mode (for example dcmcjpls ignoring an interleave option).
        var all = JpegLsTestFiles.All.Values.ToList();
        Assert.Contains(all, c => c.Ilv == 1 && c.Components == 3);
        Assert.Contains(all, c => c.Ilv == 2 && c.Components == 3);
        Assert.Contains(all, c => c.Ilv == 0 && c.Components == 3);
        Assert.Contains(all, c => c.Near == 2);
        Assert.Contains(all, c => c.Near == 3);
        Assert.Contains(all, c => c.Lse);
        Assert.Contains(all, c => c.Restart > 0 && c.Components == 1);
        Assert.Contains(all, c => c.Restart > 0 && c.Ilv == 2);
        Assert.Contains(all, c => c.Precision == 16);
        Assert.Contains(all, c => c.Precision == 12);
        Assert.Contains(all, c => c.Precision == 8);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x00, 0x00 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xD9, 0x00 })]
    public void Trailing_padding_after_EOI_is_ignored(byte[] tail)
    {
        JpegLsTestFiles.Case c = JpegLsTestFiles.All["synth8_17x13"];
        byte[] data = [.. JpegLsTestFiles.Read(c.Id), .. tail];
        var samples = new ushort[c.Samples];

        JpegLsDecoder.Decode(data, samples);

        Assert.Equal(c.Sha256, JpegLsTestFiles.Sha256(samples));
    }

    [Fact]
    public void Missing_EOI_after_complete_scan_data_is_accepted()
    {
        JpegLsTestFiles.Case c = JpegLsTestFiles.All["xray8_96x80"];
        byte[] full = JpegLsTestFiles.Read(c.Id);
        Assert.Equal([0xFF, 0xD9], full[^2..]);
        var samples = new ushort[c.Samples];

        JpegLsDecoder.Decode(full.AsSpan(0, full.Length - 2), samples);

        Assert.Equal(c.Sha256, JpegLsTestFiles.Sha256(samples));
    }

    [Fact]
    public void APPn_and_COM_segments_are_skipped()
    {
        JpegLsTestFiles.Case c = JpegLsTestFiles.All["synth16_17x13"];
        byte[] data = JpegLsTestFiles.Read(c.Id);
        byte[] extra = [0xFF, 0xE8, 0x00, 0x08, (byte)'m', (byte)'r', (byte)'f', (byte)'x', 0, 0, 0xFF, 0xFE, 0x00, 0x04, (byte)'h', (byte)'i'];
        byte[] patched = [.. data[..2], .. extra, .. data[2..]];
        var samples = new ushort[c.Samples];

        JpegLsDecoder.Decode(patched, samples);

        Assert.Equal(c.Sha256, JpegLsTestFiles.Sha256(samples));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Destination_of_the_wrong_length_is_an_argument_error(int delta)
    {
        JpegLsTestFiles.Case c = JpegLsTestFiles.All["synth8_17x13"];
        var samples = new ushort[c.Samples + delta];

        Assert.Throws<ArgumentException>(() => JpegLsDecoder.Decode(JpegLsTestFiles.Read(c.Id), samples));
    }

    [Fact]
    public void Decode_allocates_nothing_after_warm_up()
    {
        foreach (string id in new[] { "xray16_96x80", "rgb8_40x30_ilvsample_restart10", "rgb8_40x30_ilvline", "synth8_96x80_near2" })
        {
            JpegLsTestFiles.Case c = JpegLsTestFiles.All[id];
            byte[] data = JpegLsTestFiles.Read(id);
            var samples = new ushort[c.Samples];
            JpegLsDecoder.Decode(data, samples);

            long before = GC.GetAllocatedBytesForCurrentThread();
            JpegLsDecoder.Decode(data, samples);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated == 0, $"{id}: {allocated} bytes allocated");
        }
    }
}

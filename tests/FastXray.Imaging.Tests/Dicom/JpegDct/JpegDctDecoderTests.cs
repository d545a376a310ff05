using System.Security.Cryptography;
using System.Runtime.InteropServices;
using FastXray.Imaging.Dicom;
using FastXray.Imaging.Dicom.JpegDct;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom.JpegDct;

/// <summary>
/// Codestreams made by dcmcjpeg (and re-arranged by jpegtran for restart intervals and non-interleaved scans) with the
/// SHA-256 of what dcmtk's dcmdjpeg (IJG 6b, islow IDCT, no colour conversion) decodes; see tools/fixtures/dicom_jpegdct.py.
/// </summary>
public sealed class JpegDctDecoderTests
{
    private static string Dir => TestData.Reference("FastXray.Imaging.Tests", "dicom-jpegdct");

    private sealed record Fixture(string Name, int Width, int Height, int Precision, int Components, string Sha256);

    private static readonly Fixture[] s_fixtures = File.ReadAllLines(Path.Combine(Dir, "manifest.tsv"))
        .Where(static line => line.Length > 0 && line[0] != '#')
        .Select(static line => line.Split('\t'))
        .Select(static f => new Fixture(f[0], int.Parse(f[1]), int.Parse(f[2]), int.Parse(f[3]), int.Parse(f[4]), f[5]))
        .ToArray();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (Fixture f in s_fixtures)
        {
            data.Add(f.Name);
        }

        return data;
    }

    private static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(Dir, name + ".jpg"));

    private static ushort[] DecodeAll(byte[] data)
    {
        CodestreamInfo info = JpegDctDecoder.ReadInfo(data);
        var samples = new ushort[info.Width * info.Height * info.Components];
        JpegDctDecoder.Decode(data, samples);
        return samples;
    }

    private static string Sha256(ushort[] samples)
    {
        Assert.True(BitConverter.IsLittleEndian);
        return Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(samples.AsSpan())));
    }

    [Fact]
    public void Manifest_lists_the_fixture_kinds()
    {
        Assert.Contains(s_fixtures, static f => f.Precision == 12);
        Assert.Contains(s_fixtures, static f => f.Components == 3);
        Assert.Contains(s_fixtures, static f => f.Name.Contains("restart", StringComparison.Ordinal));
        Assert.Contains(s_fixtures, static f => f.Name.Contains("noninterleaved", StringComparison.Ordinal));
        Assert.True(s_fixtures.Length >= 20);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ReadInfo_matches_the_frame_header(string name)
    {
        Fixture f = s_fixtures.Single(x => x.Name == name);
        Assert.Equal(new CodestreamInfo(f.Width, f.Height, f.Precision, f.Components), JpegDctDecoder.ReadInfo(Load(name)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_equals_dcmdjpeg_bit_for_bit(string name)
    {
        Fixture f = s_fixtures.Single(x => x.Name == name);
        Assert.Equal(f.Sha256, Sha256(DecodeAll(Load(name))));
    }

    [Fact]
    public void Trailing_padding_after_EOI_is_ignored()
    {
        byte[] data = Load("gray8_17x13_q90_baseline");
        Assert.Equal(Sha256(DecodeAll(data)), Sha256(DecodeAll([.. data, 0])));
    }

    [Theory]
    [InlineData("gray8_17x13_q90_baseline")]
    [InlineData("gray12_17x13_q50")]
    [InlineData("rgb8_17x13_422")]
    [InlineData("gray8_96x80_restart7")]
    public void Every_truncation_throws_the_domain_exception(string name)
    {
        byte[] data = Load(name);
        CodestreamInfo info = JpegDctDecoder.ReadInfo(data);
        var samples = new ushort[info.Width * info.Height * info.Components];
        for (int length = 0; length < data.Length; length++)
        {
            byte[] prefix = data[..length];
            ImageFormatException e = Assert.Throws<ImageFormatException>(() => JpegDctDecoder.Decode(prefix, samples));
            Assert.DoesNotContain('\n', e.Message);
            Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Random_corruption_gives_only_the_domain_exception()
    {
        var random = new Random(16);
        foreach (Fixture f in s_fixtures.Where(static f => f.Width * f.Height <= 96 * 80))
        {
            byte[] original = Load(f.Name);
            for (int trial = 0; trial < 150; trial++)
            {
                byte[] data = (byte[])original.Clone();
                int flips = 1 + random.Next(4);
                for (int i = 0; i < flips; i++)
                {
                    data[random.Next(data.Length)] = (byte)random.Next(256);
                }

                try
                {
                    CodestreamInfo info = JpegDctDecoder.ReadInfo(data);
                    long n = (long)info.Width * info.Height * info.Components;
                    if (n <= 1 << 22)
                    {
                        JpegDctDecoder.Decode(data, new ushort[n]);
                    }
                }
                catch (ImageFormatException e)
                {
                    Assert.DoesNotContain('\n', e.Message);
                }
            }
        }
    }

    [Fact]
    public void Destination_of_the_wrong_length_is_an_argument_error()
    {
        byte[] data = Load("gray8_17x13_q90_baseline");
        Assert.Throws<ArgumentException>(() => JpegDctDecoder.Decode(data, new ushort[(17 * 13) - 1]));
        Assert.Throws<ArgumentException>(() => JpegDctDecoder.Decode(data, new ushort[(17 * 13) + 1]));
    }

    [Theory]
    [InlineData(0xC2, "progressive")]
    [InlineData(0xC3, "lossless")]
    [InlineData(0xC5, "hierarchical")]
    [InlineData(0xC9, "arithmetic")]
    public void Other_frame_types_are_refused_by_name(byte sof, string word)
    {
        byte[] data = Load("gray12_17x13_q90");
        int at = IndexOfMarker(data, 0xC1);
        data[at + 1] = sof;
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => JpegDctDecoder.ReadInfo(data));
        Assert.Contains(word, e.Message, StringComparison.Ordinal);
        Assert.Throws<ImageFormatException>(() => JpegDctDecoder.Decode(data, new ushort[17 * 13]));
    }

    [Fact]
    public void Restart_marker_out_of_sequence_is_refused()
    {
        byte[] data = Load("gray8_96x80_restart1");
        int at = IndexOfMarker(data, 0xD0);
        data[at + 1] = 0xD1;
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => JpegDctDecoder.Decode(data, new ushort[96 * 80]));
        Assert.Contains("RST0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_EOI_is_truncation()
    {
        byte[] data = Load("gray8_96x80_q50_baseline");
        Assert.Equal(0xD9, data[^1]);
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => JpegDctDecoder.Decode(data[..^2], new ushort[96 * 80]));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_allocates_nothing_after_warm_up()
    {
        foreach (string name in new[] { "gray12_96x80_q90", "rgb8_78x64_422", "gray8_96x80_restart1" })
        {
            byte[] data = Load(name);
            CodestreamInfo info = JpegDctDecoder.ReadInfo(data);
            var samples = new ushort[info.Width * info.Height * info.Components];
            JpegDctDecoder.Decode(data, samples);
            long before = GC.GetAllocatedBytesForCurrentThread();
            JpegDctDecoder.Decode(data, samples);
            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(0, after - before);
        }
    }

    private static int IndexOfMarker(byte[] data, byte marker)
    {
        for (int i = 0; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] == marker)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"marker {marker:X2} not found");
    }
}

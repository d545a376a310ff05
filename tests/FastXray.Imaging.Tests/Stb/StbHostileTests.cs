using System.Buffers.Binary;
using System.Text;
using FastXray.Imaging.Formats;
using FastXray.Imaging.Stb;
using Xunit;
using Xunit.Abstractions;

namespace FastXray.Imaging.Tests.Stb;

/// <summary>
/// Hostile input made from the golden files at test time (nothing committed): truncations, forged sizes,
/// segments past the end, unsupported variants and seeded random byte changes. Each decode runs on a worker
/// with a one-minute hang detector; every outcome must be a correct image or one <see cref="ImageFormatException"/>.
/// </summary>
public sealed class StbHostileTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => StbTestFiles.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void TruncationIsAnErrorNeverAZeroFilledImage(string name)
    {
        byte[] full = StbTestFiles.Bytes(name);
        ImageContainer container = StbTestFiles.ContainerOf(name);
        byte[] expected = Pixels(StbReader.Decode(full, container));
        var lengths = new SortedSet<int>(Enumerable.Range(0, Math.Min(65, full.Length)));
        int step = Math.Max(1, full.Length / 97);
        for (int n = 64; n < full.Length; n += step)
        {
            lengths.Add(n);
        }

        lengths.Add(full.Length / 2);
        lengths.Add(full.Length - 1);
        int rejected = 0;
        foreach (int n in lengths)
        {
            byte[] cut = full[..n];
            (GrayImage? image, Exception? error) = StbTestFiles.DecodeGuarded(cut, container);
            if (image != null)
            {
                // Only a cut inside trailing non-pixel bytes (Pillow's 26-byte TGA 2.0 footer) may still decode,
                // and then to exactly the full image.
                Assert.True(expected.AsSpan().SequenceEqual(Pixels(image)), $"{name} cut to {n} of {full.Length} bytes decoded to a different image");
                Assert.True(container == ImageContainer.Tga && n >= full.Length - 26, $"{name} cut to {n} of {full.Length} bytes decoded");
                continue;
            }

            var e = Assert.IsType<ImageFormatException>(error);
            Assert.DoesNotContain('\n', e.Message);
            rejected++;
        }

        output.WriteLine($"TRUNCATIONS {name}: {rejected} of {lengths.Count} rejected");
        Assert.True(rejected >= lengths.Count - 26, $"{name}: {rejected} of {lengths.Count} cuts rejected");
    }

    public static TheoryData<string, int, int> ForgedSizes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (string name in new[] { "gray_128x96_baseline.jpg", "rgb_128x96_progressive.jpg", "rgb_67x45_420.jpg", "rgb_128x96_24.bmp", "gray_128x96_pal8.bmp", "rgb_128x96_raw.tga", "gray_128x96_rle.tga", "rgb_128x96_raw.psd", "rgb_128x96_rle.psd", "rad_128x96_rle.hdr", "rad_128x96_flat.hdr" })
        {
            data.Add(name, 60000, 60000);
            data.Add(name, 30000, 30000);
            data.Add(name, 5000, 4000); // within DecodeLimits: only the structure check can refuse it
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ForgedSizes))]
    public void ForgedSizeFailsBeforeAnyBigAllocation(string name, int width, int height)
    {
        byte[] data = Forge(StbTestFiles.Bytes(name), StbTestFiles.ContainerOf(name), width, height);
        (GrayImage? image, Exception? error, long allocated) = StbTestFiles.DecodeMeasured(data, StbTestFiles.ContainerOf(name));
        Assert.Null(image);
        var e = Assert.IsType<ImageFormatException>(error);
        Assert.True(allocated < 4 << 20, $"{allocated} bytes allocated before: {e.Message}");
        // Refused by our structure check or limits, so StbImageSharp (whose native allocations a managed counter
        // cannot see) never ran: its failures read "StbImageSharp ..." or "... data ends before its ... pixels".
        Assert.Matches("^(truncated: |image size |corrupt |unsupported )", e.Message);
        Assert.DoesNotContain("StbImageSharp", e.Message);
        Assert.DoesNotContain("data ends before its", e.Message);
        output.WriteLine($"FORGED {name} {width}x{height}: {allocated} bytes, {e.Message}");
    }

    [Fact]
    public void JpegSegmentLengthPastTheEndIsTruncated()
    {
        byte[] data = StbTestFiles.Bytes("rgb_67x45_420.jpg");
        foreach (int at in Segments(data))
        {
            byte[] bad = (byte[])data.Clone();
            BinaryPrimitives.WriteUInt16BigEndian(bad.AsSpan(at + 2), 0xFFF0);
            var e = StbTestFiles.AssertRejected(bad, ImageContainer.Jpeg, $"segment 0x{data[at + 1]:x2} length 0xfff0");
            Assert.StartsWith("truncated: ", e.Message);
        }
    }

    [Theory]
    [InlineData(0xC3, "unsupported JPEG: lossless (SOF3)")]
    [InlineData(0xC5, "unsupported JPEG: hierarchical (SOF5)")]
    [InlineData(0xC9, "unsupported JPEG: arithmetic-coded (SOF9)")]
    [InlineData(0xCA, "unsupported JPEG: arithmetic-coded progressive (SOF10)")]
    public void JpegProcessesStbDoesNotReadAreNamed(int sof, string message)
    {
        byte[] data = StbTestFiles.Bytes("gray_67x45_baseline.jpg");
        int at = Segments(data).Single(i => data[i + 1] == 0xC0);
        data[at + 1] = (byte)sof;
        Assert.Equal(message, StbTestFiles.AssertRejected(data, ImageContainer.Jpeg, message).Message);
    }

    [Fact]
    public void TwelveBitJpegIsUnsupported()
    {
        byte[] data = StbTestFiles.Bytes("gray_67x45_baseline.jpg");
        int at = Segments(data).Single(i => data[i + 1] == 0xC0);
        data[at + 4] = 12;
        Assert.Equal("unsupported JPEG: 12-bit samples (only 8-bit is read)", StbTestFiles.AssertRejected(data, ImageContainer.Jpeg, "12-bit").Message);
    }

    [Fact]
    public void JpegWithoutEoiIsTruncated()
    {
        byte[] data = StbTestFiles.Bytes("rgb_128x96_progressive.jpg")[..^2];
        Assert.StartsWith("truncated: ", StbTestFiles.AssertRejected(data, ImageContainer.Jpeg, "no EOI").Message);
    }

    [Theory]
    [InlineData(1, "unsupported BMP: RLE8 compression")]
    [InlineData(2, "unsupported BMP: RLE4 compression")]
    [InlineData(4, "unsupported BMP: embedded JPEG")]
    public void CompressedBmpIsUnsupported(int compression, string message)
    {
        byte[] data = StbTestFiles.Bytes("gray_67x45_pal8.bmp");
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(30), compression);
        Assert.Equal(message, StbTestFiles.AssertRejected(data, ImageContainer.Bmp, message).Message);
    }

    [Fact]
    public void GreyscalePsdIsUnsupported()
    {
        byte[] data = StbTestFiles.Bytes("rgb_67x45_raw.psd");
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(24), 1);
        Assert.Equal("unsupported PSD: greyscale colour mode (only RGB is read)", StbTestFiles.AssertRejected(data, ImageContainer.Psd, "grey PSD").Message);
    }

    [Fact]
    public void NarrowHdrIsUnsupported()
    {
        byte[] data = Encoding.ASCII.GetBytes("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 2 +X 4\n").Concat(new byte[32]).ToArray();
        Assert.StartsWith("unsupported HDR: width 4", StbTestFiles.AssertRejected(data, ImageContainer.Hdr, "narrow HDR").Message);
    }

    [Theory]
    [InlineData(ImageContainer.Png)]
    [InlineData(ImageContainer.Tiff)]
    [InlineData(ImageContainer.Npy)]
    public void OtherContainersAreAnArgumentError(ImageContainer container)
    {
        byte[] data = StbTestFiles.Bytes("gray_67x45_baseline.jpg");
        Assert.Throws<ArgumentException>(() => StbReader.Decode(data, container));
        Assert.Throws<ArgumentException>(() => StbReader.ReadInfo(data, container));
    }

    [Fact]
    public void LimitsAreCheckedBeforeDecoding()
    {
        byte[] data = StbTestFiles.Bytes("rgb_128x96_444.jpg");
        var tight = new DecodeLimits { MaxPixels = (128 * 96) - 1 };
        Assert.StartsWith("image size 128x96 exceeds the pixel limit", Assert.Throws<ImageFormatException>(() => StbReader.Decode(data, ImageContainer.Jpeg, tight)).Message);
        var bytes = new DecodeLimits { MaxDecompressedBytes = (128 * 96 * 3) - 1 };
        Assert.Contains("over the limit", Assert.Throws<ImageFormatException>(() => StbReader.Decode(data, ImageContainer.Jpeg, bytes)).Message);
        Assert.Equal(128, StbReader.Decode(data, ImageContainer.Jpeg, new DecodeLimits { MaxDecompressedBytes = 128 * 96 * 3 }).Width);
    }

    [Fact]
    public void RandomByteChangesGiveAnImageOrOneError()
    {
        var random = new Random(20261207);
        IReadOnlyList<StbCase> cases = StbTestFiles.Cases;
        int decoded = 0, rejected = 0;
        for (int round = 0; round < 3000; round++)
        {
            StbCase c = cases[random.Next(cases.Count)];
            byte[] data = StbTestFiles.Bytes(c.File);

            // Half the changes hit the first 128 bytes, where the headers are.
            int changes = 1 + random.Next(4);
            for (int k = 0; k < changes; k++)
            {
                int at = random.Next(2) == 0 ? random.Next(Math.Min(128, data.Length)) : random.Next(data.Length);
                data[at] = random.Next(2) == 0 ? (byte)(data[at] ^ (1 << random.Next(8))) : (byte)random.Next(256);
            }

            (GrayImage? image, Exception? error) = StbTestFiles.DecodeGuarded(data, StbTestFiles.ContainerOf(c.File));
            if (image != null)
            {
                Assert.True(image.Width > 0 && image.Height > 0);
                decoded++;
                continue;
            }

            var e = Assert.IsType<ImageFormatException>(error);
            Assert.DoesNotContain('\n', e.Message);
            rejected++;
        }

        output.WriteLine($"MUTATIONS {decoded} decoded, {rejected} rejected");
        Assert.Equal(3000, decoded + rejected);
        Assert.True(rejected > 100 && decoded > 100, $"{decoded} decoded, {rejected} rejected: the mutations should reach both outcomes");
    }

    /// <summary>Offsets of the marker segments before the first scan (FF xx with a length).</summary>
    private static List<int> Segments(byte[] data)
    {
        var list = new List<int>();
        int pos = 2;
        while (data[pos] == 0xFF && data[pos + 1] != 0xDA)
        {
            list.Add(pos);
            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(pos + 2));
        }

        list.Add(pos); // SOS itself
        return list;
    }

    private static byte[] Forge(byte[] data, ImageContainer container, int width, int height)
    {
        switch (container)
        {
            case ImageContainer.Jpeg:
                int sof = Segments(data).Single(i => data[i + 1] is 0xC0 or 0xC2);
                BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(sof + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(sof + 7), (ushort)width);
                return data;
            case ImageContainer.Bmp:
                BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(18), width);
                BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(22), height);
                return data;
            case ImageContainer.Tga:
                BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(12), (ushort)width);
                BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(14), (ushort)height);
                return data;
            case ImageContainer.Psd:
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(14), (uint)height);
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(18), (uint)width);
                return data;
            default:
                string text = Encoding.ASCII.GetString(data);
                int line = text.IndexOf("-Y ", StringComparison.Ordinal);
                int end = text.IndexOf('\n', line);
                return [.. data[..line], .. Encoding.ASCII.GetBytes($"-Y {height} +X {width}"), .. data[end..]];
        }
    }

    private static byte[] Pixels(GrayImage image) =>
        image.Pixels8 ?? image.PixelsF!.SelectMany(BitConverter.GetBytes).ToArray();

    /// <summary>
    /// afl's HDR findings (tools/fuzz): a header line starting with NUL ends the header for StbImageSharp, whose
    /// next line then gave a 29 x 3,333,333 size. The structure check must read the header as stb does and refuse
    /// that size itself, before StbImageSharp allocates gigabytes; a refusal after stb ran would say "truncated".
    /// </summary>
    [Fact]
    public void HdrHeaderEndsAtALineStartingWithNulAsStbReadsIt()
    {
        string dir = FastXray.Tests.TestData.Reference("FastXray.Imaging.Tests", "fuzz", "hdr", "regressions");
        string[] files = Directory.GetFiles(dir, "hang-*");
        Assert.Equal(5, files.Length);
        foreach (string file in files)
        {
            byte[] data = File.ReadAllBytes(file);
            var e = Assert.Throws<ImageFormatException>(() => StbReader.Decode(data, ImageContainer.Hdr, DecodeLimits.Default));
            output.WriteLine($"{Path.GetFileName(file)}: {e.Message}");
            Assert.DoesNotContain("truncated", e.Message, StringComparison.Ordinal);
            Assert.Throws<ImageFormatException>(() => StbReader.ReadInfo(data, ImageContainer.Hdr));
        }
    }
}

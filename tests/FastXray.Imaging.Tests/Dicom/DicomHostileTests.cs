using FastXray.Imaging.Dicom;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom;

/// <summary>Malformed and hostile files: each must end in one <see cref="ImageFormatException"/> with one line, quickly.</summary>
public sealed class DicomHostileTests
{
    private static ImageFormatException Fails(byte[] file, DecodeLimits? limits = null)
    {
        var e = Assert.Throws<ImageFormatException>(() =>
        {
            DicomFile f = DicomReader.Read(file, limits);
            DicomFrameDecoder.Decode(f, 0, new ushort[f.Rows * f.Columns], limits);
        });
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Theory]
    [InlineData("u8_te")]
    [InlineData("s16_tb")]
    [InlineData("u12_ti")]
    [InlineData("u12_td")]
    [InlineData("rgb_rle")]
    [InlineData("multiframe_rle")]
    [InlineData("nopreamble_implicit")]
    public void Truncated_at_every_offset_fails_with_one_line(string name)
    {
        byte[] whole = DicomFixtures.Bytes(name);
        ushort[][] complete = DicomFixtures.DecodeAll(DicomReader.Read(whole));
        bool deflated = DicomReader.Read(whole).TransferSyntax.Encoding == DicomEncoding.DeflatedExplicitLittle;
        for (int n = 0; n < whole.Length; n++)
        {
            byte[] cut = whole[..n];
            ushort[][]? frames = null;
            Exception? e = Record.Exception(() => frames = DicomFixtures.DecodeAll(DicomReader.Read(cut)));
            if (e is null && deflated && n == whole.Length - 1)
            {
                // The last byte holds only the deflate end-of-block code: every data byte is there, and .NET's
                // DeflateStream does not report the missing end of stream. Accepted only because nothing is lost.
                Assert.Equal(complete, frames);
                continue;
            }

            Assert.True(e is ImageFormatException, $"{name} cut at {n} of {whole.Length}: {(e is null ? "no error" : e.GetType().Name + ": " + e.Message)}");
            Assert.DoesNotContain('\n', e!.Message);
        }
    }

    [Theory]
    [InlineData(0xFFFFFFF0u)]
    [InlineData(0xFFFFFFFEu)]
    [InlineData(0x80000000u)]
    public void Lengths_near_two_to_the_32_are_past_the_end(uint length)
    {
        byte[] file = new DicomBuilder().Image(4, 4).LongHeader(0x0009, 0x0010, "OB", length).Raw(new byte[16]).ToArray();
        Assert.StartsWith("length past end", Fails(file).Message, StringComparison.Ordinal);

        byte[] pixels = new DicomBuilder().Image(4, 4).LongHeader(0x7FE0, 0x0010, "OW", length).Raw(new byte[32]).ToArray();
        Assert.StartsWith("length past end", Fails(pixels).Message, StringComparison.Ordinal);

        byte[] meta = new DicomBuilder().LongHeader(0x0002, 0x0001, "OB", length).ToArray();
        Assert.Contains("length past end", Fails(meta).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_ten_thousand_deep_fails_at_the_bound()
    {
        var b = new DicomBuilder().Image(4, 4);
        for (int i = 0; i < 10_000; i++)
        {
            b.LongHeader(0x0009, 0x1010, "SQ", 0xFFFFFFFF).Item(0xFFFFFFFF);
        }

        // The walk stops at the bound (no recursion, no per-level allocation); tools/dicom-hostile measures the binary on it.
        byte[] file = b.ToArray();
        Assert.Contains("nested deeper than 64", Fails(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_bound_is_read()
    {
        var b = new DicomBuilder().Image(2, 2);
        for (int i = 0; i < 60; i++)
        {
            b.LongHeader(0x0009, 0x1010, "SQ", 0xFFFFFFFF).Item(0xFFFFFFFF);
        }

        for (int i = 0; i < 60; i++)
        {
            b.ItemDelimiter().SequenceDelimiter();
        }

        DicomFile f = DicomReader.Read(b.NativePixels(8).ToArray());
        Assert.Equal(8, f.PixelDataLength);
    }

    [Fact]
    public void Undefined_length_item_never_closed_is_truncated()
    {
        byte[] file = new DicomBuilder().Image(4, 4).LongHeader(0x0009, 0x1010, "SQ", 0xFFFFFFFF).Item(0xFFFFFFFF)
            .Text(0x0010, 0x0010, "PN", "Nested").ToArray();
        Assert.StartsWith("truncated", Fails(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defined_length_item_overrunning_its_sequence_fails()
    {
        byte[] file = new DicomBuilder().Image(4, 4).LongHeader(0x0009, 0x1010, "SQ", 16).Item(100).Raw(new byte[8]).NativePixels(32).ToArray();
        Assert.StartsWith("length past end", Fails(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pixel_data_shorter_than_the_frames_need()
    {
        byte[] file = new DicomBuilder().Image(4, 4, frames: 2).NativePixels(40).ToArray();
        DicomFile f = DicomReader.Read(file);
        var frame = new ushort[16];
        DicomFrameDecoder.Decode(f, 0, frame);
        var e = Assert.Throws<ImageFormatException>(() => DicomFrameDecoder.Decode(f, 1, frame));
        Assert.Equal("pixel data has 40 bytes, frame 1 needs 64", e.Message);
    }

    [Fact]
    public void Huge_image_without_data_is_refused_by_the_limits()
    {
        byte[] file = new DicomBuilder().Image(65535, 65535).NativePixels(2).ToArray();
        Assert.Contains("exceeds the pixel limit", Fails(file).Message, StringComparison.Ordinal);

        byte[] frames = new DicomBuilder().Image(16000, 16000, frames: 100).NativePixels(2).ToArray();
        Assert.Contains("decompressed-size limit", Fails(frames).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_and_unknown_transfer_syntaxes_are_named()
    {
        byte[] j2k = new DicomBuilder("1.2.840.10008.1.2.4.90").Image(4, 4).LongHeader(0x7FE0, 0x0010, "OB", 0xFFFFFFFF)
            .Item(0).Item(4).Raw([1, 2, 3, 4]).SequenceDelimiter().ToArray();
        Assert.Equal("unsupported transfer syntax: JPEG 2000 Image Compression (Lossless Only) (1.2.840.10008.1.2.4.90)", Fails(j2k).Message);

        byte[] unknown = new DicomBuilder("1.2.3.4.5").Image(4, 4).NativePixels(32).ToArray();
        Assert.Equal("unknown transfer syntax UID 1.2.3.4.5", Fails(unknown).Message);
    }

    [Fact]
    public void Garbage_after_dicm_fails()
    {
        byte[] file = new byte[400];
        "DICM"u8.CopyTo(file.AsSpan(128));
        new Random(1).NextBytes(file.AsSpan(132));
        Fails(file);
        file.AsSpan(132).Fill(0xFF);
        Fails(file);
    }

    [Fact]
    public void Not_dicom_at_all()
    {
        Assert.StartsWith("not a DICOM file", Fails("\x89PNG\r\n\x1a\n................"u8.ToArray()).Message, StringComparison.Ordinal);
        Fails([]);
    }

    [Theory]
    [InlineData(1, "unsupported Bits Allocated 1")]
    [InlineData(32, "unsupported Bits Allocated 32")]
    [InlineData(12, "invalid Bits Allocated 12")]
    public void Bits_allocated_other_than_8_or_16(int bits, string message)
    {
        byte[] file = new DicomBuilder().Image(4, 4, bits: bits, stored: 1).NativePixels(64).ToArray();
        Assert.StartsWith(message, Fails(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bits_stored_above_bits_allocated()
    {
        byte[] file = new DicomBuilder().Image(4, 4, bits: 8, stored: 12).NativePixels(64).ToArray();
        Assert.StartsWith("Bits Stored 12", Fails(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void High_bit_below_bits_allocated_is_honoured()
    {
        // 8 bits stored in bits 4..11 of each 16-bit word: the value is (word >> 4) & 0xFF.
        byte[] file = new DicomBuilder().US(0x0028, 0x0002, 1).Text(0x0028, 0x0004, "CS", "MONOCHROME2")
            .US(0x0028, 0x0010, 1).US(0x0028, 0x0011, 2).US(0x0028, 0x0100, 16).US(0x0028, 0x0101, 8)
            .US(0x0028, 0x0102, 11).US(0x0028, 0x0103, 1).LongHeader(0x7FE0, 0x0010, "OW", 4).Raw([0x3F, 0xFA, 0x50, 0x01]).ToArray();
        DicomFile f = DicomReader.Read(file);
        var frame = new ushort[2];
        DicomFrameDecoder.Decode(f, 0, frame);
        Assert.Equal(-93, (short)frame[0]); // 0xFA3F >> 4 = 0xFA3 -> 0xA3 -> -93
        Assert.Equal(0x15, (short)frame[1]);
    }

    [Fact]
    public void Encapsulated_without_delimiter_is_truncated()
    {
        byte[] file = new DicomBuilder("1.2.840.10008.1.2.5").Image(4, 4).LongHeader(0x7FE0, 0x0010, "OB", 0xFFFFFFFF)
            .Item(0).Item(4).Raw([1, 2, 3, 4]).ToArray();
        Assert.StartsWith("truncated", Fails(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deflate_bomb_is_refused_by_the_limit()
    {
        // 64 MB of zeros deflates to ~64 KB: over a 1 MB limit.
        using var packed = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(new byte[64 << 20]);
        }

        byte[] file = new DicomBuilder("1.2.840.10008.1.2.1.99").Raw(packed.ToArray()).ToArray();
        Assert.Contains("inflates past", Fails(file, new DecodeLimits { MaxDecompressedBytes = 1 << 20 }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deflate_garbage_fails()
    {
        byte[] file = new DicomBuilder("1.2.840.10008.1.2.1.99").Raw([0xFF, 0xFF, 0xFF, 0xFF, 0x12, 0x34]).ToArray();
        Fails(file);
    }

    [Fact]
    public void Read_allocates_nothing_per_skipped_element()
    {
        static byte[] WithPrivateElements(int count)
        {
            var b = new DicomBuilder().Image(4, 4);
            for (int i = 0; i < count; i++)
            {
                b.Text(0x0009, 0x1000, "LO", "private value").LongHeader(0x0009, 0x1001, "SQ", 0xFFFFFFFF).Item(0xFFFFFFFF)
                    .Text(0x0010, 0x0010, "PN", "Nested^Skipped").ItemDelimiter().SequenceDelimiter();
            }

            return b.NativePixels(32).ToArray();
        }

        byte[] few = WithPrivateElements(10);
        byte[] many = WithPrivateElements(10_000);
        DicomReader.Read(few);
        DicomReader.Read(many);
        long before = GC.GetAllocatedBytesForCurrentThread();
        DicomReader.Read(few);
        long small = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        DicomReader.Read(many);
        long large = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(large - small < 256, $"10 vs 10,000 skipped elements and sequences: {small} vs {large} bytes allocated");
    }
}

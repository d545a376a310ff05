using System.Buffers.Binary;
using System.Diagnostics;
using FastXray.Imaging.Formats;
using FastXray.Imaging.Tiff;
using Xunit;

namespace FastXray.Imaging.Tests.Tiff;

/// <summary>Damaged, forged and unsupported files: a decoded image or one-line <see cref="ImageFormatException"/>, never a hang or a large allocation.</summary>
public class TiffHostileTests
{
    private static readonly DecodeLimits Small = new() { MaxPixels = 1 << 22, MaxDecompressedBytes = 1 << 26 };

    [Theory]
    [InlineData("g16_lzw_p2_strips.tif")]
    [InlineData("g16be_zip_p2_tiles.tif")]
    [InlineData("g8_packbits_tiles.tif")]
    [InlineData("rgb8_none_strips.tif")]
    [InlineData("bilevel_packbits.tif")]
    public void EveryTruncation_ThrowsOrLosesNothingNeeded(string name)
    {
        // A cut either throws or removed only bytes the image does not use (tifffile's ImageDescription, say):
        // then the pixels are exactly the whole file's, never a partial or zero-filled image.
        byte[] tiff = TiffTestFiles.Read(name);
        GrayImage whole = TiffReader.Decode(tiff);
        int refused = 0;
        for (int n = 0; n < tiff.Length; n++)
        {
            byte[] cut = tiff[..n];
            try
            {
                GrayImage image = TiffReader.Decode(cut);
                Assert.Equal(whole.Pixels8, image.Pixels8);
                Assert.Equal(whole.Pixels16, image.Pixels16);
            }
            catch (ImageFormatException e)
            {
                Assert.DoesNotContain('\n', e.Message);
                refused++;
            }
        }

        Assert.True(refused > tiff.Length * 9 / 10, $"{refused} of {tiff.Length} cuts refused");
        Assert.Equal(whole.Pixels16, TiffReader.Decode([.. tiff, 1, 2, 3]).Pixels16);
    }

    [Theory]
    [InlineData("g16_none_strips.tif")]
    [InlineData("g16_lzw_strips.tif")]
    [InlineData("g16_zip_p2_strips.tif")]
    [InlineData("g16_packbits_strips.tif")]
    [InlineData("g8_lzw_p2_tiles.tif")]
    public void TruncatedChunkData_IsTruncatedNotZeroFilled(string name)
    {
        // Byte counts shortened inside a well-formed file: the data ends before the rows do.
        byte[] tiff = TiffTestFiles.Read(name);
        ushort tag = name.Contains("tiles", StringComparison.Ordinal) ? (ushort)325 : (ushort)279;
        byte[] shortened = TiffPatch.SetArray(tiff, tag, 0, 3);
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => TiffReader.Decode(shortened));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChunkPastTheEnd_Throws()
    {
        byte[] tiff = TiffTestFiles.Read("g16_lzw_strips.tif");
        Assert.Contains("past the end", Assert.Throws<ImageFormatException>(() => TiffReader.Decode(TiffPatch.SetArray(tiff, 273, 2, 0xFFFFFF00))).Message, StringComparison.Ordinal);
        Assert.Contains("past the end", Assert.Throws<ImageFormatException>(() => TiffReader.Decode(TiffPatch.SetArray(tiff, 279, 6, 0x7FFFFFFF))).Message, StringComparison.Ordinal);
        byte[] tiles = TiffTestFiles.Read("g8_zip_tiles.tif");
        Assert.Throws<ImageFormatException>(() => TiffReader.Decode(TiffPatch.SetArray(tiles, 324, 5, (uint)tiles.Length)));
    }

    [Theory]
    [InlineData(60000u, 60000u)]
    [InlineData(16000u, 16000u)]
    [InlineData(67u, 1_000_000u)]
    [InlineData(1_000_000u, 45u)]
    public void ForgedDimensions_ThrowBeforeAllocating(uint width, uint height)
    {
        foreach (string name in new[] { "g16_none_strips.tif", "g16_lzw_tiles.tif", "g8_zip_p2_strips.tif" })
        {
            byte[] tiff = TiffPatch.Set(TiffPatch.Set(TiffTestFiles.Read(name), 256, width), 257, height);
            if (name.Contains("strips", StringComparison.Ordinal))
            {
                // One strip for the whole forged image, so the strip count matches and only the data can refuse it.
                tiff = TiffPatch.Set(tiff, 278, height);
            }

            TiffReader.Decode(TiffTestFiles.Read(name)); // warm up
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.Throws<ImageFormatException>(() => TiffReader.Decode(tiff));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 256 * 1024, $"{name} {width}x{height}: {allocated} bytes allocated");
        }
    }

    [Fact]
    public void ForgedDimensions_UnderUnlimitedLimits_StillThrowTheDomainException()
    {
        var unlimited = new DecodeLimits { MaxDimension = int.MaxValue, MaxPixels = long.MaxValue, MaxDecompressedBytes = long.MaxValue };
        foreach ((uint w, uint h) in new (uint, uint)[] { (1u << 28, 1u), (int.MaxValue, int.MaxValue), (60000u, 60000u), (int.MaxValue, 2u) })
        {
            foreach (string name in new[] { "g16_none_strips.tif", "g16_lzw_tiles.tif" })
            {
                byte[] tiff = TiffPatch.Set(TiffPatch.Set(TiffTestFiles.Read(name), 256, w), 257, h);
                long before = GC.GetAllocatedBytesForCurrentThread();
                Assert.Throws<ImageFormatException>(() => TiffReader.Decode(tiff, unlimited));
                Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 256 * 1024, $"{name} {w}x{h}");
            }
        }
    }

    [Fact]
    public void IfdLoopsAndHugeCounts_DoNotHang()
    {
        byte[] tiff = TiffTestFiles.Read("g8_none_strips.tif");
        int ifd = TiffPatch.IfdOffset(tiff);
        int count = TiffPatch.EntryCount(tiff);

        // The next-IFD pointer pointing at IFD 0 itself: only page 0 is read, so it decodes.
        byte[] loop = (byte[])tiff.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(loop.AsSpan(ifd + 2 + (12 * count)), (uint)ifd);
        Assert.Equal(TiffReader.Decode(tiff).Pixels8, TiffReader.Decode(loop).Pixels8);

        // An entry count of 65535 runs past the file.
        byte[] huge = (byte[])tiff.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(huge.AsSpan(ifd), 65535);
        Assert.Contains("does not fit", Assert.Throws<ImageFormatException>(() => TiffReader.Decode(huge)).Message, StringComparison.Ordinal);

        // IFD offset into the header, at the end, and past it.
        foreach (uint bad in new[] { 0u, 4u, (uint)tiff.Length - 1, (uint)tiff.Length, 0xFFFFFFFF })
        {
            byte[] f = (byte[])tiff.Clone();
            BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(4), bad);
            Assert.Throws<ImageFormatException>(() => TiffReader.Decode(f));
        }

        // A strip-offsets array whose own offset points past the end.
        int at = TiffPatch.Entry(tiff, 273);
        byte[] g = (byte[])tiff.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(g.AsSpan(at + 4), 0x40000000);
        Assert.Contains("past the end", Assert.Throws<ImageFormatException>(() => TiffReader.Decode(g)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(259, 7u, "unsupported TIFF: compression JPEG (7)")]
    [InlineData(259, 4u, "unsupported TIFF: compression CCITT Group 4 fax (4)")]
    [InlineData(259, 50000u, "unsupported TIFF: compression Zstandard (50000)")]
    [InlineData(262, 3u, "unsupported TIFF: PhotometricInterpretation palette (3)")]
    [InlineData(262, 6u, "unsupported TIFF: PhotometricInterpretation YCbCr (6)")]
    [InlineData(339, 3u, "unsupported TIFF: SampleFormat floating-point (3)")]
    [InlineData(339, 2u, "unsupported TIFF: SampleFormat signed integer (2)")]
    [InlineData(258, 32u, "unsupported TIFF: 32 bits per sample")]
    [InlineData(258, 12u, "unsupported TIFF: 12 bits per sample")]
    [InlineData(317, 3u, "unsupported TIFF: floating-point predictor (3)")]
    [InlineData(266, 2u, "unsupported TIFF: FillOrder 2 (bit-reversed bytes)")]
    public void Unsupported_IsOneLineNamingIt(ushort tag, uint value, string message)
    {
        // tiffcp's files carry no SampleFormat or FillOrder: their Orientation entry (SHORT 1) is renamed to the tag.
        byte[] tiff = TiffTestFiles.Read(tag == 317 ? "g16_zip_p2_strips.tif" : "g16_lzw_p2_strips.tif");
        if (tag is 339 or 266)
        {
            tiff = TiffPatch.Retarget(tiff, 274, tag);
            Assert.NotNull(TiffReader.Decode(tiff)); // the value 1 is the supported default
        }

        byte[] patched = TiffPatch.Set(tiff, tag, value);
        Assert.Equal(message, Assert.Throws<ImageFormatException>(() => TiffReader.Decode(patched)).Message);
        Assert.Equal(message, Assert.Throws<ImageFormatException>(() => TiffReader.ReadInfo(patched)).Message);
    }

    [Fact]
    public void BigTiffAndOldLzw_AreNamed()
    {
        byte[] big = [(byte)'I', (byte)'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal("unsupported TIFF: BigTIFF (64-bit offsets)", Assert.Throws<ImageFormatException>(() => TiffReader.Decode(big)).Message);
        Assert.Equal(ImageContainer.Tiff, FileSignature.Identify(TiffTestFiles.Read("g8_none_strips.tif")));

        // Old-style LZW starts with a zero byte and an odd one; point the first strip at such bytes.
        byte[] tiff = TiffTestFiles.Read("g8_lzw_strips.tif");
        int offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(TiffPatch.Entry(tiff, 273) + 8));
        offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(offset));
        tiff[offset] = 0;
        tiff[offset + 1] = 1;
        Assert.Equal("unsupported TIFF: old-style (pre-6.0, LSB-first) LZW", Assert.Throws<ImageFormatException>(() => TiffReader.Decode(tiff)).Message);
    }

    [Theory]
    [InlineData("g16_lzw_p2_strips.tif")]
    [InlineData("g16be_lzw_tiles.tif")]
    [InlineData("g8_zip_p2_tiles.tif")]
    [InlineData("g8_packbits_strips.tif")]
    [InlineData("rgb8_lzw_p2_tiles.tif")]
    [InlineData("bilevel_packbits.tif")]
    public void RandomDamage_ThrowsOnlyImageFormatException(string name)
    {
        byte[] original = TiffTestFiles.Read(name);
        var rng = new Random(20261207);
        int decoded = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        for (int trial = 0; trial < 1500; trial++)
        {
            byte[] tiff = (byte[])original.Clone();
            int edits = 1 + rng.Next(4);
            for (int e = 0; e < edits; e++)
            {
                // Half the edits hit the IFD and its arrays (at the end of tiffcp's files), where damage matters most.
                int at = rng.Next(2) == 0 ? rng.Next(tiff.Length) : tiff.Length - 1 - rng.Next(Math.Min(tiff.Length, 400));
                tiff[at] = rng.Next(3) switch
                {
                    0 => (byte)rng.Next(256),
                    1 => (byte)(tiff[at] ^ (1 << rng.Next(8))),
                    _ => (byte)(rng.Next(2) * 255),
                };
            }

            try
            {
                GrayImage image = TiffReader.Decode(tiff, Small);
                Assert.Equal((long)image.Width * image.Height, image.Pixels8?.LongLength ?? image.Pixels16!.LongLength);
                decoded++;
            }
            catch (ImageFormatException e)
            {
                Assert.DoesNotContain('\n', e.Message);
                refused++;
            }
        }

        Assert.True(decoded > 0 && refused > 0, $"{decoded} decoded, {refused} refused");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"1500 damaged files took {clock.Elapsed}");
    }

    [Fact]
    public void Limits_AreChecked()
    {
        byte[] tiff = TiffTestFiles.Read("g16_none_strips.tif");
        Assert.Contains("pixel limit", Assert.Throws<ImageFormatException>(() => TiffReader.Decode(tiff, new DecodeLimits { MaxPixels = 1000 })).Message, StringComparison.Ordinal);
        Assert.Contains("decompressed-size limit", Assert.Throws<ImageFormatException>(() => TiffReader.Decode(tiff, new DecodeLimits { MaxDecompressedBytes = 1000 })).Message, StringComparison.Ordinal);
    }
}

using FastXray.Imaging.Formats;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Tiff;
using Xunit;

namespace FastXray.Imaging.Tests.Tiff;

/// <summary>The reader on libtiff-written files: exact pixels for every compression, predictor, layout, byte order and colour type.</summary>
public class TiffReaderTests
{
    public static IEnumerable<object[]> Names => TiffTestFiles.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void GoldenFile_DecodesToTheExpectedSamples(string name)
    {
        TiffTestFiles.Expected want = TiffTestFiles.All[name];
        GrayImage image = TiffReader.Decode(TiffTestFiles.Read(name));
        Assert.Equal((want.Width, want.Height), (image.Width, image.Height));
        Assert.Equal(want.Colour, image.SourceColour);
        Assert.Equal(want.Sample == "uint16" ? 16 : 8, image.BitDepth);
        string got = image.Pixels16 is { } p16 ? TiffTestFiles.Sha256(p16) : TiffTestFiles.Sha256(image.Pixels8!);
        Assert.Equal(want.Sha256, got);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GoldenFile_ReadInfoMatchesTheTags(string name)
    {
        TiffTestFiles.Expected want = TiffTestFiles.All[name];
        FormatInfo info = TiffReader.ReadInfo(TiffTestFiles.Read(name));
        Assert.Equal(new FormatInfo(ImageContainer.Tiff, want.Width, want.Height, want.Bits, want.Sample, want.Colour, want.Detail), info);
        Assert.True(TiffReader.PeakBytes(info) >= (long)want.Width * want.Height * (want.Sample == "uint16" ? 2 : 1));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_AllocatesNoMoreThanPeakBytes(string name)
    {
        byte[] tiff = TiffTestFiles.Read(name);
        long bound = TiffReader.PeakBytes(TiffReader.ReadInfo(tiff));
        TiffReader.Decode(tiff); // warm up: first-call JIT and pool allocations are not the decoder's
        long before = GC.GetAllocatedBytesForCurrentThread();
        TiffReader.Decode(tiff);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= bound, $"{allocated} bytes allocated, bound {bound}");
    }

    [Fact]
    public void Tiles_MustBeMultiplesOf16()
    {
        byte[] tiff = TiffPatch.Set(TiffTestFiles.Read("g8_none_tiles.tif"), 322, 24);
        Assert.Equal("TIFF tile size 24x16 is not a multiple of 16", Assert.Throws<ImageFormatException>(() => TiffReader.Decode(tiff)).Message);
    }

    [Theory]
    [InlineData("g16_none_strips.tif")]
    [InlineData("g16be_lzw_p2_tiles.tif")]
    [InlineData("g16be_zip_p2_strips.tif")]
    [InlineData("g16_packbits_tiles.tif")]
    public void Gray16_EqualsTheNpyDump(string name)
    {
        // The readable form of the hash check: the first differing pixel is named.
        ushort[] want = NpyFile.Read(TiffTestFiles.Path("gray16.npy")).AsSpan<ushort>().ToArray();
        ushort[] got = TiffReader.Decode(TiffTestFiles.Read(name)).Pixels16!;
        Assert.Equal(want.Length, got.Length);
        for (int i = 0; i < want.Length; i++)
        {
            Assert.True(want[i] == got[i], $"pixel ({i % 67}, {i / 67}): {got[i]}, expected {want[i]}");
        }

        Assert.Contains((ushort)0, got);
        Assert.Contains((ushort)65535, got);
    }

    [Theory]
    [InlineData("g8_lzw_p2_tiles.tif")]
    [InlineData("g8_zip_strips.tif")]
    public void Gray8_EqualsTheNpyDump(string name)
    {
        byte[] want = NpyFile.Read(TiffTestFiles.Path("gray8.npy")).AsSpan<byte>().ToArray();
        Assert.Equal(want, TiffReader.Decode(TiffTestFiles.Read(name)).Pixels8!);
    }

    [Fact]
    public void MinIsWhite_IsInverted()
    {
        byte[] black = TiffReader.Decode(TiffTestFiles.Read("g8_none_strips.tif")).Pixels8!;
        byte[] white = TiffReader.Decode(TiffTestFiles.Read("g8_miniswhite.tif")).Pixels8!;
        Assert.Equal(black.Select(v => (byte)(255 - v)), white);
        ushort[] black16 = TiffReader.Decode(TiffTestFiles.Read("g16_none_strips.tif")).Pixels16!;
        ushort[] white16 = TiffReader.Decode(TiffTestFiles.Read("g16_miniswhite.tif")).Pixels16!;
        Assert.Equal(black16.Select(v => (ushort)(65535 - v)), white16);
    }
}

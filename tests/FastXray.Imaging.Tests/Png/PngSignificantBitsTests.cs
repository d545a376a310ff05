using FastXray.Imaging.Formats;
using FastXray.Imaging.Png;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Png;

/// <summary>PNG's sBIT chunk (the samples' original precision) as PngSuite's cs*n* files state it.</summary>
public sealed class PngSignificantBitsTests
{
    [PngSuiteTheory]
    [InlineData("cs3n2c16.png", 13)] // RGB 16-bit, 13 significant bits
    [InlineData("cs3n3p08.png", 3)]  // palette, 3 bits per palette channel
    [InlineData("cs5n2c08.png", 5)]
    [InlineData("cs8n2c08.png", 0)]  // 8 of 8 bits: no sBIT chunk
    [InlineData("basn0g16.png", 0)]  // no sBIT
    public void Read_info_decode_and_the_grey_image_state_the_significant_bits(string file, int bits)
    {
        byte[] data = File.ReadAllBytes(Path.Combine(TestData.PngSuiteDir, file));
        Assert.Equal(bits, PngDecoder.ReadInfo(data).SignificantBits);
        Assert.Equal(bits, PngDecoder.Decode(data).SignificantBits);
        Assert.Equal(bits, ImageDecoder.DecodeGray(data).SignificantBits);
    }
}

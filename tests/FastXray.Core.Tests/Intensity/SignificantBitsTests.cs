using FastXray.Intensity;
using FastXray.Synthetic;
using Xunit;

namespace FastXray.Core.Tests.Intensity;

/// <summary>The bits a sample really uses, and the tutorial level scaled to them.</summary>
public sealed class SignificantBitsTests
{
    [Theory]
    [InlineData(8, 0, 100, 8)]      // uint8 stays 8: the tutorial's own numbers
    [InlineData(8, 6, 63, 6)]       // an 8-bit PNG with sBIT 6 whose samples fit
    [InlineData(16, 0, 4095, 12)]   // no statement: the maximum needs 12 bits
    [InlineData(16, 0, 4096, 13)]
    [InlineData(16, 0, 200, 8)]     // 8-bit data in a 16-bit container: at least 8
    [InlineData(16, 0, 65535, 16)]
    [InlineData(16, 12, 1000, 12)]  // stated and fitting
    [InlineData(16, 12, 4096, 16)]  // stated but exceeded: scaled to the full depth, as PNG says
    [InlineData(16, 17, 1000, 10)]  // an impossible statement is ignored
    [InlineData(32, 0, 1e6, 32)]    // float data is not scaled
    public void Effective_bits(int storage, int stated, double max, int expected) =>
        Assert.Equal(expected, SignificantBits.Effective(storage, stated, max));

    [Fact]
    public void The_level_scales_full_scale_to_full_scale()
    {
        Assert.Equal(150.0, SignificantBits.ScaleFrom8(150, 8));
        Assert.Equal(150.0 * 257, SignificantBits.ScaleFrom8(150, 16));
        Assert.Equal(4095.0, SignificantBits.ScaleFrom8(255, 12));
    }

    [Fact]
    public void The_demo_phantoms_histogram_is_continuous_from_0_to_255()
    {
        // The tutorial's 256 bins span min..max: with min 0 and max 255 each bin is one level, and none is empty
        // (a hard-edged phantom left every ninth bin empty, which looks like a broken histogram).
        byte[] phantom = ChestPhantom.Generate(512, 512);
        long[] counts = new long[256];
        foreach (byte v in phantom)
        {
            counts[v]++;
        }

        Assert.Equal(0, phantom.Min());
        Assert.Equal(255, phantom.Max());
        Assert.DoesNotContain(0L, counts);
    }
}

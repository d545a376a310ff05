using StbImageSharp;
using Xunit;

namespace FastXray.Imaging.Tests.StbWrite;

/// <summary>Why the grey JPEG encoder is our own: StbImageWriteSharp writes every JPEG as three components.</summary>
public class StbJpegTests
{
    [Fact]
    public void StbImageWriteSharp_WritesGreyInputAsThreeComponentJpeg()
    {
        const int w = 32, h = 16;
        byte[] grey = Bmp.BmpTgaEncoderTests.Input(w, h, 1);
        var ms = new MemoryStream();
        new StbImageWriteSharp.ImageWriter().WriteJpg(grey, w, h, StbImageWriteSharp.ColorComponents.Grey, ms, 90);
        byte[] jpeg = ms.ToArray();

        int p = 2;
        while (!(jpeg[p] == 0xFF && jpeg[p + 1] == 0xC0))
        {
            p += 2 + ((jpeg[p + 2] << 8) | jpeg[p + 3]);
        }

        Assert.Equal(3, jpeg[p + 9]);                      // components
        Assert.Equal(0x22, jpeg[p + 11]);                  // Y sampled 2x2: chroma 4:2:0
        Assert.Equal(ColorComponents.RedGreenBlue, ImageResult.FromMemory(jpeg).SourceComp);
    }
}

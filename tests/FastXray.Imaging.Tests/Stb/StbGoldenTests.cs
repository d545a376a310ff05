using FastXray.Imaging.Formats;
using FastXray.Imaging.Stb;
using Xunit;
using Xunit.Abstractions;

namespace FastXray.Imaging.Tests.Stb;

/// <summary>StbReader against references made by independent decoders (tools/fixtures/stb.py).</summary>
public sealed class StbGoldenTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => StbTestFiles.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void HeaderMatchesTheWriter(string name)
    {
        StbCase c = StbTestFiles.Case(name);
        FormatInfo info = StbReader.ReadInfo(StbTestFiles.Bytes(name), StbTestFiles.ContainerOf(name));
        Assert.Equal(StbTestFiles.ContainerOf(name), info.Container);
        Assert.Equal((c.Width, c.Height), (info.Width, info.Height));
        Assert.Equal(c.Colour, info.Colour);
        Assert.Equal(c.Kind == "hdr" ? "float32" : "uint8", info.Sample);
        if (c.Kind == "jpeg" || c.Detail == "RLE")
        {
            Assert.Equal(c.Detail, info.Detail);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void DecodeMatchesReference(string name)
    {
        StbCase c = StbTestFiles.Case(name);
        byte[] data = StbTestFiles.Bytes(name);
        GrayImage image = StbReader.Decode(data, StbTestFiles.ContainerOf(name));
        Assert.Equal((c.Width, c.Height), (image.Width, image.Height));
        Assert.Equal(c.Colour, image.SourceColour);
        var reference = StbTestFiles.ReferenceOf(c);
        Assert.Equal((c.Height, c.Width), reference.Shape2D);
        switch (c.Kind)
        {
            case "exact":
                Assert.Equal(reference.AsSpan<byte>().ToArray(), image.Pixels8!);
                break;
            case "jpeg":
                JpegAgreement(c, reference.AsSpan<byte>(), image.Pixels8!);
                break;
            default:
                HdrAgreement(reference.AsSpan<float>(), image.PixelsF!);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void PeakBytesBoundsTheManagedAllocation(string name)
    {
        byte[] data = StbTestFiles.Bytes(name);
        ImageContainer container = StbTestFiles.ContainerOf(name);
        FormatInfo info = StbReader.ReadInfo(data, container);
        StbReader.Decode(data, container); // warm up: type loading and stb's static tables are not per-decode
        long before = GC.GetAllocatedBytesForCurrentThread();
        StbReader.Decode(data, container);
        long managed = GC.GetAllocatedBytesForCurrentThread() - before;
        long decoded = (long)info.Width * info.Height * (container == ImageContainer.Hdr ? 12 : 1);
        Assert.InRange(managed, decoded, StbReader.PeakBytes(info));
    }

    /// <summary>
    /// libjpeg-turbo and stb_image differ in IDCT rounding; bounds: max 2 levels, 99 % within 1, every pixel counted.
    /// Both references are libjpeg's grey output, so for YCbCr files they compare the Y plane with no chroma upsampling
    /// on either side (stb_image's h2v1 upsampler's right-edge weights never come into it).
    /// </summary>
    private void JpegAgreement(StbCase c, ReadOnlySpan<byte> reference, byte[] actual)
    {
        int max = 0, within1 = 0, worst = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            int d = Math.Abs(actual[i] - reference[i]);
            worst = d > max ? i : worst;
            max = Math.Max(max, d);
            within1 += d <= 1 ? 1 : 0;
        }

        double share = 100.0 * within1 / actual.Length;
        output.WriteLine($"AGREEMENT {c.File} max {max} (at x={worst % c.Width}, y={worst / c.Width}) within1 {share:F2} %");
        Assert.True(max <= 2, $"{c.File}: max difference {max} against libjpeg-turbo");
        Assert.True(share >= 99.0, $"{c.File}: {share:F2} % of pixels within 1 of libjpeg-turbo");
    }

    /// <summary>
    /// stb decodes RGBE to m·2^(e-136) exactly (an 8-bit mantissa times a power of two fits a float), as the
    /// script does; the only error left is our float luma against the script's float64 luma rounded to float32:
    /// three products and two sums, each within half an ulp, so 4e-7 relative to the largest term bounds it.
    /// </summary>
    private void HdrAgreement(ReadOnlySpan<float> reference, float[] actual)
    {
        double worst = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double tol = 4e-7 * Math.Abs(reference[i]) + 1e-30;
            double rel = Math.Abs(actual[i] - reference[i]) / tol;
            worst = Math.Max(worst, rel);
            Assert.True(rel <= 1, $"pixel {i}: {actual[i]:R} vs {reference[i]:R}");
        }

        output.WriteLine($"HDR worst error {worst:F3} of the tolerance");
    }
}

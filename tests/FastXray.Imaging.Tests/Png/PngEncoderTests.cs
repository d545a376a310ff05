using System.IO.Compression;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Imaging.Tests.Png;

/// <summary>
/// The encoder round-trips through the decoder (itself checked against pypng on all of PngSuite): every colour type
/// and depth, palette images, and <see cref="PngCompressedImage"/> writing the same bytes as a direct encode.
/// </summary>
public sealed class PngEncoderTests
{
    public static TheoryData<int, int> Sizes() => new() { { 1, 1 }, { 1, 9 }, { 9, 1 }, { 17, 13 }, { 64, 3 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void EveryColourTypeAndDepth_RoundTrips(int width, int height)
    {
        var random = new Random((width * 31) + height);
        foreach ((PngColorType type, int channels) in new[] { (PngColorType.Gray, 1), (PngColorType.GrayAlpha, 2), (PngColorType.Rgb, 3), (PngColorType.Rgba, 4) })
        {
            var p8 = new byte[width * height * channels];
            random.NextBytes(p8);
            using var s8 = new MemoryStream();
            PngEncoder.Encode(s8, p8, width, height, type);
            PngImage d8 = PngDecoder.Decode(s8.ToArray());
            Assert.Equal((width, height, type, 8), (d8.Width, d8.Height, d8.ColorType, d8.BitDepth));
            Assert.Equal(p8, d8.Pixels8);

            ushort[] p16 = Array.ConvertAll(p8, b => (ushort)((b * 257) ^ random.Next(256)));
            using var s16 = new MemoryStream();
            PngEncoder.Encode(s16, p16, width, height, type);
            PngImage d16 = PngDecoder.Decode(s16.ToArray());
            Assert.Equal((type, 16), (d16.ColorType, d16.BitDepth));
            Assert.Equal(p16, d16.Pixels16);
        }
    }

    [Fact]
    public void EveryDeflateStrategyAndLevel_RoundTrips()
    {
        // A smooth gradient with noise (like a radiograph) and a flat-with-edges area (like a figure).
        const int W = 150, H = 40;
        var random = new Random(8);
        byte[] pixels = Enumerable.Range(0, W * H).Select(i => (byte)(i % W < 100 ? ((i % W) + (i / W) + random.Next(3)) : 255)).ToArray();
        foreach (ZLibCompressionStrategy strategy in Enum.GetValues<ZLibCompressionStrategy>())
        {
            foreach (int level in new[] { 0, 1, 2, 6, 9 })
            {
                using var stream = new MemoryStream();
                PngEncoder.Encode(stream, pixels, W, H, PngColorType.Gray, new PngEncodeOptions { Strategy = strategy, CompressionLevel = level });
                Assert.Equal(pixels, PngDecoder.Decode(stream.ToArray()).Pixels8);
            }
        }

        // The documented claim of PngEncodeOptions.CompressionLevel: with run-length matching the level does not matter.
        byte[] Rle(int level)
        {
            using var stream = new MemoryStream();
            PngEncoder.Encode(stream, pixels, W, H, PngColorType.Gray, new PngEncodeOptions { CompressionLevel = level });
            return stream.ToArray();
        }

        Assert.All(new[] { 1, 2, 6, 9 }, level => Assert.Equal(Rle(2), Rle(level)));
        Assert.Equal(ZLibCompressionStrategy.RunLengthEncoding, PngEncodeOptions.Default.Strategy);
        Assert.Equal(ZLibCompressionStrategy.Default, PngEncodeOptions.Figure.Strategy);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Indexed_DecodesToThePaletteColours(int width, int height)
    {
        var random = new Random(width + (height * 7));
        foreach (int entries in new[] { 1, 2, 100, 256 })
        {
            var palette = new byte[entries * 3];
            random.NextBytes(palette);
            byte[] indices = Enumerable.Range(0, width * height).Select(_ => (byte)random.Next(entries)).ToArray();
            using var stream = new MemoryStream();
            PngEncoder.EncodeIndexed(stream, indices, width, height, palette);

            PngImage image = PngDecoder.Decode(stream.ToArray());
            Assert.Equal((PngColorType.Palette, 8, 3), (image.ColorType, image.BitDepth, image.Channels));
            for (int i = 0; i < indices.Length; i++)
            {
                Assert.True(palette.AsSpan(indices[i] * 3, 3).SequenceEqual(image.Pixels8.AsSpan(i * 3, 3)), $"{entries} entries, pixel {i}");
            }
        }
    }

    [Fact]
    public void CompressedImage_WritesTheBytesOfADirectEncode()
    {
        var random = new Random(4);
        const int W = 37, H = 11;
        var gray = new byte[W * H];
        var rgb = new byte[W * H * 3];
        random.NextBytes(gray);
        random.NextBytes(rgb);
        var palette = new byte[256 * 3];
        random.NextBytes(palette);

        Assert.Equal(Encode(s => PngEncoder.Encode(s, gray, W, H, PngColorType.Gray)), PngCompressedImage.Compress(gray, W, H, PngColorType.Gray).ToArray());
        Assert.Equal(Encode(s => PngEncoder.Encode(s, rgb, W, H, PngColorType.Rgb)), PngCompressedImage.Compress(rgb, W, H, PngColorType.Rgb).ToArray());
        Assert.Equal(Encode(s => PngEncoder.EncodeIndexed(s, gray, W, H, palette)), PngCompressedImage.Compress(gray, W, H, PngColorType.Palette).ToArray(palette));
    }

    [Fact]
    public void CompressedImage_OneCompressionUnderSeveralPalettes()
    {
        byte[] indices = [0, 1, 2, 2, 1, 0];
        PngCompressedImage image = PngCompressedImage.Compress(indices, 3, 2, PngColorType.Palette);
        byte[] red = [10, 0, 0, 20, 0, 0, 30, 0, 0];
        byte[] blue = [0, 0, 1, 0, 0, 2, 0, 0, 3, 9, 9, 9];
        Assert.Equal(indices.SelectMany(i => red.Skip(i * 3).Take(3)), PngDecoder.Decode(image.ToArray(red)).Pixels8!);
        Assert.Equal(indices.SelectMany(i => blue.Skip(i * 3).Take(3)), PngDecoder.Decode(image.ToArray(blue)).Pixels8!);
    }

    [Fact]
    public void BadPalettesAndIndices_AreArgumentErrors()
    {
        byte[] indices = [0, 1, 2, 3];
        var stream = new MemoryStream();
        Assert.Contains("outside the palette", Assert.Throws<ArgumentException>(() => PngEncoder.EncodeIndexed(stream, indices, 2, 2, new byte[9])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PngEncoder.EncodeIndexed(stream, indices, 2, 2, []));
        Assert.Throws<ArgumentException>(() => PngEncoder.EncodeIndexed(stream, indices, 2, 2, new byte[13]));
        Assert.Throws<ArgumentException>(() => PngEncoder.EncodeIndexed(stream, indices, 2, 2, new byte[(257 * 3)]));
        Assert.Throws<ArgumentException>(() => PngEncoder.EncodeIndexed(stream, indices, 3, 2, new byte[12]));
        Assert.Contains("EncodeIndexed", Assert.Throws<ArgumentException>(() => PngEncoder.Encode(stream, indices, 2, 2, PngColorType.Palette)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(stream, new ushort[4], 2, 2, PngColorType.Palette));
        Assert.Equal(0, stream.Length);

        PngCompressedImage palette = PngCompressedImage.Compress(indices, 2, 2, PngColorType.Palette);
        Assert.Contains("need 4", Assert.Throws<ArgumentException>(() => palette.ToArray(new byte[9])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => palette.ToArray());
        PngCompressedImage gray = PngCompressedImage.Compress(indices, 2, 2, PngColorType.Gray);
        Assert.Throws<ArgumentException>(() => gray.ToArray(new byte[12]));
    }

    private static byte[] Encode(Action<Stream> encode)
    {
        using var stream = new MemoryStream();
        encode(stream);
        return stream.ToArray();
    }
}

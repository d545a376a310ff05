using System.Text;
using FastXray.Imaging.Formats;
using Xunit;

namespace FastXray.Imaging.Tests.Formats;

/// <summary>Identification by content: the formats we read, and a name in the error for those we do not.</summary>
public sealed class FileSignatureTests
{
    private static byte[] Latin1(string s) => Encoding.Latin1.GetBytes(s);

    /// <summary>A TGA header: no colour map, image type 3 (grey), 4x2, 8 bits.</summary>
    private static byte[] TgaHeader(byte imageType = 3, byte depth = 8) => [0, 0, imageType, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 2, 0, depth, 0];

    public static TheoryData<byte[], ImageContainer> Known => new()
    {
        { [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], ImageContainer.Png },
        { [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], ImageContainer.Npy },
        { [0xFF, 0xD8, 0xFF, 0xE0], ImageContainer.Jpeg },
        { Latin1("BM\0\0\0\0\0\0\0\0\0\0\0\0"), ImageContainer.Bmp },
        { Latin1("8BPS\0\u0001"), ImageContainer.Psd },
        { Latin1("#?RADIANCE\n"), ImageContainer.Hdr },
        { Latin1("#?RGBE\n"), ImageContainer.Hdr },
        { Latin1("II*\0\u0008\0\0\0\0\0"), ImageContainer.Tiff },
        { Latin1("MM\0*\0\0\0\u0008\0\0"), ImageContainer.Tiff },
        { TgaHeader(), ImageContainer.Tga },
        { TgaHeader(10, 24), ImageContainer.Tga },
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void Identifies_what_we_read(byte[] start, ImageContainer expected) =>
        Assert.Equal(expected, FileSignature.Identify(start));

    public static TheoryData<byte[], string> Foreign => new()
    {
        { Latin1("RIFF\u0010\0\0\0WEBPVP8 "), "WebP" },
        { Latin1("\0\0\0\u000cjP  \r\n\u0087\n"), "JPEG 2000" },
        { [0xFF, 0x4F, 0xFF, 0x51, 0, 0], "JPEG 2000" },
        { Latin1("\0\0\0\u000cJXL \r\n\u0087\n"), "JPEG XL" },
        { [0xFF, 0x0A, 0xFA, 0x7F], "JPEG XL" },
        { Latin1("\0\0\0\u0018ftypheic\0\0\0\0"), "HEIC" },
        { Latin1("\0\0\0\u001cftypavif\0\0\0\0"), "AVIF" },
        { Latin1("%PDF-1.7\n"), "PDF" },
        { Latin1("GIF89a\u0001\0\u0001\0"), "GIF" },
        { Latin1("P5\n2 2\n255\n"), "PNM" },
        { [0x1F, 0x8B, 8, 0], "gzip" },
        { [1, 2, 3], "unknown (first bytes 010203)" },
        { TgaHeader(imageType: 7), "unknown" },
        { TgaHeader(depth: 12), "unknown" },
    };

    [Theory]
    [MemberData(nameof(Foreign))]
    public void Names_what_we_do_not_read(byte[] start, string name)
    {
        Assert.Null(FileSignature.TryIdentify(start));
        var e = Assert.Throws<ImageFormatException>(() => FileSignature.Identify(start));
        Assert.StartsWith("unsupported format: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dicom_is_identified_with_and_without_preamble_and_dng_is_named_not_read()
    {
        var dicom = new byte[132];
        "DICM"u8.CopyTo(dicom.AsSpan(128));
        Assert.Equal(ImageContainer.Dicom, FileSignature.TryIdentify(dicom));

        // A dual-personality file: a TIFF header in the preamble. DICOM wins (the preamble exists for this).
        "II*\0"u8.CopyTo(dicom);
        Assert.Equal(ImageContainer.Dicom, FileSignature.TryIdentify(dicom));

        // No preamble: explicit VR (0002,0000) UL, and implicit VR (0008,0016) with a printable UID.
        byte[] explicitMeta = [0x02, 0, 0, 0, (byte)'U', (byte)'L', 4, 0, 0x54, 0, 0, 0];
        Assert.Equal(ImageContainer.Dicom, FileSignature.TryIdentify(explicitMeta));
        byte[] implicitSop = [0x08, 0, 0x16, 0, 6, 0, 0, 0, (byte)'1', (byte)'.', (byte)'2', (byte)'.', (byte)'3', 0];
        Assert.Equal(ImageContainer.Dicom, FileSignature.TryIdentify(implicitSop));

        // A TGA with an 8-byte id field starts 08 00 <type> 00: never one of the implicit first elements.
        byte[] tga = new byte[18 + 8 + 4];
        tga[0] = 8;
        tga[2] = 3;
        tga[12] = 1;
        tga[14] = 1;
        tga[16] = 8;
        Assert.NotEqual(ImageContainer.Dicom, FileSignature.TryIdentify(tga));

        // A classic little-endian TIFF whose IFD 0 holds DNGVersion (tag 0xC612).
        byte[] dng = [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0xC6, 1, 0, 4, 0, 0, 0, 1, 4, 0, 0, 0, 0, 0, 0];
        Assert.Null(FileSignature.TryIdentify(dng));
        Assert.Contains("DNG", FileSignature.Describe(dng), StringComparison.Ordinal);

        // An IFD offset past the end, or entries that run off the file, do not make it DNG (or throw).
        byte[] cut = [(byte)'I', (byte)'I', 42, 0, 0xFF, 0xFF, 0, 0];
        Assert.Equal(ImageContainer.Tiff, FileSignature.TryIdentify(cut));
        Assert.Equal(ImageContainer.Tiff, FileSignature.TryIdentify(dng[..11]));

        // BigTIFF is a TIFF to identification; the TIFF reader names it as the variant it does not read.
        Assert.Equal(ImageContainer.Tiff, FileSignature.TryIdentify(Latin1("II+\0\u0008\0\0\0")));
    }

    [Fact]
    public void Empty_is_named() =>
        Assert.Equal("empty file", Assert.Throws<ImageFormatException>(() => FileSignature.Identify([])).Message);
}

using System.Buffers.Binary;
using System.IO.Hashing;
using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

public sealed class InfoCommandTests
{
    [Fact]
    public void Prints_format_size_depth_and_colour()
    {
        using var dir = new TempDir();
        dir.Npy16("a.npy", 7, 5);
        CliResult r = CliRunner.Run(["info", "a.npy"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("file:   a.npy\nformat: NPY\nsize:   7x5\ndepth:  16 (uint16)\ncolour: grey\ncheck:  whole file decoded, no errors\n", r.Stdout);
    }

    [Fact]
    public void Json_prints_one_object()
    {
        using var dir = new TempDir();
        dir.NpyFloat("f.npy", new float[6], 3, 2);
        CliResult r = CliRunner.Run(["info", "f.npy", "--json"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("{\"file\":\"f.npy\",\"format\":\"NPY\",\"width\":3,\"height\":2,\"depth\":32,\"sample\":\"float32\",\"colour\":\"grey\",\"verified\":true}\n", r.Stdout);
    }

    [Fact]
    public void A_bad_file_gives_one_line_and_exit_1()
    {
        using var dir = new TempDir();
        dir.TruncatedNpy("t.npy");
        CliResult r = CliRunner.Run(["info", "t.npy"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("fastxray: t.npy: NPY data is truncated", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    /// <summary>A valid 8-bit grey PNG of 16x8 with varied rows, so every corruption below lands in real data.</summary>
    private static byte[] GoodPng()
    {
        var pixels = new byte[16 * 8];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 37) ^ (i >> 3));
        }

        using var stream = new MemoryStream();
        PngEncoder.Encode(stream, pixels, 16, 8, PngColorType.Gray);
        return stream.ToArray();
    }

    /// <summary>Offset of the first IDAT chunk's length field.</summary>
    private static int IdatAt(byte[] png)
    {
        int at = 8;
        while (BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 4)) != 0x49444154)
        {
            at += 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
        }

        return at;
    }

    /// <summary>Rewrites the CRC of the chunk at <paramref name="at"/> after its data was changed, so only the intended fault remains.</summary>
    private static void FixCrc(byte[] png, int at)
    {
        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
        uint crc = Crc32.HashToUInt32(png.AsSpan(at + 4, 4 + length));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(at + 8 + length), crc);
    }

    public static TheoryData<string, string> CorruptPngs => new()
    {
        { "bad-idat-crc", "CRC" },
        { "bad-filter-byte", "filter" },
        { "short-idat", "" },
    };

    [Theory]
    [MemberData(nameof(CorruptPngs))]
    public void A_corrupt_png_fails_by_default_and_passes_with_header(string fault, string expected)
    {
        byte[] png = GoodPng();
        int idat = IdatAt(png);
        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(idat));
        switch (fault)
        {
            case "bad-idat-crc":
                png[idat + 8 + length] ^= 0x01;
                break;
            case "bad-filter-byte":
            {
                // Stored (uncompressed) deflate data would be needed to reach the filter byte directly; instead
                // re-encode the rows with filter byte 9 into a fresh zlib stream.
                var raw = new byte[8 * 17];
                for (int y = 0; y < 8; y++)
                {
                    raw[y * 17] = y == 3 ? (byte)9 : (byte)0;
                }

                using var z = new MemoryStream();
                using (var zlib = new System.IO.Compression.ZLibStream(z, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
                {
                    zlib.Write(raw);
                }

                byte[] data = z.ToArray();
                var chunk = new byte[12 + data.Length];
                BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
                "IDAT"u8.CopyTo(chunk.AsSpan(4));
                data.CopyTo(chunk, 8);
                png = [.. png.AsSpan(0, idat), .. chunk, .. png.AsSpan(idat + 12 + length)];
                FixCrc(png, idat);
                break;
            }

            default:
            {
                // Drop the second half of the IDAT data; the chunk stays well-formed (length and CRC fixed).
                int keep = length / 2;
                png = [.. png.AsSpan(0, idat + 8 + keep), 0, 0, 0, 0, .. png.AsSpan(idat + 12 + length)];
                BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(idat), (uint)keep);
                FixCrc(png, idat);
                break;
            }
        }

        using var dir = new TempDir();
        dir.Bytes("c.png", png);
        CliResult full = CliRunner.Run(["info", "c.png"], dir.Path);
        Assert.Equal(1, full.ExitCode);
        Assert.Single(full.ErrorLines);
        Assert.StartsWith("fastxray: c.png: ", full.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, full.Stderr, StringComparison.Ordinal);
        Assert.Equal("", full.Stdout);

        CliResult header = CliRunner.Run(["info", "c.png", "--header"], dir.Path);
        Assert.Equal(0, header.ExitCode);
        Assert.Contains("check:  header only", header.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_png_is_verified()
    {
        using var dir = new TempDir();
        dir.Bytes("g.png", GoodPng());
        CliResult r = CliRunner.Run(["info", "g.png"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("file:   g.png\nformat: PNG\nsize:   16x8\ndepth:  8 (uint8)\ncolour: grey\ncheck:  whole file decoded, no errors\n", r.Stdout);
    }

    public static TheoryData<string, string> ForeignFiles => new()
    {
        { "RIFF\u0010\0\0\0WEBPVP8 ", "WebP" },
        { "\0\0\0\u000cjP  \r\n\u0087\n", "JPEG 2000" },
        { "\u00ff\u004f\u00ff\u0051\0\0", "JPEG 2000" },
        { "\0\0\0\u000cJXL \r\n\u0087\n", "JPEG XL" },
        { "\u00ff\n\u00fa\u007f", "JPEG XL" },
        { "\0\0\0\u0018ftypheic\0\0\0\0", "HEIC" },
        { "\0\0\0\u001cftypavif\0\0\0\0", "AVIF" },
        { "%PDF-1.7\n", "PDF" },
        { "GIF89a\u0001\0\u0001\0", "GIF" },
        { "P5\n2 2\n255\n", "PNM" },
    };

    [Theory]
    [MemberData(nameof(ForeignFiles))]
    public void A_format_we_do_not_read_is_named(string start, string name)
    {
        using var dir = new TempDir();
        dir.Bytes("x.bin", System.Text.Encoding.Latin1.GetBytes(start));
        CliResult r = CliRunner.Run(["info", "x.bin"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith($"fastxray: x.bin: unsupported format: {name}", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_dicom_and_dng_get_one_line()
    {
        using var dir = new TempDir();
        var dicom = new byte[200];
        "DICM"u8.CopyTo(dicom.AsSpan(128));
        dir.Bytes("d.dcm", dicom);

        // A little-endian TIFF whose first IFD holds one entry, DNGVersion (0xC612).
        byte[] dng = [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0xC6, 1, 0, 4, 0, 0, 0, 1, 4, 0, 0, 0, 0, 0, 0];
        dir.Bytes("r.dng", dng);
        CliResult d = CliRunner.Run(["info", "d.dcm"], dir.Path);
        Assert.Equal(1, d.ExitCode);
        // DICM and nothing after it: the DICOM reader's own one-line complaint.
        Assert.StartsWith("fastxray: d.dcm: ", d.Stderr, StringComparison.Ordinal);
        Assert.Single(d.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        CliResult r = CliRunner.Run(["info", "r.dng"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("fastxray: r.dng: unsupported format: DNG", r.Stderr, StringComparison.Ordinal);
    }
}

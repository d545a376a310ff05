using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Imaging.Formats;
using FastXray.Imaging.Jpeg.Decoding;
using FastXray.Imaging.Stb;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Jpeg;

/// <summary>
/// .jpg files decode exactly as Pillow (libjpeg-turbo 2.1: islow IDCT, fancy upsampling) returns them: the committed
/// fixtures and SHA-256 of Pillow's arrays come from tools/fixtures/jpeg_pillow.py.
/// </summary>
public sealed class JpegPillowExactnessTests
{
    private static readonly Lazy<JsonElement> s_manifest = new(() =>
        JsonDocument.Parse(File.ReadAllText(PathOf("manifest.json"))).RootElement);

    private static string PathOf(string file) => TestData.Reference("FastXray.Imaging.Tests", "jpeg-decode", file);

    public static TheoryData<string> Files(string decoder)
    {
        var data = new TheoryData<string>();
        foreach (JsonProperty p in s_manifest.Value.EnumerateObject().OrderBy(static p => p.Name, StringComparer.Ordinal))
        {
            if (p.Value.GetProperty("decoder").GetString() == decoder)
            {
                data.Add(p.Name);
            }
        }

        return data;
    }

    public static TheoryData<string> Ours() => Files("ours");

    public static TheoryData<string> Stb() => Files("stb");

    [Theory]
    [MemberData(nameof(Ours))]
    public void Grey_equals_Pillow(string file)
    {
        byte[] data = File.ReadAllBytes(PathOf(file));
        JsonElement entry = s_manifest.Value.GetProperty(file);
        Assert.True(JpegFileDecoder.IsOurs(JpegFileHeader.Scan(data)), "routed to StbImageSharp");

        GrayImage image = ImageDecoder.DecodeGray(data);
        Assert.Equal(entry.GetProperty("width").GetInt32(), image.Width);
        Assert.Equal(entry.GetProperty("height").GetInt32(), image.Height);
        Assert.Equal(entry.GetProperty("grey").GetString(), Sha256(image.Pixels8!));
    }

    [Theory]
    [MemberData(nameof(Ours))]
    public void Rgb_equals_Pillow(string file)
    {
        byte[] rgb = JpegFileDecoder.DecodeRgb(File.ReadAllBytes(PathOf(file)));
        Assert.Equal(s_manifest.Value.GetProperty(file).GetProperty("rgb").GetString(), Sha256(rgb));
    }

    [Theory]
    [MemberData(nameof(Ours))]
    public void ReadInfo_gives_the_size_without_decoding(string file)
    {
        FormatInfo info = ImageDecoder.ReadInfo(File.ReadAllBytes(PathOf(file)).AsSpan());
        JsonElement entry = s_manifest.Value.GetProperty(file);
        Assert.Equal(ImageContainer.Jpeg, info.Container);
        Assert.Equal(entry.GetProperty("width").GetInt32(), info.Width);
        Assert.Equal(entry.GetProperty("height").GetInt32(), info.Height);
        Assert.Equal(8, info.BitDepth);
        Assert.Equal("uint8", info.Sample);
    }

    /// <summary>Progressive and CMYK stay with StbImageSharp: the same pixels as before the routing.</summary>
    [Theory]
    [MemberData(nameof(Stb))]
    public void Other_frames_stay_with_StbImageSharp(string file)
    {
        byte[] data = File.ReadAllBytes(PathOf(file));
        Assert.False(JpegFileDecoder.IsOurs(JpegFileHeader.Scan(data)));
        Assert.Equal(StbReader.Decode(data, ImageContainer.Jpeg).Pixels8, ImageDecoder.DecodeGray(data).Pixels8);
    }

    [Fact]
    public void Arithmetic_coding_is_refused_in_one_line()
    {
        byte[] data = File.ReadAllBytes(PathOf("grey_37x23_arithmetic.jpg"));
        var e = Assert.Throws<ImageFormatException>(() => ImageDecoder.DecodeGray(data));
        Assert.Equal("unsupported JPEG: arithmetic-coded (SOF9)", e.Message);
        Assert.Throws<ImageFormatException>(() => ImageDecoder.ReadInfo(data.AsSpan()));
    }

    [Theory]
    [InlineData("grey_101x67_q90.jpg")]
    [InlineData("ycc420_101x67_restart1row.jpg")]
    [InlineData("rgb420_101x67.jpg")]
    public void Limits_are_checked_before_decoding(string file)
    {
        byte[] data = File.ReadAllBytes(PathOf(file));
        Assert.Throws<ImageFormatException>(() => ImageDecoder.DecodeGray(data, new DecodeLimits { MaxPixels = 100 * 60 }));
        Assert.Throws<ImageFormatException>(() => ImageDecoder.DecodeGray(data, new DecodeLimits { MaxDecompressedBytes = 1000 }));
    }

    /// <summary>What the decode allocates stays within what <see cref="ImageDecoder.PeakBytes"/> plans for.</summary>
    [Theory]
    [InlineData("grey_101x67_q90.jpg")]
    [InlineData("ycc420_101x67_q90.jpg")]
    [InlineData("rgb420_101x67.jpg")]
    public void PeakBytes_bounds_the_allocation(string file)
    {
        byte[] data = File.ReadAllBytes(PathOf(file));
        FormatInfo info = ImageDecoder.ReadInfo(data.AsSpan());
        _ = ImageDecoder.DecodeGray(data); // warm up: the per-thread decoder state and the pooled planes
        long before = GC.GetAllocatedBytesForCurrentThread();
        _ = ImageDecoder.DecodeGray(data);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, (long)info.Width * info.Height, ImageDecoder.PeakBytes(info));
    }

    /// <summary>Every truncation of a colour file with restart markers, and single-byte damage at every offset, is a one-line format error or a decode, never another exception.</summary>
    [Fact]
    public void Damaged_files_fail_with_the_domain_exception()
    {
        byte[] data = File.ReadAllBytes(PathOf("ycc420_101x67_restart1row.jpg"));
        for (int length = 0; length < data.Length; length += 7)
        {
            Assert.Throws<ImageFormatException>(() => ImageDecoder.DecodeGray(data.AsSpan(0, length)));
        }

        int decoded = 0;
        for (int at = 2; at < data.Length; at += 5)
        {
            byte[] bad = (byte[])data.Clone();
            bad[at] ^= (byte)(0x5A + at);
            Exception? error = Record.Exception(() => ImageDecoder.DecodeGray(bad));
            Assert.True(error is null or ImageFormatException, $"offset {at}: {error?.GetType().Name}: {error?.Message}");
            decoded += error is null ? 1 : 0;
        }

        Assert.InRange(decoded, 1, data.Length); // damage inside the entropy data mostly still decodes, as in libjpeg
    }

    /// <summary>
    /// 4:4:0 (h1v2) is where libjpeg-turbo and IJG 6b differ: the public (DICOM, dcmtk = 6b) decode replicates each
    /// chroma row, the .jpg route filters (and equals Pillow, above); the luma plane is the same in both.
    /// </summary>
    [Theory]
    [InlineData("ycc440_37x23.jpg")]
    [InlineData("ycc440_101x67.jpg")]
    public void H1v2_chroma_is_replicated_for_DICOM_and_filtered_for_jpg(string file)
    {
        byte[] data = File.ReadAllBytes(PathOf(file));
        JsonElement entry = s_manifest.Value.GetProperty(file);
        int width = entry.GetProperty("width").GetInt32();
        int height = entry.GetProperty("height").GetInt32();
        var ijg = new ushort[width * height * 3];
        var turbo = new ushort[width * height * 3];
        FastXray.Imaging.Dicom.JpegDct.JpegDctDecoder.Decode(data, ijg);
        FastXray.Imaging.Dicom.JpegDct.JpegDctDecoder.Decode(data, turbo, turboUpsampling: true);
        int differ = 0;
        for (int i = 0; i < ijg.Length; i++)
        {
            if (i % 3 == 0)
            {
                Assert.Equal(ijg[i], turbo[i]);
            }
            else
            {
                differ += ijg[i] != turbo[i] ? 1 : 0;
                int y = i / 3 / width;
                if ((y & 1) == 1)
                {
                    Assert.Equal(ijg[i - (3 * width)], ijg[i]); // row 2k+1 repeats row 2k
                }
            }
        }

        Assert.True(differ > 0);
    }

    /// <summary>
    /// Real radiographs: encoded at test time by our JpegEncoder (byte-identical to Pillow's, checked) and decoded by
    /// the .jpg route: equal to Pillow's decode of the same bytes (xray.json, tools/fixtures/jpeg_pillow.py).
    /// </summary>
    [XrayTheory]
    [InlineData("00000011_000.png", 50)]
    [InlineData("00000011_000.png", 90)]
    [InlineData("00000011_001.png", 50)]
    [InlineData("00000011_001.png", 90)]
    [InlineData("00000011_004.png", 50)]
    [InlineData("00000011_004.png", 90)]
    public void Radiograph_encoded_by_us_decodes_as_Pillow(string file, int quality)
    {
        JsonElement expected = JsonDocument.Parse(File.ReadAllText(PathOf("xray.json"))).RootElement
            .GetProperty(file).GetProperty(quality.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var png = FastXray.Imaging.Png.PngDecoder.DecodeFile(Path.Combine(TestData.XrayDir, file));
        var jpeg = new MemoryStream();
        FastXray.Imaging.Jpeg.JpegEncoder.EncodeGray(jpeg, png.Pixels8!, png.Width, png.Height, quality);
        byte[] data = jpeg.ToArray();
        Assert.Equal(expected.GetProperty("jpeg").GetString(), Sha256(data));
        Assert.Equal(expected.GetProperty("decoded").GetString(), Sha256(ImageDecoder.DecodeGray(data).Pixels8!));
    }

    /// <summary>The afl corpus found for the StbImageSharp route (Reference/fuzz/jpeg) replayed through the .jpg route, which now reaches our decoder first.</summary>
    [Fact]
    public void Stb_fuzz_corpus_through_the_jpg_route_decodes_or_throws_the_domain_exception()
    {
        string dir = TestData.Reference("FastXray.Imaging.Tests", "fuzz", "jpeg", "corpus");
        var limits = new DecodeLimits { MaxPixels = 1L << 22, MaxDecompressedBytes = 1L << 26 };
        int ours = 0;
        foreach (string path in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
        {
            byte[] data = File.ReadAllBytes(path);
            ours += JpegFileDecoder.IsOurs(JpegFileHeader.Scan(data)) ? 1 : 0;
            Exception? error = Record.Exception(() => JpegFileDecoder.Decode(data, limits));
            Assert.True(error is null or ImageFormatException, $"{Path.GetFileName(path)}: {error?.GetType().Name}: {error?.Message}");
        }

        Assert.True(ours > 100, $"only {ours} corpus files reach our decoder");
    }

    private static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}

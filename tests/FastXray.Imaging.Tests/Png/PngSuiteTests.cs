using FastXray.Imaging.Png;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Png;

/// <summary>PngSuite: every valid file decodes to pixels identical to pypng's (hashes in Reference/png/pngsuite.json); every x file is rejected.</summary>
public sealed class PngSuiteTests
{
    private static readonly Lazy<Dictionary<string, (int Width, int Height, int Channels, int Bits, string Sha256)>> s_reference =
        new(() => PngTestFiles.LoadHashes("pngsuite.json"));

    /// <summary>The 14 corrupted files of PngSuite (fixed by the suite itself).</summary>
    private static readonly string[] s_corrupt = [
        "xc1n0g08.png", "xc9n2c08.png", "xcrn0g04.png", "xcsn0g01.png", "xd0n2c08.png", "xd3n2c08.png", "xd9n2c08.png",
        "xdtn0g01.png", "xhdn0g08.png", "xlfn0g04.png", "xs1n0g01.png", "xs2n0g01.png", "xs4n0g01.png", "xs7n0g01.png"];

    public static TheoryData<string> CorruptFiles { get; } = new(s_corrupt);

    public static TheoryData<string> ValidFiles()
    {
        var data = new TheoryData<string>();
        foreach (string name in PngTestFiles.LoadHashes("pngsuite.json").Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [PngSuiteTheory]
    [MemberData(nameof(ValidFiles))]
    public void Valid_file_decodes_to_the_reference_pixels(string name)
    {
        (int width, int height, int channels, int bits, string sha) = s_reference.Value[name];
        string path = Path.Combine(TestData.PngSuiteDir, name);
        PngImage image = PngDecoder.DecodeFile(path);
        Assert.Equal((width, height, channels, bits), (image.Width, image.Height, image.Channels, image.Is16Bit ? 16 : 8));
        Assert.Equal(sha, PngTestFiles.CanonicalSha256(image));

        PngInfo info = PngDecoder.ReadInfoFile(path);
        Assert.Equal((image.Width, image.Height, image.ColorType, image.BitDepth, image.Channels), (info.Width, info.Height, info.ColorType, info.BitDepth, info.Channels));
        Assert.Equal(info.Interlaced, name[3] == 'i' || name.StartsWith("basi", StringComparison.Ordinal));
    }

    [PngSuiteTheory]
    [MemberData(nameof(CorruptFiles))]
    public void Corrupt_file_is_rejected_with_a_one_line_message_naming_it(string name)
    {
        string path = Path.Combine(TestData.PngSuiteDir, name);
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PngDecoder.DecodeFile(path));
        Assert.Equal(path, e.FileName);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(File.ReadAllBytes(path)));
    }

    [PngSuiteFact]
    public void Bad_idat_crc_names_the_chunk()
    {
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PngDecoder.DecodeFile(Path.Combine(TestData.PngSuiteDir, "xcsn0g01.png")));
        Assert.Contains("'IDAT'", e.Problem, StringComparison.Ordinal);
        Assert.Contains("CRC", e.Problem, StringComparison.Ordinal);
    }

    [PngSuiteFact]
    public void Every_suite_file_is_covered()
    {
        string[] files = Directory.GetFiles(TestData.PngSuiteDir, "*.png").Select(f => Path.GetFileName(f)).ToArray();
        Assert.Equal(175, files.Length);
        var corrupt = s_corrupt.ToHashSet();
        foreach (string f in files)
        {
            Assert.True(f.StartsWith('x') ? corrupt.Contains(f) : s_reference.Value.ContainsKey(f), f);
        }
    }
}

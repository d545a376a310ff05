using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Tests;

namespace FastXray.Imaging.Tests.Tiff;

/// <summary>The golden TIFFs made by tools/fixtures/tiff.py (tifffile + libtiff's tiffcp, checked against Pillow) and their expected values.</summary>
internal static class TiffTestFiles
{
    public static string Path(string name) => TestData.Reference("FastXray.Imaging.Tests", "tiff", name);

    public static byte[] Read(string name) => File.ReadAllBytes(Path(name));

    public static IReadOnlyDictionary<string, Expected> All { get; } = Load();

    public static IEnumerable<object[]> Names => All.Keys.Order(StringComparer.Ordinal).Select(n => new object[] { n });

    /// <summary>SHA-256 of samples as the fixture script hashes them: row-major, 16-bit little-endian.</summary>
    public static string Sha256(byte[] samples) => Convert.ToHexString(SHA256.HashData(samples)).ToLowerInvariant();

    public static string Sha256(ushort[] samples)
    {
        byte[] bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            bytes[2 * i] = (byte)samples[i];
            bytes[(2 * i) + 1] = (byte)(samples[i] >> 8);
        }

        return Sha256(bytes);
    }

    private static Dictionary<string, Expected> Load()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path("expected.json")));
        var result = new Dictionary<string, Expected>(StringComparer.Ordinal);
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            JsonElement e = p.Value;
            result[p.Name] = new Expected(
                e.GetProperty("width").GetInt32(),
                e.GetProperty("height").GetInt32(),
                e.GetProperty("bits").GetInt32(),
                e.GetProperty("sample").GetString()!,
                e.GetProperty("colour").GetString()!,
                e.GetProperty("detail").GetString()!,
                e.GetProperty("sha256").GetString()!);
        }

        return result;
    }

    public sealed record Expected(int Width, int Height, int Bits, string Sample, string Colour, string Detail, string Sha256);
}

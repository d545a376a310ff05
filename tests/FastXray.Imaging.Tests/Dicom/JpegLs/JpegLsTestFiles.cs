using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom.JpegLs;

/// <summary>The codestreams made by tools/fixtures/dicom_jpegls.py (dcmtk's dcmcjpls, checked with dcmdjpls) and their manifest.</summary>
internal static class JpegLsTestFiles
{
    public static string Path(string name) => TestData.Reference("FastXray.Imaging.Tests", "dicom-jpegls", name);

    public static byte[] Read(string id) => File.ReadAllBytes(Path(id + ".jls"));

    public static IReadOnlyDictionary<string, Case> All { get; } = Load();

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (string id in All.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    /// <summary>SHA-256 of the samples as the fixture script hashes them: interleaved by pixel, 16-bit little-endian.</summary>
    public static string Sha256(ReadOnlySpan<ushort> samples)
    {
        byte[] bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            bytes[2 * i] = (byte)samples[i];
            bytes[(2 * i) + 1] = (byte)(samples[i] >> 8);
        }

        return Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
    }

    private static Dictionary<string, Case> Load()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path("manifest.json")));
        var result = new Dictionary<string, Case>(StringComparer.Ordinal);
        foreach (JsonElement e in doc.RootElement.EnumerateArray())
        {
            string id = e.GetProperty("id").GetString()!;
            result[id] = new Case(
                id,
                e.GetProperty("width").GetInt32(),
                e.GetProperty("height").GetInt32(),
                e.GetProperty("precision").GetInt32(),
                e.GetProperty("components").GetInt32(),
                e.GetProperty("near").GetInt32(),
                e.GetProperty("ilv").GetInt32(),
                e.GetProperty("lse").GetBoolean(),
                e.TryGetProperty("restart", out JsonElement r) ? r.GetInt32() : 0,
                e.GetProperty("sha256").GetString()!);
        }

        return result;
    }

    public sealed record Case(string Id, int Width, int Height, int Precision, int Components, int Near, int Ilv, bool Lse, int Restart, string Sha256)
    {
        public int Samples => Width * Height * Components;
    }
}

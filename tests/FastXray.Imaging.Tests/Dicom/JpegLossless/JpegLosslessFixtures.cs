using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Tests;

namespace FastXray.Imaging.Tests.Dicom.JpegLossless;

/// <summary>One committed codestream (Reference/dicom-jpegll, written by tools/fixtures/dicom_jpeg_lossless.py) and what it must decode to.</summary>
public sealed record JpegLosslessFixture(string Name, int Width, int Height, int Precision, int Components, int Predictor, int PointTransform, string Sha256)
{
    private static readonly Lazy<IReadOnlyDictionary<string, JpegLosslessFixture>> s_all = new(Load);

    public static IReadOnlyDictionary<string, JpegLosslessFixture> All => s_all.Value;

    public byte[] Data => File.ReadAllBytes(TestData.Reference("FastXray.Imaging.Tests", "dicom-jpegll", Name + ".jpg"));

    public static string HashOf(ReadOnlySpan<ushort> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            bytes[2 * i] = (byte)samples[i];
            bytes[(2 * i) + 1] = (byte)(samples[i] >> 8);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static Dictionary<string, JpegLosslessFixture> Load()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(TestData.Reference("FastXray.Imaging.Tests", "dicom-jpegll", "manifest.json")));
        var all = new Dictionary<string, JpegLosslessFixture>(StringComparer.Ordinal);
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            JsonElement e = p.Value;
            all[p.Name] = new JpegLosslessFixture(
                p.Name, e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32(), e.GetProperty("precision").GetInt32(),
                e.GetProperty("components").GetInt32(), e.GetProperty("predictor").GetInt32(), e.GetProperty("pointTransform").GetInt32(),
                e.GetProperty("sha256").GetString()!);
        }

        return all;
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Imaging.Dicom;
using FastXray.Imaging.Npy;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom;

/// <summary>The files and expected values written by tools/fixtures/dicom.py (Reference/dicom/expected.json).</summary>
internal static class DicomFixtures
{
    private static readonly Lazy<JsonDocument> s_manifest = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path("expected.json"))));

    public static JsonElement Manifest => s_manifest.Value.RootElement;

    public static string Path(string file) => TestData.Reference("FastXray.Imaging.Tests", "dicom", file);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name + ".dcm"));

    public static JsonElement Entry(string name) => Manifest.GetProperty(name);

    public static DicomFile Read(string name) => DicomReader.Read(Bytes(name));

    /// <summary>Fixture names whose pixel codec satisfies <paramref name="filter"/>.</summary>
    public static TheoryData<string> Names(Func<DicomPixelCodec, bool> filter)
    {
        var data = new TheoryData<string>();
        foreach (JsonProperty p in Manifest.EnumerateObject())
        {
            string uid = p.Value.GetProperty("transferSyntax").GetString()!;
            if (filter(DicomTransferSyntax.Find(uid)!.Codec))
            {
                data.Add(p.Name);
            }
        }

        return data;
    }

    /// <summary>Every frame decoded.</summary>
    public static ushort[][] DecodeAll(DicomFile file)
    {
        var frames = new ushort[file.NumberOfFrames][];
        for (int i = 0; i < frames.Length; i++)
        {
            frames[i] = new ushort[file.Rows * file.Columns];
            DicomFrameDecoder.Decode(file, i, frames[i]);
        }

        return frames;
    }

    /// <summary>SHA-256 of the samples as little-endian 16-bit words, as the manifest records them.</summary>
    public static string Sha256(ReadOnlySpan<ushort> samples)
    {
        byte[] bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            bytes[2 * i] = (byte)samples[i];
            bytes[(2 * i) + 1] = (byte)(samples[i] >> 8);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Checks every frame's hash against the manifest.</summary>
    public static void AssertFramesMatch(string name)
    {
        DicomFile file = Read(name);
        JsonElement expected = Entry(name).GetProperty("frames");
        Assert.Equal(expected.GetArrayLength(), file.NumberOfFrames);
        ushort[][] frames = DecodeAll(file);
        for (int i = 0; i < frames.Length; i++)
        {
            Assert.True(expected[i].GetString() == Sha256(frames[i]), $"{name} frame {i}: SHA-256 differs from {Entry(name).GetProperty("source").GetString()}'s values");
        }
    }

    /// <summary>A lossy DCT file against dcmdjpeg's decode (.ref.npy): IDCT rounding may differ between decoders.</summary>
    public static void AssertCloseToReference(string name, int maxDifference)
    {
        DicomFile file = Read(name);
        var frame = new ushort[file.Rows * file.Columns];
        DicomFrameDecoder.Decode(file, 0, frame);
        NpyArray reference = NpyFile.Read(Path(Entry(name).GetProperty("reference").GetString()!));
        Assert.Equal(frame.Length, reference.Length);
        double[] values = reference.ToDoubleArray();
        int worst = 0;
        double sum = 0;
        for (int i = 0; i < frame.Length; i++)
        {
            int d = Math.Abs(frame[i] - (int)values[i]);
            worst = Math.Max(worst, d);
            sum += d;
        }

        Assert.True(worst <= maxDifference, $"{name}: largest difference from dcmdjpeg {worst} > {maxDifference}");
        Assert.True(sum / frame.Length < 0.5, $"{name}: mean difference from dcmdjpeg {sum / frame.Length:F3}");
    }
}

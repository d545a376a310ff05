using System.Security.Cryptography;
using FastXray.Imaging.Npy;

namespace FastXray.Cli.Tests.Support;

/// <summary>A fresh folder per test, deleted afterwards, with helpers to make small inputs.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fastxray-cli-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The absolute path of <paramref name="relative"/> inside the folder.</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a deterministic pseudo-random 8-bit image as .npy (folders created as needed).</summary>
    public string Npy8(string relative, int width = 12, int height = 9, int seed = 1)
    {
        var rng = new Random(seed);
        var pixels = new byte[width * height];
        rng.NextBytes(pixels);
        return Write(relative, NpyArray.From<byte>(pixels, height, width));
    }

    /// <summary>Writes a deterministic 16-bit image as .npy.</summary>
    public string Npy16(string relative, int width = 12, int height = 9, int seed = 1)
    {
        var rng = new Random(seed);
        var pixels = new ushort[width * height];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (ushort)rng.Next(65536);
        }

        return Write(relative, NpyArray.From<ushort>(pixels, height, width));
    }

    /// <summary>Writes a float32 image as .npy.</summary>
    public string NpyFloat(string relative, float[] pixels, int width, int height) =>
        Write(relative, NpyArray.From<float>(pixels, height, width));

    private string Write(string relative, NpyArray array)
    {
        string full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        using (var stream = File.Create(full))
        {
            NpyFile.Write(stream, array);
        }

        return full;
    }

    /// <summary>Writes raw bytes (for broken inputs).</summary>
    public string Bytes(string relative, byte[] bytes)
    {
        string full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>A valid .npy cut short inside its pixel data.</summary>
    public string TruncatedNpy(string relative)
    {
        string full = Npy8(relative, 16, 16, seed: 99);
        byte[] bytes = File.ReadAllBytes(full);
        File.WriteAllBytes(full, bytes[..(bytes.Length - 40)]);
        return full;
    }

    /// <summary>Visible files under <paramref name="relative"/> (relative, '/'-separated, sorted).</summary>
    public string[] Files(string relative = "") =>
        Directory.Exists(this[relative])
            ? [.. Directory.EnumerateFiles(this[relative], "*", SearchOption.AllDirectories)
                .Select(f => System.IO.Path.GetRelativePath(this[relative], f).Replace('\\', '/'))
                .Where(f => !f.Split('/').Any(part => part.StartsWith('.')))
                .Order(StringComparer.Ordinal)]
            : [];

    /// <summary>SHA-256 of every file under the folder (including hidden ones), keyed by relative path.</summary>
    public Dictionary<string, string> Hashes(string relative = "") =>
        Directory.EnumerateFiles(this[relative], "*", SearchOption.AllDirectories)
            .ToDictionary(f => System.IO.Path.GetRelativePath(this[relative], f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A spawned process may still hold a file for a moment; the temp folder is cleaned eventually.
        }
    }
}

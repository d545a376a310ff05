using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FastXray.Imaging.Png;
using FastXray.Tests;

namespace FastXray.Imaging.Tests.Png;

/// <summary>Builds PNG files chunk by chunk (with correct CRCs) and hashes decoded pixels in the canonical layout of tools/fixtures/pngsuite.py.</summary>
internal static class PngTestFiles
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static string ReferenceDir => TestData.Reference("FastXray.Imaging.Tests", "png");

    /// <summary>SHA-256 over the decoded samples: 8-bit as is, 16-bit big-endian (the script's canonical layout).</summary>
    public static string CanonicalSha256(PngImage image)
    {
        byte[] bytes;
        if (image.Pixels16 is { } p16)
        {
            bytes = new byte[p16.Length * 2];
            for (int i = 0; i < p16.Length; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2 * i), p16[i]);
            }
        }
        else
        {
            bytes = image.Pixels8!;
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The entries of a reference JSON written by pngsuite.py: file name → (width, height, channels, bits, sha256).</summary>
    public static Dictionary<string, (int Width, int Height, int Channels, int Bits, string Sha256)> LoadHashes(string jsonName)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ReferenceDir, jsonName)));
        var result = new Dictionary<string, (int, int, int, int, string)>();
        foreach (JsonProperty p in doc.RootElement.GetProperty("files").EnumerateObject())
        {
            JsonElement e = p.Value;
            result[p.Name] = (e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32(), e.GetProperty("channels").GetInt32(),
                e.GetProperty("bits").GetInt32(), e.GetProperty("sha256").GetString()!);
        }

        return result;
    }

    public static byte[] Chunk(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4, 4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    public static byte[] Ihdr(uint width, uint height, byte bitDepth, byte colorType, byte interlace = 0, byte compression = 0, byte filter = 0)
    {
        var d = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(d, width);
        BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(4), height);
        d[8] = bitDepth;
        d[9] = colorType;
        d[10] = compression;
        d[11] = filter;
        d[12] = interlace;
        return Chunk("IHDR", d);
    }

    public static byte[] Zlib(ReadOnlySpan<byte> raw, int level = 6)
    {
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
        {
            z.Write(raw);
        }

        return ms.ToArray();
    }

    public static byte[] Inflate(ReadOnlySpan<byte> zlib)
    {
        using var z = new ZLibStream(new MemoryStream(zlib.ToArray()), CompressionMode.Decompress);
        var ms = new MemoryStream();
        z.CopyTo(ms);
        return ms.ToArray();
    }

    public static byte[] Png(params byte[][] chunks) => [.. Signature, .. chunks.SelectMany(c => c), .. Chunk("IEND", [])];

    public static byte[] PngWithoutIend(params byte[][] chunks) => [.. Signature, .. chunks.SelectMany(c => c)];

    /// <summary>A minimal valid 8-bit gray PNG with the given filtered scanlines (filter byte + row each).</summary>
    public static byte[] Gray8(int width, int height, ReadOnlySpan<byte> scanlines) =>
        Png(Ihdr((uint)width, (uint)height, 8, 0), Chunk("IDAT", Zlib(scanlines)));

    public readonly record struct ChunkInfo(string Type, int Offset, int Length)
    {
        public int DataOffset => Offset + 8;

        public int End => Offset + 12 + Length;
    }

    /// <summary>The chunks of a well-formed file.</summary>
    public static List<ChunkInfo> Chunks(ReadOnlySpan<byte> png)
    {
        var list = new List<ChunkInfo>();
        int o = 8;
        while (o + 12 <= png.Length)
        {
            int len = (int)BinaryPrimitives.ReadUInt32BigEndian(png[o..]);
            if (len < 0 || o + 12L + len > png.Length)
            {
                break;
            }

            list.Add(new ChunkInfo(Encoding.ASCII.GetString(png.Slice(o + 4, 4)), o, len));
            o += 12 + len;
        }

        return list;
    }

    /// <summary>Recomputes the CRC of the chunk at <paramref name="offset"/> (after tampering with its data).</summary>
    public static void FixCrc(Span<byte> png, int offset)
    {
        int len = (int)BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
        BinaryPrimitives.WriteUInt32BigEndian(png[(offset + 8 + len)..], Crc32.Compute(png.Slice(offset + 4, 4 + len)));
    }

    /// <summary>The concatenated IDAT payloads.</summary>
    public static byte[] IdatStream(ReadOnlySpan<byte> png)
    {
        var ms = new MemoryStream();
        foreach (ChunkInfo c in Chunks(png).Where(c => c.Type == "IDAT"))
        {
            ms.Write(png.Slice(c.DataOffset, c.Length));
        }

        return ms.ToArray();
    }

    public static ReadOnlySpan<byte> AsBytes(ushort[] pixels) => MemoryMarshal.AsBytes(pixels.AsSpan());
}

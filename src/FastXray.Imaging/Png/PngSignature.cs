namespace FastXray.Imaging.Png;

/// <summary>The 8-byte PNG signature (PNG spec §5.2): 0x89 "PNG" CR LF 0x1A LF.</summary>
internal static class PngSignature
{
    public const int Length = 8;

    public static ReadOnlySpan<byte> Bytes => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Throws unless <paramref name="data"/> starts with the signature, naming the likely cause.</summary>
    /// <remarks>The CR LF / LF bytes exist to catch text-mode transfers; a match of "\x89PNG" with damage after it says so.</remarks>
    public static void Check(ReadOnlySpan<byte> data)
    {
        if (data.Length >= Length && data[..Length].SequenceEqual(Bytes))
        {
            return;
        }

        if (data.Length >= 4 && data[..4].SequenceEqual(Bytes[..4]))
        {
            ThrowHelper.ThrowFormat(data.Length < Length
                ? "file is truncated inside the PNG signature"
                : "PNG signature is damaged (line endings changed by a text-mode transfer?)");
        }

        ThrowHelper.ThrowFormat("not a PNG file (bad signature)");
    }
}

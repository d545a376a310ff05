using System.IO.Hashing;

namespace FastXray.Cli.Batch;

/// <summary>
/// The content hash behind resuming and the manifest: XXH128, lower-case hex (32 digits).
/// </summary>
/// <remarks>
/// It only has to tell "same bytes as last run" apart from "changed", not resist an attacker, so a
/// non-cryptographic hash is enough. System.IO.Hashing is managed code: the binary needs no OpenSSL at run
/// time (the BCL's SHA-256 on Linux loads libssl when first used, which a minimal Raspberry Pi or container
/// image may not have), and XXH128 is several times faster than SHA-256 on the inputs batch reads.
/// </remarks>
internal static class ContentHash
{
    /// <summary>The JSON field suffix and manifest key that name this hash.</summary>
    public const string Name = "xxh128";

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(XxHash128.Hash(bytes));

    /// <summary>The hash of a file's bytes, or null when it cannot be read.</summary>
    public static string? OfFile(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            var hash = new XxHash128();
            hash.Append(stream);
            return Convert.ToHexStringLower(hash.GetCurrentHash());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

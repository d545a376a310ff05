using System.Text;
using System.Text.Json;
using FastXray.Imaging;

namespace FastXray.Cli.Batch;

/// <summary>
/// The sidecar that makes batch runs resumable: <c>.NAME.fastxray.json</c> beside each output <c>NAME</c>.
/// </summary>
/// <remarks>
/// Per input, batch writes (each step atomically, via <see cref="AtomicFile"/>):
/// <list type="number">
/// <item>the sidecar with <c>state: "writing"</c>, the input's content hash (<see cref="ContentHash"/>) and the job key (version, op chain,
/// output options) — a claim that the output name belongs to this batch;</item>
/// <item>the output;</item>
/// <item>the sidecar with <c>state: "done"</c> and the output's content hash.</item>
/// </list>
/// Records are renamed into place but not flushed to disk (see <see cref="WriteReplacing"/>); outputs are.
/// A re-run skips an input when its sidecar is done, the input hash and job key match, and the output
/// still hashes to the recorded value. A kill between steps leaves a "writing" sidecar, so the re-run
/// redoes that input and overwrites its output. An output with no sidecar was not written by batch and is
/// never replaced without <c>--overwrite</c>. The sidecar survives a kill at any point because the state
/// lives beside the output, not in the (optional) manifest.
/// </remarks>
internal sealed record CompletionRecord(string State, string InputHash, string Key, string? OutputHash)
{
    public const string Writing = "writing";
    public const string Done = "done";
    private const string Suffix = ".fastxray.json";

    // A record from a version that hashed with SHA-256 (input_sha256) lacks these fields, reads as an
    // unreadable claim and so is redone once: still ours, never mistaken for complete.
    private const string InputField = "input_" + ContentHash.Name;
    private const string OutputField = "output_" + ContentHash.Name;

    /// <summary>The sidecar path of an output path.</summary>
    public static string PathFor(string outputFull) =>
        Path.Join(Path.GetDirectoryName(outputFull), "." + Path.GetFileName(outputFull) + Suffix);

    /// <summary>True for sidecar file names (so walks can skip them; they are hidden anyway).</summary>
    public static bool IsSidecarName(string name) => name.StartsWith('.') && name.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>Reads a sidecar: null when absent; a "writing" record when present but unreadable (still our claim).</summary>
    public static CompletionRecord? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = doc.RootElement;
            return new CompletionRecord(
                root.GetProperty("state").GetString() ?? "",
                root.GetProperty(InputField).GetString() ?? "",
                root.GetProperty("key").GetString() ?? "",
                root.TryGetProperty(OutputField, out JsonElement o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new CompletionRecord(Writing, "", "", null);
        }
    }

    public void Write(string path)
    {
        string text = JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("state", State);
            json.WriteString(InputField, InputHash);
            json.WriteString("key", Key);
            if (OutputHash is not null)
            {
                json.WriteString(OutputField, OutputHash);
            }

            json.WriteEndObject();
        });
        WriteReplacing(path, Encoding.UTF8.GetBytes(text + "\n"));
    }

    /// <summary>
    /// Temporary file then rename, like <see cref="AtomicFile"/> (same temporary name pattern, so leftovers are
    /// cleaned the same way) but without flushing to disk: a record only steers the next run, and losing one to
    /// a power cut at worst redoes an image. This keeps batch at one fsync per image (the output's) instead of three.
    /// </summary>
    private static void WriteReplacing(string path, byte[] bytes)
    {
        string temp = Path.Join(Path.GetDirectoryName(path), "." + Path.GetFileName(path) + "." + Environment.ProcessId + "." + Environment.CurrentManagedThreadId + AtomicFile.TempSuffix);
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>The job key: what besides the input bytes decides the output bytes.</summary>
    public static string JobKey(IEnumerable<string> canonicalOps, string outputKey) =>
        new StringBuilder().Append("fastxray ").Append(BuildInfo.Version).Append(" | ").Append(outputKey)
            .Append(" | ").AppendJoin(" | ", canonicalOps).ToString();
}

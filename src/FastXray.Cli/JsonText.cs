using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FastXray.Cli;

/// <summary>One-line JSON output with <see cref="Utf8JsonWriter"/> (reflection-free, AOT-safe).</summary>
internal static class JsonText
{
    /// <summary>Readable output for terminals and log files: no \u escapes for '&lt;', '+' or non-ASCII (never embedded in HTML).</summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds one JSON value (without a trailing newline).</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

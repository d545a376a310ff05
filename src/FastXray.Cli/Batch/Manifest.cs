using System.Text;
using System.Text.Json;

namespace FastXray.Cli.Batch;

/// <summary>One manifest line: what happened to one input.</summary>
internal sealed record ManifestEntry(string Input, string? InputHash, string Output, string Status, string? Error, long Milliseconds);

/// <summary>
/// The JSON Lines manifest (<c>--manifest FILE</c>, or <c>-</c> for stdout): one object per input with
/// <c>input</c>, <c>xxh128</c> (the input's <see cref="ContentHash"/>), <c>output</c>, <c>ops</c>, <c>options</c>, <c>status</c> (ok, skipped or failed),
/// <c>error</c> and <c>ms</c>. Opened for append and flushed after every line, so a killed run keeps every
/// line it finished; lines appear in completion order.
/// </summary>
internal sealed class Manifest : IDisposable
{
    private readonly object _lock = new();
    private readonly Stream? _file;
    private readonly TextWriter? _writer;
    private readonly IReadOnlyList<string> _ops;
    private readonly string _options;

    private Manifest(Stream? file, TextWriter? writer, IReadOnlyList<string> ops, string options)
    {
        _file = file;
        _writer = writer;
        _ops = ops;
        _options = options;
    }

    /// <summary>Opens <paramref name="fullPath"/> for append, or writes to <paramref name="stdout"/> when null.</summary>
    public static Manifest Open(string? fullPath, TextWriter stdout, IReadOnlyList<string> ops, string options)
    {
        if (fullPath is null)
        {
            return new Manifest(null, stdout, ops, options);
        }

        var file = new FileStream(fullPath, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 12);
        return new Manifest(file, null, ops, options);
    }

    public void Append(ManifestEntry entry)
    {
        string line = JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("input", entry.Input);
            WriteStringOrNull(json, ContentHash.Name, entry.InputHash);
            json.WriteString("output", entry.Output);
            json.WriteStartArray("ops");
            foreach (string op in _ops)
            {
                json.WriteStringValue(op);
            }

            json.WriteEndArray();
            json.WriteString("options", _options);
            json.WriteString("status", entry.Status);
            WriteStringOrNull(json, "error", entry.Error);
            json.WriteNumber("ms", entry.Milliseconds);
            json.WriteEndObject();
        }) + "\n";
        lock (_lock)
        {
            if (_file is not null)
            {
                _file.Write(Encoding.UTF8.GetBytes(line));
                _file.Flush();
            }
            else
            {
                _writer!.Write(line);
                _writer.Flush();
            }
        }
    }

    public void Dispose() => _file?.Dispose();

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}

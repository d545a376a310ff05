using Xunit;
using System.Text.Json;
using FastXray.Imaging.Npy;

namespace FastXray.Tests;

/// <summary>One golden case written by tools/fixtures/*.py: an op, its scipy parameters, an input and scipy's result.</summary>
public sealed class GoldenCase
{
    private GoldenCase(string domain, JsonElement entry)
    {
        Domain = domain;
        Id = entry.GetProperty("id").GetString()!;
        Op = entry.GetProperty("op").GetString()!;
        InputName = entry.GetProperty("input").GetString()!;
        Params = entry.GetProperty("params").Clone();
        Tolerance = entry.TryGetProperty("tolerance", out JsonElement t) ? t.GetDouble() : null;
    }

    public string Domain { get; }

    public string Id { get; }

    public string Op { get; }

    public string InputName { get; }

    /// <summary>scipy's keyword arguments as JSON.</summary>
    public JsonElement Params { get; }

    /// <summary>A tolerance the generator set for this case, if any.</summary>
    public double? Tolerance { get; }

    /// <summary>The default tolerance (ndimage-semantics §13): 1e-4 for 8-bit inputs, 5e-2 for 16-bit.</summary>
    public double DefaultTolerance => Tolerance ?? (InputName.StartsWith("u16", StringComparison.Ordinal) ? 5e-2 : 1e-4);

    public NpyArray Input => NpyFile.Read(TestData.Reference("FastXray.Core.Tests", "inputs", InputName + ".npy"));

    public NpyArray Expected => NpyFile.Read(TestData.Reference("FastXray.Core.Tests", Domain, Id + ".npy"));

    public double Double(string name, double fallback) =>
        Params.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;

    public int Int(string name, int fallback) =>
        Params.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : fallback;

    public string String(string name, string fallback) =>
        Params.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : fallback;

    public bool Has(string name) => Params.TryGetProperty(name, out _);

    /// <summary>A scalar or per-axis (axis 0, axis 1) numeric parameter.</summary>
    public (double Axis0, double Axis1) Pair(string name, double fallback)
    {
        if (!Params.TryGetProperty(name, out JsonElement v))
        {
            return (fallback, fallback);
        }

        return v.ValueKind == JsonValueKind.Array ? (v[0].GetDouble(), v[1].GetDouble()) : (v.GetDouble(), v.GetDouble());
    }

    public override string ToString() => Id;

    /// <summary>Every case of a domain, as xunit theory data (the case id), so each shows as its own test.</summary>
    public static TheoryData<string> Ids(string domain)
    {
        var data = new TheoryData<string>();
        foreach (GoldenCase c in Load(domain))
        {
            data.Add(c.Id);
        }

        return data;
    }

    public static GoldenCase Get(string domain, string id) => Load(domain).Single(c => c.Id == id);

    public static IReadOnlyList<GoldenCase> Load(string domain)
    {
        string path = TestData.Reference("FastXray.Core.Tests", domain, "cases.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.EnumerateArray().Select(e => new GoldenCase(domain, e)).ToList();
    }
}

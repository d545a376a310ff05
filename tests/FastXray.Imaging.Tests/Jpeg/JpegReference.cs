using System.Text.Json;
using FastXray.Imaging.Png;
using FastXray.Tests;

namespace FastXray.Imaging.Tests.Jpeg;

/// <summary>The committed libjpeg-turbo reference (tools/fixtures/jpeg_encode.py): inputs as PNG, SHA-256 of libjpeg's JPEG per quality.</summary>
internal static class JpegReference
{
    private static readonly Lazy<JsonElement> s_manifest = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path("jpeg.json"))).RootElement);

    public static string Path(string file) => TestData.Reference("FastXray.Imaging.Tests", "jpeg", file);

    public static JsonElement Manifest => s_manifest.Value;

    public static IEnumerable<string> ImageNames() =>
        Manifest.GetProperty("images").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    public static IEnumerable<int> Qualities() => Manifest.GetProperty("qualities").EnumerateArray().Select(e => e.GetInt32());

    /// <summary>Loads in_&lt;name&gt;.png as grey bytes.</summary>
    public static (byte[] Pixels, int Width, int Height) Input(string name)
    {
        PngImage png = PngDecoder.DecodeFile(Path($"in_{name}.png"));
        if (!png.IsGray || png.Is16Bit || png.Channels != 1)
        {
            throw new InvalidOperationException($"in_{name}.png is not 8-bit grey");
        }

        return (png.Pixels8!, png.Width, png.Height);
    }

    public static string Sha256(string name, int quality) =>
        Manifest.GetProperty("images").GetProperty(name).GetProperty("sha256").GetProperty(quality.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString()!;
}

using System.Globalization;
using System.Text.Json;
using FastXray.Imaging.Dicom;

namespace FastXray.Cli.Commands;

/// <summary>
/// The DICOM part of <c>fastxray info</c>: transfer syntax, pixel layout, frames, modality stage, VOI and what 16-bit
/// output holds. Patient-identifying attributes only with <c>--phi</c> (a terminal log or a CI transcript is not
/// the place for them).
/// </summary>
internal static class DicomInfoPrinter
{
    /// <summary>Lines after the common ones (format, size, ...).</summary>
    public static void WriteText(TextWriter o, DicomFile f, bool phi)
    {
        DicomVoi? voi = DicomVoi.FromFile(f);
        o.WriteLine($"syntax: {f.TransferSyntax.Name} ({f.TransferSyntax.Uid})");
        o.WriteLine($"pixels: {f.BitsAllocated} bits allocated, {f.BitsStored} stored, high bit {f.HighBit}, {(f.IsSigned ? "signed" : "unsigned")}, {f.Photometric.Trim()}, {f.SamplesPerPixel} sample{(f.SamplesPerPixel == 1 ? "" : "s")} per pixel");
        o.WriteLine($"frames: {f.NumberOfFrames}");
        if (f.Modality.Length > 0)
        {
            o.WriteLine($"modality: {f.Modality.Trim()}");
        }

        o.WriteLine($"rescale: {Rescale(f)}");
        o.WriteLine($"window: {(voi is null ? "none in the file (8-bit output uses the frame's min..max)" : voi.ToString())}");
        o.WriteLine($"16-bit output: {Output16(f)}");
        if (phi)
        {
            foreach (KeyValuePair<string, string> a in f.PatientAttributes)
            {
                o.WriteLine($"{a.Key}: {a.Value}");
            }
        }
        else if (f.PatientAttributes.Count > 0)
        {
            o.WriteLine($"patient: {f.PatientAttributes.Count} identifying attributes not shown (--phi shows them)");
        }
    }

    /// <summary>The same facts as JSON members of the object being written.</summary>
    public static void WriteJson(Utf8JsonWriter json, DicomFile f, bool phi)
    {
        DicomVoi? voi = DicomVoi.FromFile(f);
        json.WriteStartObject("dicom");
        json.WriteString("transfer_syntax", f.TransferSyntax.Name);
        json.WriteString("transfer_syntax_uid", f.TransferSyntax.Uid);
        json.WriteNumber("bits_allocated", f.BitsAllocated);
        json.WriteNumber("bits_stored", f.BitsStored);
        json.WriteNumber("high_bit", f.HighBit);
        json.WriteBoolean("signed", f.IsSigned);
        json.WriteString("photometric", f.Photometric.Trim());
        json.WriteNumber("samples_per_pixel", f.SamplesPerPixel);
        json.WriteNumber("frames", f.NumberOfFrames);
        json.WriteString("modality", f.Modality.Trim());
        if (f.ModalityLut is { } lut)
        {
            json.WriteString("modality_lut", $"{lut.Data.Length} entries from {lut.FirstMapped}, {lut.BitsPerEntry}-bit");
        }
        else
        {
            json.WriteNumber("rescale_slope", f.RescaleSlope);
            json.WriteNumber("rescale_intercept", f.RescaleIntercept);
            json.WriteString("rescale_type", f.RescaleType.Trim());
        }

        json.WriteStartArray("windows");
        foreach (DicomWindow w in f.Windows)
        {
            json.WriteStartObject();
            json.WriteNumber("center", w.Center);
            json.WriteNumber("width", w.Width);
            if (w.Explanation.Length > 0)
            {
                json.WriteString("explanation", w.Explanation.Trim());
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("voi_lut_function", f.VoiLutFunction.Trim());
        json.WriteString("voi", voi?.ToString() ?? "min-max");
        json.WriteNumber("output16_offset", Offset16(f));
        if (phi)
        {
            json.WriteStartObject("patient");
            foreach (KeyValuePair<string, string> a in f.PatientAttributes)
            {
                json.WriteString(a.Key, a.Value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static string Rescale(DicomFile f)
    {
        if (f.ModalityLut is { } lut)
        {
            return $"Modality LUT ({lut.Data.Length} entries from {lut.FirstMapped}, {lut.BitsPerEntry}-bit)";
        }

        if (!f.HasRescale)
        {
            return "none";
        }

        string type = f.RescaleType.Trim();
        return string.Create(CultureInfo.InvariantCulture, $"slope {f.RescaleSlope:R}, intercept {f.RescaleIntercept:R}{(type.Length > 0 ? $" ({type})" : "")}");
    }

    private static int Offset16(DicomFile f) => DicomModality.Offset16(f, rescale: true);

    private static string Output16(DicomFile f)
    {
        (double min, double max) = DicomModality.Range(f, rescale: true);
        string range = string.Create(CultureInfo.InvariantCulture, $"modality values {min:R}..{max:R}");
        return Offset16(f) == 0 ? $"{range}, written as they are" : $"{range}, written plus 32768 (a 16-bit value v is modality value v - 32768)";
    }
}

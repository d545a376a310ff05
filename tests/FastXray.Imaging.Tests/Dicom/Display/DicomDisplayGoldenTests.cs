using FastXray.Imaging.Dicom;
using FastXray.Imaging.Formats;
using FastXray.Imaging.Npy;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom.Display;

/// <summary>
/// The display pipeline against pydicom 2.3.1 on the committed fixtures: <c>apply_modality_lut</c> and
/// <c>apply_voi_lut(apply_modality_lut(arr))</c> (tools/fixtures/dicom.py wrote their float32 results).
/// </summary>
/// <remarks>
/// pydicom's window output spans the stored range mapped through the rescale (0..2^BitsStored-1 unsigned,
/// ±2^(BitsStored-1) signed, times slope plus intercept; 0..2^bits-1 after a Modality LUT), a VOI LUT's output its
/// entries: both are brought to our 0..255 by the same affine map before comparing. pydicom does not invert
/// MONOCHROME1 in apply_voi_lut; we check our inversion as 255 minus that.
/// </remarks>
public sealed class DicomDisplayGoldenTests
{
    public static TheoryData<string> WithModality => Names("modality");

    public static TheoryData<string> WithVoi => Names("voi");

    private static TheoryData<string> Names(string key)
    {
        var names = new TheoryData<string>();
        foreach (var entry in DicomFixtures.Manifest.EnumerateObject())
        {
            if (entry.Value.TryGetProperty(key, out _))
            {
                names.Add(entry.Name);
            }
        }

        return names;
    }

    private static float[] Npy(string name, string key) =>
        NpyFile.Read(DicomFixtures.Path(DicomFixtures.Entry(name).GetProperty(key).GetString()!)).AsSpan<float>().ToArray();

    private static float[] Modality(string name)
    {
        GrayImage image = DicomImage.Decode(DicomFixtures.Bytes(name));
        return image.PixelsF ?? [.. (image.Pixels16 ?? []).Select(v => (float)v), .. (image.Pixels8 ?? []).Select(v => (float)v)];
    }

    [Theory]
    [MemberData(nameof(WithModality))]
    public void Modality_values_equal_pydicom_apply_modality_lut(string name)
    {
        float[] expected = Npy(name, "modality");
        Assert.Equal(expected, Modality(name));
    }

    [Theory]
    [MemberData(nameof(WithVoi))]
    public void Voi_equals_pydicom_apply_voi_lut_on_0_to_255(string name)
    {
        byte[] bytes = DicomFixtures.Bytes(name);
        GrayImage image = DicomImage.Decode(bytes);
        DicomRendering rendering = image.Dicom!;
        DicomFile f = rendering.File;
        DicomVoi voi = rendering.Voi!;
        float[] modality = Modality(name);
        var ours = new float[modality.Length];
        voi.Apply(modality, ours, f.Columns, monochrome1: false);
        var inverted = new float[modality.Length];
        voi.Apply(modality, inverted, f.Columns, monochrome1: rendering.Monochrome1);

        (double low, double high) = voi.Lut is { } lut ? (0, (1 << lut.BitsPerEntry) - 1) : PydicomWindowRange(f);
        float[] pydicom = Npy(name, "voi");

        // Window: float32 arithmetic against pydicom's float64 (a few 1e-5 of 255); SIGMOID adds TensorPrimitives' exp.
        double tolerance = voi.Function == FastXray.Intensity.WindowFunction.Sigmoid ? 2e-3 : 2e-4;
        for (int i = 0; i < ours.Length; i++)
        {
            double expected = (pydicom[i] - low) / (high - low) * 255;
            Assert.True(Math.Abs(ours[i] - expected) <= tolerance, $"{name} pixel {i}: {ours[i]} vs pydicom {expected}");
            Assert.Equal(rendering.Monochrome1 ? 255 - ours[i] : ours[i], inverted[i]);
        }
    }

    /// <summary>pydicom 2.3.1's apply_windowing output range (y_min, y_max).</summary>
    private static (double Min, double Max) PydicomWindowRange(DicomFile f)
    {
        if (f.ModalityLut is { } lut)
        {
            return (0, (1 << lut.BitsPerEntry) - 1);
        }

        double min = f.IsSigned ? -(1 << (f.BitsStored - 1)) : 0;
        double max = f.IsSigned ? (1 << (f.BitsStored - 1)) - 1 : (1 << f.BitsStored) - 1;
        return f.HasRescale ? ((min * f.RescaleSlope) + f.RescaleIntercept, (max * f.RescaleSlope) + f.RescaleIntercept) : (min, max);
    }
}

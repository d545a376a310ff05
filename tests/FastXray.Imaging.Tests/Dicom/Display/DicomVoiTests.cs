using FastXray.Imaging.Dicom;
using FastXray.Intensity;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom.Display;

public sealed class DicomVoiTests
{
    private static DicomFile File(IReadOnlyList<DicomWindow> windows, string function = "LINEAR", DicomLut? voiLut = null) => new()
    {
        TransferSyntax = DicomTransferSyntax.ImplicitVrLittleEndian,
        BitsAllocated = 16,
        BitsStored = 12,
        HighBit = 11,
        Windows = windows,
        VoiLutFunction = function,
        VoiLut = voiLut,
    };

    [Fact]
    public void The_first_window_and_its_function_are_taken()
    {
        DicomVoi? voi = DicomVoi.FromFile(File([new(40, 400, "SOFT"), new(500, 2000, "BONE")], "LINEAR_EXACT"));
        Assert.NotNull(voi);
        Assert.Equal((DicomVoiSource.Window, 40.0, 400.0, WindowFunction.LinearExact), (voi.Source, voi.Center, voi.Width, voi.Function));
        Assert.Null(DicomVoi.FromFile(File([])));
        Assert.Equal(WindowFunction.Sigmoid, DicomVoi.ParseFunction("SIGMOID "));
        Assert.Throws<ImageFormatException>(() => DicomVoi.ParseFunction("GAMMA"));
    }

    [Fact]
    public void A_window_the_function_cannot_take_is_a_format_error()
    {
        Assert.Throws<ImageFormatException>(() => DicomVoi.FromFile(File([new(40, 0.5, "")])));
        Assert.Throws<ImageFormatException>(() => DicomVoi.FromFile(File([new(40, 0, "")], "SIGMOID")));
        Assert.NotNull(DicomVoi.FromFile(File([new(40, 0.5, "")], "LINEAR_EXACT")));
    }

    [Fact]
    public void Monochrome1_is_inverted_after_the_window()
    {
        float[] x = [-1000, 0, 40, 100, 240, 5000];
        var plain = new float[x.Length];
        var inverted = new float[x.Length];
        var voi = new DicomVoi(DicomVoiSource.Window, 40, 400, WindowFunction.Linear);
        voi.Apply(x, plain, x.Length, monochrome1: false);
        voi.Apply(x, inverted, x.Length, monochrome1: true);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(255f - plain[i], inverted[i]);
        }

        // Below the window is black for MONOCHROME2, white for MONOCHROME1: the inversion is of the output, not the input.
        Assert.Equal((0f, 255f), (plain[0], plain[^1]));
        Assert.Equal((255f, 0f), (inverted[0], inverted[^1]));
    }

    [Fact]
    public void A_voi_lut_is_preferred_clamped_and_stretched_to_8_bits()
    {
        var lut = new DicomLut(10, 12, [0, 1000, 4095], "");
        DicomVoi? voi = DicomVoi.FromFile(File([new(40, 400, "")], voiLut: lut));
        Assert.NotNull(voi);
        Assert.Equal(DicomVoiSource.Lut, voi.Source);
        float[] x = [-5, 10, 11.9f, 12, 99];
        var y = new float[x.Length];
        voi.Apply(x, y, x.Length, monochrome1: false);
        float s = (float)(255.0 / 4095);
        Assert.Equal([0f, 0f, 1000 * s, 4095 * s, 4095 * s], y);
    }

    [Fact]
    public void Min_max_fallback_maps_the_ends_to_0_and_255()
    {
        DicomVoi voi = DicomVoi.FromRange(-100, 300);
        float[] x = [-100, 100, 300];
        var y = new float[3];
        voi.Apply(x, y, 3, monochrome1: false);
        Assert.Equal([0f, 127.5f, 255f], y);
    }
}

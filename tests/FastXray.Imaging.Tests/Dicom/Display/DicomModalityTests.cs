using FastXray.Imaging.Dicom;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom.Display;

public sealed class DicomModalityTests
{
    private static DicomFile File(bool signed, int bitsStored, double slope = 1, double intercept = 0, DicomLut? lut = null) => new()
    {
        TransferSyntax = DicomTransferSyntax.ImplicitVrLittleEndian,
        BitsAllocated = 16,
        BitsStored = bitsStored,
        HighBit = bitsStored - 1,
        IsSigned = signed,
        RescaleSlope = slope,
        RescaleIntercept = intercept,
        HasRescale = slope != 1 || intercept != 0,
        ModalityLut = lut,
    };

    [Fact]
    public void Rescale_is_the_float64_formula_rounded_once_for_every_stored_pattern()
    {
        DicomFile f = File(signed: true, 16, slope: 0.3, intercept: -1024.25);
        float[] table = DicomModality.BuildTable(f);
        ushort[] stored = [.. Enumerable.Range(0, 65536).Select(i => (ushort)i)];
        var values = new float[stored.Length];
        DicomModality.Apply(stored, table, values);
        for (int i = 0; i < stored.Length; i++)
        {
            Assert.Equal((float)((((short)stored[i]) * 0.3) - 1024.25), values[i]);
        }
    }

    [Fact]
    public void Unsigned_patterns_are_not_sign_extended_and_identity_is_detected()
    {
        DicomFile f = File(signed: false, 12);
        Assert.True(DicomModality.IsIdentity(f));
        float[] table = DicomModality.BuildTable(f);
        Assert.Equal(65535f, table[65535]);
        Assert.False(DicomModality.IsIdentity(File(false, 12, 1, 1)));
        Assert.Equal((0.0, 4095.0), DicomModality.Range(f, rescale: true));
        Assert.Equal((-2048.0 - 1024, 2047.0 - 1024), DicomModality.Range(File(true, 12, 1, -1024), rescale: true));
        Assert.Equal((-2048.0, 2047.0), DicomModality.Range(File(true, 12, 1, -1024), rescale: false));
    }

    [Fact]
    public void A_modality_lut_clamps_inputs_outside_its_range_to_its_end_entries()
    {
        // 4 entries for stored values -2..1 (a signed first mapped value), 16-bit output.
        var lut = new DicomLut(-2, 16, [100, 200, 300, 400], "");
        DicomFile f = File(signed: true, 16, lut: lut);
        Assert.False(DicomModality.IsIdentity(f));
        float[] table = DicomModality.BuildTable(f);
        ushort[] stored = [unchecked((ushort)-5), unchecked((ushort)-2), 0, 1, 7];
        var values = new float[stored.Length];
        DicomModality.Apply(stored, table, values);
        Assert.Equal([100f, 100f, 300f, 400f, 400f], values);
        Assert.Equal((0.0, 65535.0), DicomModality.Range(f, rescale: true));
    }

    [Fact]
    public void Apply_allocates_nothing()
    {
        float[] table = DicomModality.BuildTable(File(false, 16, 2, 5));
        ushort[] stored = [.. Enumerable.Range(0, 4096).Select(i => (ushort)(i * 16))];
        var values = new float[stored.Length];
        DicomModality.Apply(stored, table, values);
        long before = GC.GetAllocatedBytesForCurrentThread();
        DicomModality.Apply(stored, table, values);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal((4095 * 16 * 2) + 5, values[^1]);
    }
}

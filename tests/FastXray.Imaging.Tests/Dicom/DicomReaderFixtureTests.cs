using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Imaging.Dicom;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom;

/// <summary>Attributes of every fixture against what pydicom read (Reference/dicom/expected.json).</summary>
public sealed class DicomReaderFixtureTests
{
    public static TheoryData<string> All => DicomFixtures.Names(static _ => true);

    [Theory]
    [MemberData(nameof(All))]
    public void Attributes_match_pydicom(string name)
    {
        DicomFile f = DicomFixtures.Read(name);
        JsonElement entry = DicomFixtures.Entry(name);
        JsonElement a = entry.GetProperty("attributes");
        Assert.Equal(entry.GetProperty("transferSyntax").GetString(), f.TransferSyntax.Uid);
        Assert.Equal(!name.StartsWith("nopreamble", StringComparison.Ordinal), f.HasPreamble);
        Assert.Equal(a.GetProperty("Rows").GetInt32(), f.Rows);
        Assert.Equal(a.GetProperty("Columns").GetInt32(), f.Columns);
        Assert.Equal(a.GetProperty("BitsAllocated").GetInt32(), f.BitsAllocated);
        Assert.Equal(a.GetProperty("BitsStored").GetInt32(), f.BitsStored);
        Assert.Equal(a.GetProperty("HighBit").GetInt32(), f.HighBit);
        Assert.Equal(a.GetProperty("IsSigned").GetBoolean(), f.IsSigned);
        Assert.Equal(a.GetProperty("SamplesPerPixel").GetInt32(), f.SamplesPerPixel);
        Assert.Equal(a.GetProperty("PlanarConfiguration").GetInt32(), f.PlanarConfiguration);
        Assert.Equal(a.GetProperty("Photometric").GetString(), f.Photometric);
        Assert.Equal(a.GetProperty("NumberOfFrames").GetInt32(), f.NumberOfFrames);
        Assert.Equal(a.GetProperty("Modality").GetString(), f.Modality);
        Assert.Equal(a.GetProperty("HasRescale").GetBoolean(), f.HasRescale);
        Assert.Equal(a.GetProperty("RescaleSlope").GetDouble(), f.RescaleSlope);
        Assert.Equal(a.GetProperty("RescaleIntercept").GetDouble(), f.RescaleIntercept);
        Assert.Equal(a.GetProperty("RescaleType").GetString(), f.RescaleType);
        Assert.Equal(a.GetProperty("VoiLutFunction").GetString(), f.VoiLutFunction);
        Assert.True(f.HasPixelData);

        var windows = a.TryGetProperty("Windows", out JsonElement w)
            ? w.EnumerateArray().Select(static x => new DicomWindow(x[0].GetDouble(), x[1].GetDouble(), x[2].GetString()!)).ToList()
            : [];
        Assert.Equal(windows, f.Windows);

        AssertLut(a, "ModalityLut", f.ModalityLut);
        AssertLut(a, "VoiLut", f.VoiLut);

        // Exactly the top-level patient attributes: the PatientName nested in ReferencedPatientSequence is not among them.
        var expected = a.GetProperty("Patient").EnumerateObject().Select(static p => (p.Name, p.Value.GetString()!)).Order().ToList();
        var found = f.PatientAttributes.Select(static p => (p.Key, p.Value)).Order().ToList();
        Assert.Equal(expected, found);
    }

    private static void AssertLut(JsonElement attributes, string key, DicomLut? lut)
    {
        if (!attributes.TryGetProperty(key, out JsonElement e))
        {
            Assert.Null(lut);
            return;
        }

        Assert.NotNull(lut);
        Assert.Equal(e.GetProperty("Entries").GetInt32(), lut.Data.Length);
        Assert.Equal(e.GetProperty("FirstMapped").GetInt32(), lut.FirstMapped);
        Assert.Equal(e.GetProperty("BitsPerEntry").GetInt32(), lut.BitsPerEntry);
        Assert.Equal(e.GetProperty("Explanation").GetString(), lut.Explanation);
        byte[] bytes = new byte[lut.Data.Length * 2];
        Buffer.BlockCopy(lut.Data, 0, bytes, 0, bytes.Length); // little-endian host, as the manifest's "<u2"
        Assert.Equal(e.GetProperty("DataSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public void Deflated_buffer_is_meta_plus_inflated_data_set()
    {
        byte[] raw = DicomFixtures.Bytes("u12_td");
        DicomFile f = DicomReader.Read(raw);
        Assert.True(f.Buffer.Length > raw.Length);
        Assert.True(f.Buffer.Span[..132].SequenceEqual(raw.AsSpan(0, 132)));
        DicomFile te = DicomFixtures.Read("u12_te");
        Assert.Equal(te.PixelDataLength, f.PixelDataLength);
    }

    [Fact]
    public void Native_file_is_not_copied()
    {
        byte[] raw = DicomFixtures.Bytes("u8_te");
        var memory = new ReadOnlyMemory<byte>(raw);
        DicomFile f = DicomReader.Read(memory);
        Assert.True(f.Buffer.Span == memory.Span, "Buffer is the caller's memory");
        Assert.Equal(64 * 96, f.PixelDataLength);
    }

    [Fact]
    public void Encapsulated_fragments_and_offset_table_are_found()
    {
        DicomFile jls = DicomFixtures.Read("multiframe_jls"); // 3 fragments per frame, offset table
        Assert.Equal(3, jls.BasicOffsetTable.Count);
        Assert.Equal(9, jls.Fragments.Count);
        Assert.Equal(0u, jls.BasicOffsetTable[0]);
        Assert.Equal(jls.Fragments[3].ItemOffset, jls.BasicOffsetTable[1]);
        Assert.Equal(-1, jls.PixelDataOffset);
        for (int i = 0; i < jls.Fragments.Count; i++)
        {
            Assert.Equal(i % 3 == 0, jls.Buffer.Span.Slice(jls.Fragments[i].Offset, 2).SequenceEqual(new byte[] { 0xFF, 0xD8 }));
        }

        DicomFile jpl = DicomFixtures.Read("multiframe_jpl"); // several fragments per frame, empty offset table
        Assert.Empty(jpl.BasicOffsetTable);
        Assert.Equal(9, jpl.Fragments.Count);
    }
}

using FastXray.Imaging.Dicom;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom;

/// <summary>Legal but unusual structures the fixtures do not contain.</summary>
public sealed class DicomReaderEdgeTests
{
    [Fact]
    public void Blank_number_of_frames_and_rescale_count_as_absent()
    {
        byte[] file = new DicomBuilder().Text(0x0028, 0x0008, "IS", "").Text(0x0028, 0x1052, "DS", "  ")
            .Image(2, 2).NativePixels(8).ToArray();
        DicomFile f = DicomReader.Read(file);
        Assert.Equal(1, f.NumberOfFrames);
        Assert.False(f.HasRescale);
    }

    [Fact]
    public void Undefined_length_un_is_a_sequence_in_implicit_vr()
    {
        // PS3.5 6.2.2: an SQ re-encoded as UN keeps its undefined length and its items are Implicit VR Little Endian.
        var b = new DicomBuilder().Image(2, 2).LongHeader(0x0009, 0x1010, "UN", 0xFFFFFFFF).Item(0xFFFFFFFF)
            .Tag(0x0010, 0x0010).U32(4).Raw("Xy^Z"u8).ItemDelimiter().SequenceDelimiter();
        DicomFile f = DicomReader.Read(b.NativePixels(8).ToArray());
        Assert.Equal(8, f.PixelDataLength);
        Assert.Empty(f.PatientAttributes); // the nested PatientName is not top-level
    }

    [Fact]
    public void Encapsulated_icon_inside_a_sequence_is_skipped_not_taken()
    {
        // One RLE segment of 4 literal bytes (n = 3), padded to even length.
        byte[] rle = new byte[70];
        rle[0] = 1;
        rle[4] = 64;
        rle[64] = 3;
        rle[65] = 10;
        rle[66] = 20;
        rle[67] = 30;
        rle[68] = 40;
        byte[] file = new DicomBuilder("1.2.840.10008.1.2.5").Image(2, 2, bits: 8, stored: 8)
            .LongHeader(0x0088, 0x0200, "SQ", 0xFFFFFFFF).Item(0xFFFFFFFF) // Icon Image Sequence with its own encapsulated pixels
            .LongHeader(0x7FE0, 0x0010, "OB", 0xFFFFFFFF).Item(0).Item(2).Raw([9, 9]).SequenceDelimiter()
            .ItemDelimiter().SequenceDelimiter()
            .LongHeader(0x7FE0, 0x0010, "OB", 0xFFFFFFFF).Item(4).U32(0).Item(70).Raw(rle).SequenceDelimiter().ToArray();
        DicomFile f = DicomReader.Read(file);
        Assert.Single(f.Fragments);
        Assert.Equal(70, f.Fragments[0].Length);
        Assert.Equal([0u], f.BasicOffsetTable);
        var frame = new ushort[4];
        DicomFrameDecoder.Decode(f, 0, frame);
        Assert.Equal(new ushort[] { 10, 20, 30, 40 }, frame);
    }

    [Fact]
    public void Wrong_group_length_in_meta_is_not_trusted()
    {
        // (0002,0000) UL claims 2 bytes; the group really goes on to (0002,0010).
        byte[] file = new DicomBuilder().Image(2, 2).NativePixels(8).ToArray();
        byte[] groupLength = [0x02, 0, 0, 0, (byte)'U', (byte)'L', 4, 0, 2, 0, 0, 0];
        byte[] patched = [.. file[..132], .. groupLength, .. file[132..]];
        DicomFile f = DicomReader.Read(patched);
        Assert.Equal("1.2.840.10008.1.2.1", f.TransferSyntax.Uid);
        Assert.Equal(8, f.PixelDataLength);
    }

    [Fact]
    public void Eight_bit_native_widening_is_exact_for_every_width()
    {
        for (int columns = 1; columns <= 41; columns++)
        {
            byte[] pixels = new byte[columns * 3];
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)((i * 37) + columns);
            }

            byte[] file = new DicomBuilder().Image(3, columns, bits: 8, stored: 7).LongHeader(0x7FE0, 0x0010, "OB", (uint)(pixels.Length + (pixels.Length % 2)))
                .Raw(pixels).Raw(pixels.Length % 2 == 1 ? [0xFF] : []).ToArray();
            var frame = new ushort[pixels.Length];
            DicomFrameDecoder.Decode(DicomReader.Read(file), 0, frame);
            Assert.Equal(pixels.Select(static b => (ushort)(b & 0x7F)), frame);
        }
    }
}

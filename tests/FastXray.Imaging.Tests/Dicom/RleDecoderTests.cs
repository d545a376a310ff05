using System.Buffers.Binary;
using FastXray.Imaging.Dicom;
using FastXray.Imaging.Dicom.Rle;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom;

/// <summary>PS3.5 Annex G on hand-built frames; the dcmcrle-made fixtures are in <see cref="DicomFrameFixtureTests"/>.</summary>
public sealed class RleDecoderTests
{
    /// <summary>A frame of the given segments (header + each segment, padded to even length).</summary>
    private static byte[] Frame(params byte[][] segments)
    {
        var frame = new List<byte>(new byte[64]);
        BinaryPrimitives.WriteUInt32LittleEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(frame), (uint)segments.Length);
        for (int i = 0; i < segments.Length; i++)
        {
            byte[] offset = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(offset, (uint)frame.Count);
            for (int k = 0; k < 4; k++)
            {
                frame[4 + (4 * i) + k] = offset[k];
            }

            frame.AddRange(segments[i]);
            if (frame.Count % 2 == 1)
            {
                frame.Add(0);
            }
        }

        return [.. frame];
    }

    [Fact]
    public void Literal_repeat_and_noop_runs()
    {
        // 2 literals (n=1), -128 no-op, 3 repeats of 7 (n=-2), 1 literal (n=0): 6 bytes.
        byte[] frame = Frame([1, 10, 20, 0x80, 0xFE, 7, 0, 99]);
        var d = new ushort[6];
        RleDecoder.Decode(frame, 3, 2, 1, 8, d);
        Assert.Equal(new ushort[] { 10, 20, 7, 7, 7, 99 }, d);
    }

    [Fact]
    public void Sixteen_bit_is_high_segment_then_low()
    {
        byte[] frame = Frame([0xFD, 0x12], [1, 0x34, 0x56, 0xFF, 0x78]);
        var d = new ushort[4];
        RleDecoder.Decode(frame, 2, 2, 1, 16, d);
        Assert.Equal(new ushort[] { 0x1234, 0x1256, 0x1278, 0x1278 }, d);
    }

    [Fact]
    public void Colour_segments_are_one_per_sample_interleaved_by_pixel()
    {
        byte[] frame = Frame([0xFF, 1], [0xFF, 2], [0xFF, 3]);
        var d = new ushort[6];
        RleDecoder.Decode(frame, 2, 1, 3, 8, d);
        Assert.Equal(new ushort[] { 1, 2, 3, 1, 2, 3 }, d);
    }

    [Fact]
    public void Maximal_runs()
    {
        byte[] literal = new byte[129];
        literal[0] = 127;
        for (int i = 1; i < 129; i++)
        {
            literal[i] = (byte)i;
        }

        byte[] frame = Frame([.. literal, 0x81, 200]); // 128 literals, then 128 repeats
        var d = new ushort[256];
        RleDecoder.Decode(frame, 16, 16, 1, 8, d);
        Assert.Equal(128, d[127]);
        Assert.All(d[128..], static v => Assert.Equal(200, v));
    }

    [Fact]
    public void Short_segment_is_truncated()
    {
        var e = Assert.Throws<ImageFormatException>(() => RleDecoder.Decode(Frame([0xFE, 7]), 4, 1, 1, 8, new ushort[4]));
        Assert.StartsWith("truncated RLE segment 0", e.Message, StringComparison.Ordinal);
        Assert.Throws<ImageFormatException>(() => RleDecoder.Decode(Frame([3, 1, 2]), 4, 1, 1, 8, new ushort[4]));
        Assert.Throws<ImageFormatException>(() => RleDecoder.Decode(Frame([0xFE]), 4, 1, 1, 8, new ushort[4]));
    }

    [Fact]
    public void Run_past_the_plane_is_an_overrun()
    {
        var e = Assert.Throws<ImageFormatException>(() => RleDecoder.Decode(Frame([0xFC, 7]), 4, 1, 1, 8, new ushort[4]));
        Assert.Contains("overruns", e.Message, StringComparison.Ordinal);
        Assert.Throws<ImageFormatException>(() => RleDecoder.Decode(Frame([4, 1, 2, 3, 4, 5]), 4, 1, 1, 8, new ushort[4]));
    }

    [Fact]
    public void Bad_headers()
    {
        byte[] frame = Frame([0xFD, 1]);
        Assert.Throws<ImageFormatException>(() => RleDecoder.Decode(frame.AsSpan(0, 63), 4, 1, 1, 8, new ushort[4]));
        Assert.Contains("segments", Assert.Throws<ImageFormatException>(() => RleDecoder.Decode(frame, 2, 2, 1, 16, new ushort[4])).Message, StringComparison.Ordinal);

        byte[] badOffset = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(badOffset.AsSpan(4), 0xFFFFFFF0);
        Assert.Throws<ImageFormatException>(() => RleDecoder.Decode(badOffset, 4, 1, 1, 8, new ushort[4]));
        BinaryPrimitives.WriteUInt32LittleEndian(badOffset.AsSpan(4), 10);
        Assert.Throws<ImageFormatException>(() => RleDecoder.Decode(badOffset, 4, 1, 1, 8, new ushort[4]));

        byte[] fifteen = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(fifteen, 16);
        Assert.Throws<ImageFormatException>(() => RleDecoder.Decode(fifteen, 4, 1, 1, 8, new ushort[4]));
    }

    [Fact]
    public void Rle_and_native_decode_allocate_only_pooled_scratch()
    {
        DicomFile rle = DicomFixtures.Read("s16_rle");
        DicomFile native = DicomFixtures.Read("s16_te");
        DicomFile colour = DicomFixtures.Read("rgb_planar");
        var frame = new ushort[rle.Rows * rle.Columns];
        var colourFrame = new ushort[colour.Rows * colour.Columns];
        AllocationAssert.None(() => DicomFrameDecoder.Decode(rle, 0, frame), "RLE frame");
        AllocationAssert.None(() => DicomFrameDecoder.Decode(native, 0, frame), "native frame");
        AllocationAssert.None(() => DicomFrameDecoder.Decode(colour, 0, colourFrame), "native planar RGB frame");
    }
}

using System.Buffers.Binary;
using System.Text;

namespace FastXray.Imaging.Tests.Dicom;

/// <summary>Writes small Explicit VR Little Endian Part 10 files element by element, for the hostile-input tests.</summary>
internal sealed class DicomBuilder
{
    private readonly MemoryStream _s = new();

    public DicomBuilder(string transferSyntax = "1.2.840.10008.1.2.1", bool preamble = true)
    {
        if (preamble)
        {
            _s.Write(new byte[128]);
            _s.Write("DICM"u8);
        }

        Text(0x0002, 0x0010, "UI", transferSyntax);
    }

    public byte[] ToArray() => _s.ToArray();

    public DicomBuilder Raw(ReadOnlySpan<byte> bytes)
    {
        _s.Write(bytes);
        return this;
    }

    public DicomBuilder Tag(ushort group, ushort element)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(b, group);
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], element);
        return Raw(b);
    }

    public DicomBuilder U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return Raw(b);
    }

    /// <summary>A short-length element (2-byte length).</summary>
    public DicomBuilder Element(ushort group, ushort element, string vr, ReadOnlySpan<byte> value)
    {
        Tag(group, element).Raw(Encoding.ASCII.GetBytes(vr));
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)value.Length);
        return Raw(b).Raw(value);
    }

    /// <summary>A long-length VR header (OB, OW, SQ, UN ...) with the given length; the value is up to the caller.</summary>
    public DicomBuilder LongHeader(ushort group, ushort element, string vr, uint length) =>
        Tag(group, element).Raw(Encoding.ASCII.GetBytes(vr)).Raw([0, 0]).U32(length);

    public DicomBuilder Text(ushort group, ushort element, string vr, string value)
    {
        byte[] v = Encoding.ASCII.GetBytes(value.Length % 2 == 0 ? value : value + (vr == "UI" ? "\0" : " "));
        return Element(group, element, vr, v);
    }

    public DicomBuilder US(ushort group, ushort element, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        return Element(group, element, "US", b);
    }

    public DicomBuilder Item(uint length) => Tag(0xFFFE, 0xE000).U32(length);

    public DicomBuilder ItemDelimiter() => Tag(0xFFFE, 0xE00D).U32(0);

    public DicomBuilder SequenceDelimiter() => Tag(0xFFFE, 0xE0DD).U32(0);

    /// <summary>The image pixel module of a grey image.</summary>
    public DicomBuilder Image(int rows, int columns, int bits = 16, int stored = 12, int frames = 1)
    {
        US(0x0028, 0x0002, 1).Text(0x0028, 0x0004, "CS", "MONOCHROME2");
        if (frames != 1)
        {
            Text(0x0028, 0x0008, "IS", frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return US(0x0028, 0x0010, (ushort)rows).US(0x0028, 0x0011, (ushort)columns)
            .US(0x0028, 0x0100, (ushort)bits).US(0x0028, 0x0101, (ushort)stored).US(0x0028, 0x0102, (ushort)(stored - 1))
            .US(0x0028, 0x0103, 0);
    }

    /// <summary>Native pixel data of <paramref name="bytes"/> bytes (value 0x01 each).</summary>
    public DicomBuilder NativePixels(int bytes)
    {
        LongHeader(0x7FE0, 0x0010, "OW", (uint)bytes);
        return Raw(Enumerable.Repeat((byte)1, bytes).ToArray());
    }
}

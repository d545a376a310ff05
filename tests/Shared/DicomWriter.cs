using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FastXray.Tests;

/// <summary>
/// A minimal DICOM Part 10 writer for tests (Explicit VR Little Endian, native pixel data): synthetic inputs with
/// exactly the attributes a test needs, without committed files. Elements are written in ascending tag order, the
/// file meta group with its group length, as PS3.10 requires.
/// </summary>
internal sealed class DicomWriter
{
    private readonly SortedDictionary<uint, (string Vr, byte[] Value)> _elements = [];

    /// <summary>A monochrome image's attributes (pixels follow with <see cref="Pixels(ReadOnlySpan{ushort})"/>).</summary>
    public static DicomWriter Image(int rows, int columns, int bitsAllocated, int bitsStored, bool signed, string photometric = "MONOCHROME2", int frames = 1)
    {
        var w = new DicomWriter();
        w.Us(0x0028, 0x0002, 1).Cs(0x0028, 0x0004, photometric).Us(0x0028, 0x0010, rows).Us(0x0028, 0x0011, columns)
            .Us(0x0028, 0x0100, bitsAllocated).Us(0x0028, 0x0101, bitsStored).Us(0x0028, 0x0102, bitsStored - 1).Us(0x0028, 0x0103, signed ? 1 : 0)
            .Cs(0x0008, 0x0060, "DX");
        if (frames != 1)
        {
            w.Text(0x0028, 0x0008, "IS", frames.ToString(CultureInfo.InvariantCulture));
        }

        return w;
    }

    public DicomWriter Us(ushort group, ushort element, int value)
    {
        var v = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(v, (ushort)value);
        _elements[Tag(group, element)] = ("US", v);
        return this;
    }

    public DicomWriter Cs(ushort group, ushort element, string value) => Text(group, element, "CS", value);

    /// <summary>A text element padded to even length with a space (UI with NUL).</summary>
    public DicomWriter Text(ushort group, ushort element, string vr, string value)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(value.Length % 2 == 0 ? value : value + (vr == "UI" ? "\0" : " "));
        _elements[Tag(group, element)] = (vr, bytes);
        return this;
    }

    /// <summary>Decimal strings (DS), backslash-separated when several.</summary>
    public DicomWriter Ds(ushort group, ushort element, params double[] values) =>
        Text(group, element, "DS", string.Join('\\', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));

    public DicomWriter Window(double center, double width) => Ds(0x0028, 0x1050, center).Ds(0x0028, 0x1051, width);

    public DicomWriter Rescale(double slope, double intercept) => Ds(0x0028, 0x1053, slope).Ds(0x0028, 0x1052, intercept);

    public DicomWriter Pixels(ReadOnlySpan<ushort> words)
    {
        var bytes = new byte[words.Length * 2];
        for (int i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), words[i]);
        }

        _elements[Tag(0x7FE0, 0x0010)] = ("OW", bytes);
        return this;
    }

    public DicomWriter Pixels(ReadOnlySpan<byte> bytes)
    {
        _elements[Tag(0x7FE0, 0x0010)] = ("OB", bytes.Length % 2 == 0 ? bytes.ToArray() : [.. bytes, 0]);
        return this;
    }

    /// <summary>The file: preamble, DICM, meta group (Explicit VR Little Endian), data set.</summary>
    public byte[] ToArray(bool preamble = true)
    {
        var meta = new MemoryStream();
        WriteElement(meta, Tag(0x0002, 0x0001), "OB", [0, 1]);
        WriteElement(meta, Tag(0x0002, 0x0002), "UI", Encoding.ASCII.GetBytes("1.2.840.10008.5.1.4.1.1.1.1\0"));
        WriteElement(meta, Tag(0x0002, 0x0003), "UI", Encoding.ASCII.GetBytes("1.2.3.4\0"));
        WriteElement(meta, Tag(0x0002, 0x0010), "UI", Encoding.ASCII.GetBytes("1.2.840.10008.1.2.1\0"));
        var file = new MemoryStream();
        if (preamble)
        {
            file.Write(new byte[128]);
            file.Write("DICM"u8);
        }

        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)meta.Length);
        WriteElement(file, Tag(0x0002, 0x0000), "UL", length);
        meta.Position = 0;
        meta.CopyTo(file);
        foreach ((uint tag, (string vr, byte[] value)) in _elements)
        {
            WriteElement(file, tag, vr, value);
        }

        return file.ToArray();
    }

    private static uint Tag(ushort group, ushort element) => ((uint)group << 16) | element;

    private static void WriteElement(Stream s, uint tag, string vr, byte[] value)
    {
        Span<byte> head = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(head, (ushort)(tag >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(head[2..], (ushort)tag);
        head[4] = (byte)vr[0];
        head[5] = (byte)vr[1];
        if (vr is "OB" or "OW" or "OF" or "SQ" or "UT" or "UN")
        {
            head[6] = 0;
            head[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(head[8..], (uint)value.Length);
            s.Write(head);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(head[6..], (ushort)value.Length);
            s.Write(head[..8]);
        }

        s.Write(value);
    }
}

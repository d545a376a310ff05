using System.Buffers.Binary;
using System.Text;

namespace FastXray.Imaging.Dicom;

/// <summary>Reads a DICOM Part 10 file's attributes and locates its pixel data (PS3.10 section 7, PS3.5 sections 7 and A.4).</summary>
/// <remarks>
/// The file is not copied (except that a deflated data set is inflated into a new buffer): offsets in the result point
/// into <see cref="DicomFile.Buffer"/>. The walk is iterative with a depth bound, O(file headers), and allocates only
/// the strings and LUTs it keeps.
/// </remarks>
public static class DicomReader
{
    private const int PreambleLength = 128;

    /// <summary>Parses <paramref name="file"/> (the whole file) without decoding pixels.</summary>
    /// <param name="file">The file's bytes; kept by the result (<see cref="DicomFile.Buffer"/>) unless the data set is deflated.</param>
    /// <param name="limits">Size limits: Rows x Columns x frames and the inflated size are checked against them.</param>
    /// <exception cref="ImageFormatException">Not DICOM, malformed, truncated, unsupported or over the limits (one line).</exception>
    public static DicomFile Read(ReadOnlyMemory<byte> file, DecodeLimits? limits = null)
    {
        limits ??= DecodeLimits.Default;
        ReadOnlySpan<byte> data = file.Span;
        bool preamble = data.Length >= PreambleLength + 4 && data.Slice(PreambleLength, 4).SequenceEqual("DICM"u8);
        int start = preamble ? PreambleLength + 4 : 0;
        DicomTransferSyntax syntax;
        int dataSetStart;
        if (StartsWithGroup(data, start, 0x0002))
        {
            (syntax, dataSetStart) = ReadMeta(data, start);
        }
        else if (preamble)
        {
            ThrowHelper.ThrowFormat("no file meta group (0002,xxxx) after DICM");
            return null;
        }
        else
        {
            // A bare data set (no preamble, no meta group), as old archives and some modalities write: it must start
            // with an element of group 0008, whose VR (or its absence) tells explicit from implicit VR Little Endian.
            if (!StartsWithGroup(data, 0, 0x0008))
            {
                ThrowHelper.ThrowFormat("not a DICOM file: no DICM at byte 128 and no group 0002 or 0008 element at byte 0");
            }

            syntax = IsExplicitVr(data, 0) ? DicomTransferSyntax.Known[1] : DicomTransferSyntax.ImplicitVrLittleEndian;
            dataSetStart = 0;
        }

        ReadOnlyMemory<byte> buffer = file;
        if (syntax.Encoding == DicomEncoding.DeflatedExplicitLittle)
        {
            buffer = DicomInflater.Inflate(data, dataSetStart, limits);
        }

        bool bigEndian = syntax.Encoding == DicomEncoding.ExplicitBig;
        var sink = new DicomAttributeCollector(bigEndian);
        DicomDataSetWalker.Walk(buffer.Span, dataSetStart, syntax.Encoding == DicomEncoding.ImplicitLittle, bigEndian, sink);
        return Build(syntax, preamble, buffer, sink, limits);
    }

    /// <summary>
    /// The file meta group (PS3.10 7.1): always Explicit VR Little Endian. We read elements while their group is 0002
    /// rather than trusting (0002,0000) Group Length, which some writers get wrong; when present and consistent it
    /// must agree with where the group actually ends.
    /// </summary>
    private static (DicomTransferSyntax Syntax, int End) ReadMeta(ReadOnlySpan<byte> data, int start)
    {
        string? uid = null;
        long groupEnd = -1;
        int pos = start;
        while (pos + 8 <= data.Length && BinaryPrimitives.ReadUInt16LittleEndian(data[pos..]) == 0x0002)
        {
            uint tag = ((uint)BinaryPrimitives.ReadUInt16LittleEndian(data[pos..]) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(data[(pos + 2)..]);
            ushort vr = (ushort)((data[pos + 4] << 8) | data[pos + 5]);
            if (!DicomVr.IsValid(vr))
            {
                ThrowHelper.ThrowFormat($"file meta group: invalid VR {DicomVr.Name(vr)} for {DicomTag.Name(tag)} (the meta group is explicit VR)");
            }

            uint length;
            int header;
            if (DicomVr.HasLongLength(vr))
            {
                if (pos + 12 > data.Length)
                {
                    ThrowHelper.ThrowFormat("truncated: file meta group");
                }

                length = BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 8)..]);
                header = 12;
            }
            else
            {
                length = BinaryPrimitives.ReadUInt16LittleEndian(data[(pos + 6)..]);
                header = 8;
            }

            if (length > (uint)(data.Length - pos - header))
            {
                ThrowHelper.ThrowFormat($"length past end: file meta element {DicomTag.Name(tag)} claims {length} bytes, {data.Length - pos - header} remain");
            }

            ReadOnlySpan<byte> value = data.Slice(pos + header, (int)length);
            if (tag == DicomTag.FileMetaGroupLength && length == 4)
            {
                groupEnd = pos + header + 4L + BinaryPrimitives.ReadUInt32LittleEndian(value);
            }
            else if (tag == DicomTag.TransferSyntaxUid)
            {
                uid = Encoding.ASCII.GetString(value.TrimEnd((byte)0).TrimEnd((byte)' '));
            }

            pos += header + (int)length;
        }

        if (groupEnd >= 0 && groupEnd != pos && groupEnd <= data.Length && StartsWithGroup(data, (int)groupEnd, 0x0002))
        {
            // The group length points inside the group: it is the group length that is wrong, and we already know
            // where the group ends. Only a group length pointing at another meta element would be contradictory.
            ThrowHelper.ThrowFormat($"file meta group length says the group ends at byte {groupEnd}, but it ends at byte {pos}");
        }

        if (uid is null)
        {
            ThrowHelper.ThrowFormat("file meta group without (0002,0010) Transfer Syntax UID");
        }

        DicomTransferSyntax? syntax = DicomTransferSyntax.Find(uid);
        if (syntax is null)
        {
            ThrowHelper.ThrowFormat($"unknown transfer syntax UID {Printable(uid)}");
        }

        return (syntax, pos);
    }

    private static DicomFile Build(DicomTransferSyntax syntax, bool preamble, ReadOnlyMemory<byte> buffer, DicomAttributeCollector a, DecodeLimits limits)
    {
        bool signed = a.PixelRepresentation == 1;
        var file = new DicomFile
        {
            TransferSyntax = syntax,
            HasPreamble = preamble,
            Rows = a.Rows,
            Columns = a.Columns,
            BitsAllocated = a.BitsAllocated,
            BitsStored = a.BitsStored,
            HighBit = a.HighBit >= 0 ? a.HighBit : a.BitsStored - 1,
            IsSigned = signed,
            SamplesPerPixel = a.SamplesPerPixel,
            PlanarConfiguration = a.PlanarConfiguration,
            Photometric = a.Photometric,
            NumberOfFrames = a.NumberOfFrames,
            Modality = a.Modality,
            HasRescale = a.HasRescale,
            RescaleSlope = a.RescaleSlope,
            RescaleIntercept = a.RescaleIntercept,
            RescaleType = a.RescaleType,
            ModalityLut = a.ModalityLut(signed),
            Windows = a.Windows(),
            VoiLutFunction = a.VoiLutFunction.Length == 0 ? "LINEAR" : a.VoiLutFunction,
            VoiLut = a.VoiLut(signed),
            PatientAttributes = a.Patient,
            Buffer = buffer,
            PixelDataOffset = a.PixelDataOffset,
            PixelDataLength = a.PixelDataLength,
            Fragments = a.Fragments,
            BasicOffsetTable = a.BasicOffsetTable,
        };

        if (a.SawPixelData)
        {
            CheckImage(file, limits);
        }

        return file;
    }

    /// <summary>The image pixel module checks (PS3.3 C.7.6.3), before anyone sizes a buffer from these numbers.</summary>
    private static void CheckImage(DicomFile f, DecodeLimits limits)
    {
        if (f.Rows <= 0 || f.Columns <= 0)
        {
            ThrowHelper.ThrowFormat($"pixel data with Rows {f.Rows} and Columns {f.Columns}");
        }

        limits.CheckSize(f.Columns, f.Rows);
        if (f.BitsAllocated is 1 or 32)
        {
            ThrowHelper.ThrowFormat($"unsupported Bits Allocated {f.BitsAllocated} (8 and 16 are read)");
        }

        if (f.BitsAllocated is not (8 or 16))
        {
            ThrowHelper.ThrowFormat($"invalid Bits Allocated {f.BitsAllocated}");
        }

        if (f.BitsStored < 1 || f.BitsStored > f.BitsAllocated)
        {
            ThrowHelper.ThrowFormat($"Bits Stored {f.BitsStored} with Bits Allocated {f.BitsAllocated}");
        }

        // High Bit is usually Bits Stored - 1; what matters is that the stored bits fit in the allocated ones.
        if (f.HighBit < f.BitsStored - 1 || f.HighBit >= f.BitsAllocated)
        {
            ThrowHelper.ThrowFormat($"High Bit {f.HighBit} with Bits Stored {f.BitsStored} and Bits Allocated {f.BitsAllocated}");
        }

        if (f.SamplesPerPixel is not (1 or 3))
        {
            ThrowHelper.ThrowFormat($"unsupported Samples per Pixel {f.SamplesPerPixel} (1 and 3 are read)");
        }

        if (f.PlanarConfiguration is not (0 or 1))
        {
            ThrowHelper.ThrowFormat($"invalid Planar Configuration {f.PlanarConfiguration}");
        }

        if (f.NumberOfFrames < 1)
        {
            ThrowHelper.ThrowFormat($"Number of Frames {f.NumberOfFrames}");
        }

        long frameBytes = (long)f.Rows * f.Columns * f.SamplesPerPixel * (f.BitsAllocated / 8);
        if (frameBytes * f.NumberOfFrames > limits.MaxDecompressedBytes)
        {
            ThrowHelper.ThrowFormat($"{f.NumberOfFrames} frames of {f.Columns}x{f.Rows} exceed the decompressed-size limit {limits.MaxDecompressedBytes}");
        }
    }

    private static bool StartsWithGroup(ReadOnlySpan<byte> data, int at, ushort group) =>
        at + 8 <= data.Length && BinaryPrimitives.ReadUInt16LittleEndian(data[at..]) == group;

    private static bool IsExplicitVr(ReadOnlySpan<byte> data, int at) =>
        DicomVr.IsValid((ushort)((data[at + 4] << 8) | data[at + 5]));

    private static string Printable(string s)
    {
        var b = new StringBuilder(Math.Min(s.Length, 64));
        foreach (char c in s.AsSpan(0, Math.Min(s.Length, 64)))
        {
            b.Append(c is >= ' ' and < (char)127 ? c : '?');
        }

        return b.ToString();
    }
}

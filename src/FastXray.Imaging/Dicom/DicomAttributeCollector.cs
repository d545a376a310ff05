using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FastXray.Imaging.Dicom;

/// <summary>
/// Keeps the values <see cref="DicomDataSetWalker"/> hands over: the image attributes, the patient-identifying strings,
/// the first item of each LUT sequence and where the pixel data is. Strings are made only for the attributes kept.
/// </summary>
internal sealed class DicomAttributeCollector(bool bigEndian)
{
    private readonly List<KeyValuePair<string, string>> _patient = [];
    private readonly List<DicomFragment> _fragments = [];
    private uint[] _offsetTable = [];
    private Encoding _text = Encoding.Latin1;
    private LutState _modalityLut;
    private LutState _voiLut;
    private string _windowCenters = "";
    private string _windowWidths = "";
    private string _windowExplanations = "";

    public int Rows { get; private set; }

    public int Columns { get; private set; }

    public int BitsAllocated { get; private set; }

    public int BitsStored { get; private set; }

    public int HighBit { get; private set; } = -1;

    public int PixelRepresentation { get; private set; }

    public int SamplesPerPixel { get; private set; } = 1;

    public int PlanarConfiguration { get; private set; }

    public string Photometric { get; private set; } = "MONOCHROME2";

    public int NumberOfFrames { get; private set; } = 1;

    public string Modality { get; private set; } = "";

    public bool HasRescale { get; private set; }

    public double RescaleSlope { get; private set; } = 1;

    public double RescaleIntercept { get; private set; }

    public string RescaleType { get; private set; } = "";

    public string VoiLutFunction { get; private set; } = "LINEAR";

    public int PixelDataOffset { get; private set; } = -1;

    public int PixelDataLength { get; private set; }

    public bool SawPixelData { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Patient => _patient;

    public IReadOnlyList<DicomFragment> Fragments => _fragments;

    public IReadOnlyList<uint> BasicOffsetTable => _offsetTable;

    public bool IsLutSequence(uint tag) => tag is DicomTag.ModalityLutSequence or DicomTag.VoiLutSequence;

    public void TopLevel(uint tag, ushort vr, ReadOnlySpan<byte> value, int offset)
    {
        switch (tag)
        {
            case DicomTag.SpecificCharacterSet:
                // ISO_IR 192 is UTF-8; the other single-byte sets are read as Latin-1, which keeps ASCII exact.
                _text = Ascii(value).Contains("ISO_IR 192", StringComparison.Ordinal) ? Encoding.UTF8 : Encoding.Latin1;
                break;
            case DicomTag.Rows: Rows = UShort(tag, value); break;
            case DicomTag.Columns: Columns = UShort(tag, value); break;
            case DicomTag.BitsAllocated: BitsAllocated = UShort(tag, value); break;
            case DicomTag.BitsStored: BitsStored = UShort(tag, value); break;
            case DicomTag.HighBit: HighBit = UShort(tag, value); break;
            case DicomTag.PixelRepresentation: PixelRepresentation = UShort(tag, value); break;
            case DicomTag.SamplesPerPixel: SamplesPerPixel = UShort(tag, value); break;
            case DicomTag.PlanarConfiguration: PlanarConfiguration = UShort(tag, value); break;
            case DicomTag.PhotometricInterpretation: Photometric = Ascii(value); break;
            // Empty values (type 2 attributes, or writers that leave them blank) count as absent.
            case DicomTag.NumberOfFrames when !IsBlank(value): NumberOfFrames = Integer(tag, value); break;
            case DicomTag.Modality: Modality = Ascii(value); break;
            case DicomTag.RescaleSlope when !IsBlank(value): RescaleSlope = Decimal(tag, value); HasRescale = true; break;
            case DicomTag.RescaleIntercept when !IsBlank(value): RescaleIntercept = Decimal(tag, value); HasRescale = true; break;
            case DicomTag.RescaleType: RescaleType = Text(value); break;
            case DicomTag.VoiLutFunction: VoiLutFunction = Ascii(value); break;
            case DicomTag.WindowCenter: _windowCenters = Ascii(value); break;
            case DicomTag.WindowWidth: _windowWidths = Ascii(value); break;
            case DicomTag.WindowExplanation: _windowExplanations = Text(value); break;
            case DicomTag.PixelData:
                SawPixelData = true;
                PixelDataOffset = offset;
                PixelDataLength = value.Length;
                break;
            default:
                if (DicomTag.PatientKeyword(tag) is { } keyword)
                {
                    _patient.Add(new(keyword, Text(value)));
                }

                break;
        }
    }

    public void LutItem(uint sequence, uint tag, ushort vr, ReadOnlySpan<byte> value)
    {
        ref LutState item = ref sequence == DicomTag.ModalityLutSequence ? ref _modalityLut : ref _voiLut;
        item.Present = true;
        switch (tag)
        {
            case DicomTag.LutDescriptor:
                if (value.Length != 6)
                {
                    ThrowHelper.ThrowFormat($"LUT Descriptor has {value.Length} bytes, expected 6");
                }

                item.Entries = Word(value, 0);
                item.FirstMapped = Word(value, 2);
                item.Bits = Word(value, 4);
                item.HasDescriptor = true;
                break;
            case DicomTag.LutExplanation:
                item.Explanation = Text(value);
                break;
            case DicomTag.LutData:
                // Kept as a copy: LUT data is at most 65536 entries, bounded by the bytes present.
                var data = new ushort[value.Length / 2];
                for (int i = 0; i < data.Length; i++)
                {
                    data[i] = Word(value, 2 * i);
                }

                item.Data = data;
                break;
        }
    }

    public void OffsetTable(ReadOnlySpan<byte> value, bool bigEndian)
    {
        SawPixelData = true;
        if (value.Length % 4 != 0)
        {
            ThrowHelper.ThrowFormat($"basic offset table of {value.Length} bytes is not a multiple of 4");
        }

        _offsetTable = new uint[value.Length / 4];
        for (int i = 0; i < _offsetTable.Length; i++)
        {
            _offsetTable[i] = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(value[(4 * i)..]) : BinaryPrimitives.ReadUInt32LittleEndian(value[(4 * i)..]);
        }
    }

    public void Fragment(DicomFragment fragment) => _fragments.Add(fragment);

    public IReadOnlyList<DicomWindow> Windows()
    {
        if (_windowCenters.Length == 0 && _windowWidths.Length == 0)
        {
            return [];
        }

        string[] centers = _windowCenters.Split('\\');
        string[] widths = _windowWidths.Split('\\');
        string[] explanations = _windowExplanations.Split('\\');
        if (centers.Length != widths.Length)
        {
            ThrowHelper.ThrowFormat($"{centers.Length} window centers but {widths.Length} window widths");
        }

        var windows = new DicomWindow[centers.Length];
        for (int i = 0; i < windows.Length; i++)
        {
            windows[i] = new DicomWindow(
                Decimal(DicomTag.WindowCenter, centers[i]),
                Decimal(DicomTag.WindowWidth, widths[i]),
                i < explanations.Length ? explanations[i].Trim() : "");
        }

        return windows;
    }

    public DicomLut? ModalityLut(bool signed) => _modalityLut.Build(signed, "Modality");

    public DicomLut? VoiLut(bool signed) => _voiLut.Build(signed, "VOI");

    private ushort Word(ReadOnlySpan<byte> value, int at) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(value[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(value[at..]);

    private int UShort(uint tag, ReadOnlySpan<byte> value)
    {
        if (value.Length < 2)
        {
            ThrowHelper.ThrowFormat($"{DicomTag.Name(tag)} has {value.Length} bytes, expected a 2-byte US");
        }

        return Word(value, 0);
    }

    private static int Integer(uint tag, ReadOnlySpan<byte> value)
    {
        string s = Ascii(value);
        if (!int.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int v))
        {
            ThrowHelper.ThrowFormat($"{DicomTag.Name(tag)} is not an integer string: \"{Printable(s)}\"");
        }

        return v;
    }

    private static double Decimal(uint tag, ReadOnlySpan<byte> value) => Decimal(tag, Ascii(value));

    private static double Decimal(uint tag, string s)
    {
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            ThrowHelper.ThrowFormat($"{DicomTag.Name(tag)} is not a decimal string: \"{Printable(s)}\"");
        }

        return v;
    }

    /// <summary>A short, printable form of a bad value for a one-line message.</summary>
    private static string Printable(string s)
    {
        var b = new StringBuilder(Math.Min(s.Length, 32));
        foreach (char c in s.AsSpan(0, Math.Min(s.Length, 32)))
        {
            b.Append(c is >= ' ' and < (char)127 ? c : '?');
        }

        return b.ToString();
    }

    private static bool IsBlank(ReadOnlySpan<byte> value) => value.TrimEnd((byte)0).Trim((byte)' ').IsEmpty;

    private static string Ascii(ReadOnlySpan<byte> value) => Encoding.Latin1.GetString(value.TrimEnd((byte)0).Trim((byte)' '));

    private string Text(ReadOnlySpan<byte> value) => _text.GetString(value.TrimEnd((byte)0).TrimEnd((byte)' '));

    private struct LutState
    {
        public bool Present;
        public bool HasDescriptor;
        public int Entries;
        public int FirstMapped;
        public int Bits;
        public ushort[]? Data;
        public string? Explanation;

        public readonly DicomLut? Build(bool signed, string which)
        {
            if (!Present)
            {
                return null;
            }

            if (!HasDescriptor || Data is null)
            {
                ThrowHelper.ThrowFormat($"{which} LUT Sequence item without {(HasDescriptor ? "LUT Data" : "LUT Descriptor")}");
            }

            // PS3.3 C.11.1.1: 0 entries means 65536; the first mapped value is signed when the pixel data is.
            int entries = Entries == 0 ? 65536 : Entries;
            int first = signed ? (short)FirstMapped : FirstMapped;
            if (Data.Length < entries)
            {
                ThrowHelper.ThrowFormat($"{which} LUT has {Data.Length} entries of data, its descriptor says {entries}");
            }

            if (Bits is < 8 or > 16)
            {
                ThrowHelper.ThrowFormat($"{which} LUT with {Bits} bits per entry");
            }

            // 8-bit LUT data may be stored as OW with two entries per word; we keep one entry per word, as written by
            // every encoder we have seen (PS3.3 C.11.1.1.1 allows both, dcmtk and pydicom read words).
            ushort[] data = Data.Length == entries ? Data : Data[..entries];
            return new DicomLut(first, Bits, data, Explanation ?? "");
        }
    }
}

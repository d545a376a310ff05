namespace FastXray.Imaging.Dicom;

/// <summary>
/// What <see cref="DicomReader.Read"/> found in a Part 10 file: the image attributes the display pipeline needs, the
/// patient-identifying attributes (printed only on request), and where the pixel data is, undecoded.
/// </summary>
public sealed class DicomFile
{
    /// <summary>The transfer syntax from the file meta group (Implicit VR Little Endian when there is none).</summary>
    public required DicomTransferSyntax TransferSyntax { get; init; }

    /// <summary>Whether the file starts with the 128-byte preamble and <c>DICM</c>.</summary>
    public bool HasPreamble { get; init; }

    /// <summary>(0028,0010) Rows.</summary>
    public int Rows { get; init; }

    /// <summary>(0028,0011) Columns.</summary>
    public int Columns { get; init; }

    /// <summary>(0028,0100) Bits Allocated: 8 or 16 (1 and 32 are refused).</summary>
    public int BitsAllocated { get; init; }

    /// <summary>(0028,0101) Bits Stored.</summary>
    public int BitsStored { get; init; }

    /// <summary>(0028,0102) High Bit.</summary>
    public int HighBit { get; init; }

    /// <summary>(0028,0103) Pixel Representation is 1: stored values are two's complement.</summary>
    public bool IsSigned { get; init; }

    /// <summary>(0028,0002) Samples per Pixel.</summary>
    public int SamplesPerPixel { get; init; } = 1;

    /// <summary>(0028,0006) Planar Configuration (0: interleaved, 1: one plane per sample) for colour images.</summary>
    public int PlanarConfiguration { get; init; }

    /// <summary>(0028,0004) Photometric Interpretation, e.g. MONOCHROME2, MONOCHROME1, RGB, YBR_FULL_422.</summary>
    public string Photometric { get; init; } = "MONOCHROME2";

    /// <summary>(0028,0008) Number of Frames (1 when absent).</summary>
    public int NumberOfFrames { get; init; } = 1;

    /// <summary>(0008,0060) Modality, e.g. CR, DX, CT; empty when absent.</summary>
    public string Modality { get; init; } = "";

    /// <summary>Whether (0028,1053) Rescale Slope or (0028,1052) Rescale Intercept is present.</summary>
    public bool HasRescale { get; init; }

    /// <summary>(0028,1053) Rescale Slope (1 when absent).</summary>
    public double RescaleSlope { get; init; } = 1;

    /// <summary>(0028,1052) Rescale Intercept (0 when absent).</summary>
    public double RescaleIntercept { get; init; }

    /// <summary>(0028,1054) Rescale Type, e.g. HU; empty when absent.</summary>
    public string RescaleType { get; init; } = "";

    /// <summary>The first item of (0028,3000) Modality LUT Sequence, or null.</summary>
    public DicomLut? ModalityLut { get; init; }

    /// <summary>(0028,1050)/(0028,1051) Window Center/Width pairs with (0028,1055) explanations, in file order.</summary>
    public IReadOnlyList<DicomWindow> Windows { get; init; } = [];

    /// <summary>(0028,1056) VOI LUT Function: LINEAR (also when absent), LINEAR_EXACT or SIGMOID.</summary>
    public string VoiLutFunction { get; init; } = "LINEAR";

    /// <summary>The first item of (0028,3010) VOI LUT Sequence, or null.</summary>
    public DicomLut? VoiLut { get; init; }

    /// <summary>Patient-identifying attributes found (keyword, value), e.g. ("PatientName", "Doe^Jane"); printed only with <c>--phi</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PatientAttributes { get; init; } = [];

    /// <summary>
    /// The bytes the pixel data offsets refer to: the file itself, or for Deflated Explicit VR Little Endian the file meta
    /// group followed by the inflated data set.
    /// </summary>
    public ReadOnlyMemory<byte> Buffer { get; init; }

    /// <summary>Native pixel data: offset of the value of (7FE0,0010) in <see cref="Buffer"/> (-1 when encapsulated or absent).</summary>
    public int PixelDataOffset { get; init; } = -1;

    /// <summary>Native pixel data: the value's length in bytes (may be shorter than the image needs; the frame decoder says so).</summary>
    public int PixelDataLength { get; init; }

    /// <summary>Encapsulated pixel data: each fragment's (offset, length) in <see cref="Buffer"/>, basic offset table excluded.</summary>
    public IReadOnlyList<DicomFragment> Fragments { get; init; } = [];

    /// <summary>Encapsulated pixel data: the basic offset table (byte offsets of each frame's first fragment from the first fragment's item tag), or empty.</summary>
    public IReadOnlyList<uint> BasicOffsetTable { get; init; } = [];

    /// <summary>Whether the file has pixel data at all (native or encapsulated).</summary>
    public bool HasPixelData => PixelDataOffset >= 0 || Fragments.Count > 0;
}

/// <summary>One encapsulated fragment's value: <paramref name="Offset"/> into <see cref="DicomFile.Buffer"/>, <paramref name="Length"/> bytes, and the offset of its item tag relative to the first fragment's item tag (what the basic offset table counts).</summary>
/// <param name="Offset">Start of the fragment's bytes.</param>
/// <param name="Length">Fragment length.</param>
/// <param name="ItemOffset">Byte position of this fragment's item tag, counted from the first fragment's item tag.</param>
public readonly record struct DicomFragment(int Offset, int Length, uint ItemOffset);

/// <summary>One Window Center/Width pair.</summary>
/// <param name="Center">Window Center.</param>
/// <param name="Width">Window Width.</param>
/// <param name="Explanation">Window Center &amp; Width Explanation, or empty.</param>
public readonly record struct DicomWindow(double Center, double Width, string Explanation);

/// <summary>A LUT from a Modality or VOI LUT Sequence item: LUT Descriptor (entries, first mapped value, bits) and LUT Data.</summary>
/// <param name="FirstMapped">Stored value mapped to the first entry (descriptor value 2, read as signed when the pixel data is signed).</param>
/// <param name="BitsPerEntry">Bits per entry (descriptor value 3, 8 or 16).</param>
/// <param name="Data">The entries (descriptor value 1 of them; 0 in the descriptor means 65536).</param>
/// <param name="Explanation">LUT Explanation, or empty.</param>
public sealed record DicomLut(int FirstMapped, int BitsPerEntry, ushort[] Data, string Explanation);

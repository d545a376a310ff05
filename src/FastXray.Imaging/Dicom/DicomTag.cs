namespace FastXray.Imaging.Dicom;

/// <summary>The tags the reader looks at, as (group &lt;&lt; 16) | element.</summary>
internal static class DicomTag
{
    public const uint FileMetaGroupLength = 0x0002_0000;
    public const uint TransferSyntaxUid = 0x0002_0010;
    public const uint SpecificCharacterSet = 0x0008_0005;
    public const uint StudyDate = 0x0008_0020;
    public const uint StudyTime = 0x0008_0030;
    public const uint AccessionNumber = 0x0008_0050;
    public const uint Modality = 0x0008_0060;
    public const uint InstitutionName = 0x0008_0080;
    public const uint ReferringPhysicianName = 0x0008_0090;
    public const uint PerformingPhysicianName = 0x0008_1050;
    public const uint OperatorsName = 0x0008_1070;
    public const uint PatientName = 0x0010_0010;
    public const uint PatientId = 0x0010_0020;
    public const uint PatientBirthDate = 0x0010_0030;
    public const uint PatientSex = 0x0010_0040;
    public const uint OtherPatientIds = 0x0010_1000;
    public const uint PatientAddress = 0x0010_1040;
    public const uint StudyId = 0x0020_0010;
    public const uint SamplesPerPixel = 0x0028_0002;
    public const uint PhotometricInterpretation = 0x0028_0004;
    public const uint PlanarConfiguration = 0x0028_0006;
    public const uint NumberOfFrames = 0x0028_0008;
    public const uint Rows = 0x0028_0010;
    public const uint Columns = 0x0028_0011;
    public const uint BitsAllocated = 0x0028_0100;
    public const uint BitsStored = 0x0028_0101;
    public const uint HighBit = 0x0028_0102;
    public const uint PixelRepresentation = 0x0028_0103;
    public const uint WindowCenter = 0x0028_1050;
    public const uint WindowWidth = 0x0028_1051;
    public const uint RescaleIntercept = 0x0028_1052;
    public const uint RescaleSlope = 0x0028_1053;
    public const uint RescaleType = 0x0028_1054;
    public const uint WindowExplanation = 0x0028_1055;
    public const uint VoiLutFunction = 0x0028_1056;
    public const uint LutDescriptor = 0x0028_3002;
    public const uint LutExplanation = 0x0028_3003;
    public const uint LutData = 0x0028_3006;
    public const uint ModalityLutSequence = 0x0028_3000;
    public const uint VoiLutSequence = 0x0028_3010;
    public const uint PixelData = 0x7FE0_0010;
    public const uint Item = 0xFFFE_E000;
    public const uint ItemDelimiter = 0xFFFE_E00D;
    public const uint SequenceDelimiter = 0xFFFE_E0DD;

    /// <summary>"(gggg,eeee)", as error messages name a tag.</summary>
    public static string Name(uint tag) => $"({tag >> 16:X4},{tag & 0xFFFF:X4})";

    /// <summary>The patient-identifying attributes reported in <see cref="DicomFile.PatientAttributes"/>, or null.</summary>
    public static string? PatientKeyword(uint tag) => tag switch
    {
        PatientName => "PatientName",
        PatientId => "PatientID",
        PatientBirthDate => "PatientBirthDate",
        PatientSex => "PatientSex",
        OtherPatientIds => "OtherPatientIDs",
        PatientAddress => "PatientAddress",
        AccessionNumber => "AccessionNumber",
        InstitutionName => "InstitutionName",
        ReferringPhysicianName => "ReferringPhysicianName",
        StudyDate => "StudyDate",
        StudyTime => "StudyTime",
        StudyId => "StudyID",
        OperatorsName => "OperatorsName",
        PerformingPhysicianName => "PerformingPhysicianName",
        0x0010_1001 => "OtherPatientNames",
        0x0010_2154 => "PatientTelephoneNumbers",
        0x0010_1010 => "PatientAge",
        _ => null,
    };
}

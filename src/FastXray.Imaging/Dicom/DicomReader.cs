namespace FastXray.Imaging.Dicom;

/// <summary>Reads a DICOM Part 10 file's attributes and locates its pixel data (PS3.10 section 7, PS3.5 sections 7 and A.4).</summary>
public static class DicomReader
{
    /// <summary>Parses <paramref name="file"/> (the whole file) without decoding pixels.</summary>
    /// <param name="file">The file's bytes; kept by the result (<see cref="DicomFile.Buffer"/>) unless the data set is deflated.</param>
    /// <param name="limits">Size limits: Rows x Columns x frames and the inflated size are checked against them.</param>
    public static DicomFile Read(ReadOnlyMemory<byte> file, DecodeLimits? limits = null) =>
        throw new NotImplementedException("skeleton: DicomReader is being written on branch dicom-parser");
}

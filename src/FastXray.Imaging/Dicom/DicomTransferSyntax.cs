namespace FastXray.Imaging.Dicom;

/// <summary>How the data set after the file meta group is encoded.</summary>
public enum DicomEncoding
{
    /// <summary>Implicit VR Little Endian: no VR in the element header, 32-bit lengths.</summary>
    ImplicitLittle,

    /// <summary>Explicit VR Little Endian.</summary>
    ExplicitLittle,

    /// <summary>Explicit VR Big Endian (retired, still met in old archives).</summary>
    ExplicitBig,

    /// <summary>Explicit VR Little Endian after a raw deflate (RFC 1951) of everything past the file meta group.</summary>
    DeflatedExplicitLittle,
}

/// <summary>How the pixel data of a transfer syntax is stored.</summary>
public enum DicomPixelCodec
{
    /// <summary>Native (uncompressed) pixel data.</summary>
    Native,

    /// <summary>RLE Lossless (PS3.5 Annex G), our decoder in <c>Dicom/Rle/</c>.</summary>
    Rle,

    /// <summary>JPEG Baseline, process 1 (8-bit DCT): our decoder in <c>Dicom/JpegDct/</c>, as JPEG Extended.</summary>
    JpegBaseline,

    /// <summary>JPEG Extended, processes 2 and 4 (8 or 12-bit DCT, Huffman): our decoder in <c>Dicom/JpegDct/</c>.</summary>
    JpegExtended,

    /// <summary>JPEG Lossless, process 14 (any predictor, and SV1): our decoder in <c>Dicom/JpegLossless/</c>.</summary>
    JpegLossless,

    /// <summary>JPEG-LS lossless and near-lossless (ITU-T T.87): our decoder in <c>Dicom/JpegLs/</c>.</summary>
    JpegLs,

    /// <summary>A syntax FastXray does not decode (JPEG 2000, HTJ2K, video, ...): a one-line error naming it.</summary>
    Unsupported,
}

/// <summary>A DICOM transfer syntax (PS3.5 section 10 and PS3.6 Annex A).</summary>
/// <param name="Uid">The UID as it appears in (0002,0010).</param>
/// <param name="Name">The standard's name.</param>
/// <param name="Encoding">The data set encoding.</param>
/// <param name="Codec">How the pixel data is stored.</param>
public sealed record DicomTransferSyntax(string Uid, string Name, DicomEncoding Encoding, DicomPixelCodec Codec)
{
    /// <summary>Implicit VR Little Endian, the default when a file has no meta group.</summary>
    public static DicomTransferSyntax ImplicitVrLittleEndian { get; } = new("1.2.840.10008.1.2", "Implicit VR Little Endian", DicomEncoding.ImplicitLittle, DicomPixelCodec.Native);

    /// <summary>Every transfer syntax we know by name; those we cannot decode are named in the error.</summary>
    public static IReadOnlyList<DicomTransferSyntax> Known { get; } =
    [
        ImplicitVrLittleEndian,
        new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", DicomEncoding.ExplicitLittle, DicomPixelCodec.Native),
        new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", DicomEncoding.DeflatedExplicitLittle, DicomPixelCodec.Native),
        new("1.2.840.10008.1.2.2", "Explicit VR Big Endian", DicomEncoding.ExplicitBig, DicomPixelCodec.Native),
        new("1.2.840.10008.1.2.5", "RLE Lossless", DicomEncoding.ExplicitLittle, DicomPixelCodec.Rle),
        new("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", DicomEncoding.ExplicitLittle, DicomPixelCodec.JpegBaseline),
        new("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", DicomEncoding.ExplicitLittle, DicomPixelCodec.JpegExtended),
        new("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", DicomEncoding.ExplicitLittle, DicomPixelCodec.JpegLossless),
        new("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", DicomEncoding.ExplicitLittle, DicomPixelCodec.JpegLossless),
        new("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression", DicomEncoding.ExplicitLittle, DicomPixelCodec.JpegLs),
        new("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression", DicomEncoding.ExplicitLittle, DicomPixelCodec.JpegLs),
        new("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.110", "JPEG XL Lossless", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.112", "JPEG XL", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.52", "JPEG Extended (Process 3 & 5) (Retired)", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8) (Retired)", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12) (Retired)", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.94", "JPIP Referenced", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
        new("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", DicomEncoding.ExplicitLittle, DicomPixelCodec.Unsupported),
    ];

    /// <summary>The syntax with <paramref name="uid"/> (trailing NUL/space padding ignored), or null when unknown.</summary>
    public static DicomTransferSyntax? Find(string uid)
    {
        string trimmed = uid.TrimEnd('\0', ' ');
        foreach (DicomTransferSyntax syntax in Known)
        {
            if (syntax.Uid == trimmed)
            {
                return syntax;
            }
        }

        return null;
    }

    /// <summary>"Name (UID)", as <c>info</c> prints it and as errors name it.</summary>
    public override string ToString() => $"{Name} ({Uid})";
}

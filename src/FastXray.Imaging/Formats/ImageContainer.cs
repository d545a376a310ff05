namespace FastXray.Imaging.Formats;

/// <summary>The file formats FastXray reads, identified by content (<see cref="FileSignature"/>), never by extension.</summary>
public enum ImageContainer
{
    /// <summary>PNG: our own decoder and encoder (Png/).</summary>
    Png,

    /// <summary>NumPy .npy arrays (Npy/).</summary>
    Npy,

    /// <summary>JPEG baseline and progressive, decoded by StbImageSharp behind <c>Stb/StbReader</c>'s guard.</summary>
    Jpeg,

    /// <summary>Windows BMP (uncompressed), through StbImageSharp.</summary>
    Bmp,

    /// <summary>Truevision TGA (raw and RLE), through StbImageSharp.</summary>
    Tga,

    /// <summary>Photoshop PSD (RGB, composite image), through StbImageSharp.</summary>
    Psd,

    /// <summary>Radiance HDR (float RGB), through StbImageSharp.</summary>
    Hdr,

    /// <summary>Baseline TIFF, grey 8/16-bit (Tiff/).</summary>
    Tiff,

    /// <summary>DICOM Part 10 (Dicom/): native, RLE, JPEG baseline/extended/lossless and JPEG-LS pixel data.</summary>
    Dicom,
}

namespace FastXray.Imaging.Tiff;

/// <summary>What <see cref="TiffEncoder"/> writes.</summary>
public enum TiffCompression
{
    /// <summary>Uncompressed strips (compression 1).</summary>
    None,

    /// <summary>Deflate (compression 8, zlib streams) with horizontal differencing (predictor 2), as libtiff's <c>-c zip:p2</c>.</summary>
    Deflate,
}

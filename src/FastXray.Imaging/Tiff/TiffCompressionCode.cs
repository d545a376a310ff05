namespace FastXray.Imaging.Tiff;

/// <summary>The compression schemes the reader decodes (TIFF tag 259 values; Deflate covers 8 and 32946).</summary>
internal enum TiffCompressionCode
{
    None = 1,
    Lzw = 5,
    Deflate = 8,
    PackBits = 32773,
}

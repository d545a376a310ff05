namespace FastXray.Imaging.Tiff;

/// <summary>The TIFF 6.0 tag numbers the reader and encoder use.</summary>
internal static class TiffTag
{
    public const ushort ImageWidth = 256;
    public const ushort ImageLength = 257;
    public const ushort BitsPerSample = 258;
    public const ushort Compression = 259;
    public const ushort Photometric = 262;
    public const ushort FillOrder = 266;
    public const ushort StripOffsets = 273;
    public const ushort SamplesPerPixel = 277;
    public const ushort RowsPerStrip = 278;
    public const ushort StripByteCounts = 279;
    public const ushort XResolution = 282;
    public const ushort YResolution = 283;
    public const ushort PlanarConfiguration = 284;
    public const ushort ResolutionUnit = 296;
    public const ushort Predictor = 317;
    public const ushort TileWidth = 322;
    public const ushort TileLength = 323;
    public const ushort TileOffsets = 324;
    public const ushort TileByteCounts = 325;
    public const ushort SampleFormat = 339;

    /// <summary>Field types (TIFF 6.0 section 2), with their sizes in bytes.</summary>
    public const ushort TypeByte = 1;
    public const ushort TypeShort = 3;
    public const ushort TypeLong = 4;
    public const ushort TypeRational = 5;

    /// <summary>Bytes per value of a field type; 0 for types this reader does not know (their entries are skipped).</summary>
    public static int TypeSize(ushort type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 => 8,
        _ => 0,
    };
}

namespace FastXray.Imaging.Png;

/// <summary>The five PNG row filters of filter method 0 (PNG spec §9.2); the byte before each scanline.</summary>
internal enum PngFilterType : byte
{
    None = 0,
    Sub = 1,
    Up = 2,
    Average = 3,
    Paeth = 4,
}

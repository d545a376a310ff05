namespace FastXray.Imaging.Png;

/// <summary>The PNG colour type byte of the IHDR chunk (PNG spec §11.2.2).</summary>
/// <remarks>
/// Allowed bit depths: <see cref="Gray"/> 1, 2, 4, 8, 16; <see cref="Palette"/> 1, 2, 4, 8;
/// <see cref="Rgb"/>, <see cref="GrayAlpha"/>, <see cref="Rgba"/> 8, 16.
/// </remarks>
public enum PngColorType : byte
{
    /// <summary>One gray sample per pixel.</summary>
    Gray = 0,

    /// <summary>Red, green, blue samples.</summary>
    Rgb = 2,

    /// <summary>One palette index per pixel (PLTE chunk required).</summary>
    Palette = 3,

    /// <summary>Gray then alpha.</summary>
    GrayAlpha = 4,

    /// <summary>Red, green, blue, alpha.</summary>
    Rgba = 6,
}

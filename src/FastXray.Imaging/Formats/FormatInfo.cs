namespace FastXray.Imaging.Formats;

/// <summary>What a file's header says (what <c>fastxray info</c> prints).</summary>
/// <param name="Container">The format.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="BitDepth">Bits per sample as stored (palette: bits per index).</param>
/// <param name="Sample">The grey sample type FastXray decodes to: uint8, uint16 or float32.</param>
/// <param name="Colour">grey, grey+alpha, rgb, rgba, palette or cmyk (a 4-component JPEG).</param>
/// <param name="Detail">Format specifics worth a line (JPEG "progressive", TIFF "LZW, tiled"), or empty.</param>
public sealed record FormatInfo(ImageContainer Container, int Width, int Height, int BitDepth, string Sample, string Colour, string Detail = "");

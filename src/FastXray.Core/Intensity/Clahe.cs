using System.Buffers;

namespace FastXray.Intensity;

/// <summary>Contrast-limited adaptive histogram equalisation with OpenCV's semantics: <c>cv2.createCLAHE(clipLimit, tileGridSize).apply</c>.</summary>
/// <remarks>
/// <para>The image is split into <c>tilesX x tilesY</c> tiles. When its size is not a multiple of the grid, OpenCV pads the
/// bottom and right with <c>BORDER_REFLECT_101</c> (scipy's <c>mirror</c>) by <c>tilesY - H % tilesY</c> rows and
/// <c>tilesX - W % tilesX</c> columns, and only for the histograms; note that a dimension that is already a multiple
/// still gets a whole extra tile row or column of padding when the other one is not. Tile size = padded size / grid.</para>
/// <para>Per tile: a histogram of B bins; when clipLimit &gt; 0 each bin is clipped at
/// <c>L = max((int)(clipLimit * tileArea / B), 1)</c>, the clipped total is spread as <c>total / B</c> to every bin and
/// the remaining <c>r</c> one each to bins 0, s, 2s, ... with <c>s = max(B / r, 1)</c>; the LUT is
/// <c>round(cdf[i] * (float)(top / tileArea))</c>, rounded half to even and saturated, with top = 255 or 65535.</para>
/// <para>Each output pixel blends the LUTs of the four nearest tile centres in float32, exactly as OpenCV orders it:
/// with <c>tx = x * (1f / tileWidth) - 0.5f</c>, <c>xa = tx - floor(tx)</c> (tile indices clamped to the grid) and the same
/// for y, <c>out = round(((l11 * (1 - xa) + l12 * xa) * (1 - ya)) + ((l21 * (1 - xa) + l22 * xa) * ya))</c>.</para>
/// <para>The results are bit-identical to OpenCV 4.6 (checked on golden data including full radiographs). Scratch (the LUTs,
/// one float per bin per tile, and per-column tables) is rented once per call.</para>
/// </remarks>
public static class Clahe
{
    /// <summary>OpenCV's default clip limit.</summary>
    public const double DefaultClipLimit = 40.0;

    /// <summary>CLAHE of an 8-bit image (256 bins), as <c>cv2.createCLAHE(clipLimit, (tilesX, tilesY)).apply(source)</c>.</summary>
    /// <param name="source">The image.</param>
    /// <param name="destination">Same size as the source; may be the very same memory (each pixel is read before it is written).</param>
    /// <param name="clipLimit">Contrast limit relative to a flat histogram; 0 or less disables clipping (plain AHE).</param>
    /// <param name="tilesX">Tiles across (OpenCV's <c>tileGridSize.width</c>), at least 1.</param>
    /// <param name="tilesY">Tiles down (<c>tileGridSize.height</c>), at least 1.</param>
    /// <remarks>See <see cref="Clahe"/> for the formulas.</remarks>
    public static void Apply(ReadOnlyImageSpan<byte> source, ImageSpan<byte> destination, double clipLimit = DefaultClipLimit, int tilesX = 8, int tilesY = 8)
    {
        Validate(source, destination, clipLimit, tilesX, tilesY);
        Run(source, destination, clipLimit, tilesX, tilesY, 256);
    }

    /// <summary>CLAHE of a 16-bit image, as OpenCV's 16-bit path (65536 bins), or with fewer bins as an extension.</summary>
    /// <param name="source">The image.</param>
    /// <param name="destination">Same size as the source; may be the very same memory.</param>
    /// <param name="clipLimit">Contrast limit relative to a flat histogram; 0 or less disables clipping.</param>
    /// <param name="tilesX">Tiles across, at least 1.</param>
    /// <param name="tilesY">Tiles down, at least 1.</param>
    /// <param name="bins">Histogram bins: 65536 is OpenCV's behaviour. A smaller power of two (16 .. 32768) is our
    /// documented extension: sample v falls in bin <c>v &gt;&gt; (16 - log2(bins))</c>, the clip limit becomes
    /// <c>max((int)(clipLimit * tileArea / bins), 1)</c> and redistribution runs over <paramref name="bins"/> bins, while
    /// the LUT still maps to 0..65535 (<c>cdf * 65535 / tileArea</c>). With 12-bit data in a 16-bit container, for example,
    /// 4096 bins give each stored level its own bin and make the clip limit meaningful.</param>
    /// <remarks>See <see cref="Clahe"/> for the formulas. With 65536 bins the LUTs take 256 KiB per tile.</remarks>
    public static void Apply(ReadOnlyImageSpan<ushort> source, ImageSpan<ushort> destination, double clipLimit = DefaultClipLimit, int tilesX = 8, int tilesY = 8, int bins = 65536)
    {
        Validate(source, destination, clipLimit, tilesX, tilesY);
        if (bins < 16 || bins > 65536 || (bins & (bins - 1)) != 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(bins), "bins must be a power of two from 16 to 65536.");
        }

        Run(source, destination, clipLimit, tilesX, tilesY, bins);
    }

    private static void Validate<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, double clipLimit, int tilesX, int tilesY)
        where T : unmanaged
    {
        ImageSpanValidation.SameSize(source, destination);
        if (tilesX < 1 || tilesY < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(tilesX), "The tile grid must be at least 1x1.");
        }

        if (double.IsNaN(clipLimit))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(clipLimit), "The clip limit must be a number.");
        }

        // Padded sizes and tile areas must stay within int, as in OpenCV.
        long paddedWidth = (long)source.Width + tilesX;
        long paddedHeight = (long)source.Height + tilesY;
        if (paddedWidth > int.MaxValue || paddedHeight > int.MaxValue || (paddedWidth / tilesX) * (paddedHeight / tilesY) > int.MaxValue
            || (long)tilesX * tilesY > 1 << 20)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(tilesX), "The image or the tile grid is too large.");
        }
    }

    private static void Run<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, double clipLimit, int tilesX, int tilesY, int bins)
        where T : unmanaged
    {
        if (source.IsEmpty)
        {
            return;
        }

        var grid = new ClaheGrid(source.Width, source.Height, tilesX, tilesY, bins);
        long lutLength = (long)tilesX * tilesY * bins;
        if (lutLength > Array.MaxLength)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(tilesX), "The tile grid needs more LUT entries than one array holds.");
        }

        float[] luts = ArrayPool<float>.Shared.Rent((int)lutLength);
        try
        {
            ClaheLut.Build(source, grid, clipLimit, luts);
            ClaheInterpolation.Apply(source, destination, grid, luts);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(luts);
        }
    }
}

/// <summary>The tile geometry OpenCV derives from the image and the grid.</summary>
internal readonly struct ClaheGrid
{
    public ClaheGrid(int width, int height, int tilesX, int tilesY, int bins)
    {
        TilesX = tilesX;
        TilesY = tilesY;
        Bins = bins;
        bool exact = width % tilesX == 0 && height % tilesY == 0;
        PaddedWidth = exact ? width : width + (tilesX - (width % tilesX));
        PaddedHeight = exact ? height : height + (tilesY - (height % tilesY));
        TileWidth = PaddedWidth / tilesX;
        TileHeight = PaddedHeight / tilesY;
    }

    public int TilesX { get; }

    public int TilesY { get; }

    public int Bins { get; }

    public int PaddedWidth { get; }

    public int PaddedHeight { get; }

    public int TileWidth { get; }

    public int TileHeight { get; }

    public int TileArea => TileWidth * TileHeight;
}

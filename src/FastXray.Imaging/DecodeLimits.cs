namespace FastXray.Imaging;

/// <summary>Limits every decoder checks before it allocates; defaults follow libpng.</summary>
public sealed record DecodeLimits
{
    /// <summary>The defaults: 1,000,000 per dimension, 2^28 pixels, 2 GiB of decompressed data.</summary>
    public static DecodeLimits Default { get; } = new();

    /// <summary>Largest accepted width or height (libpng's default user limit).</summary>
    public int MaxDimension { get; init; } = 1_000_000;

    /// <summary>Largest accepted width times height.</summary>
    public long MaxPixels { get; init; } = 1L << 28;

    /// <summary>Largest accepted decompressed payload in bytes.</summary>
    public long MaxDecompressedBytes { get; init; } = 1L << 31;

    /// <summary>Throws unless a <paramref name="width"/> x <paramref name="height"/> image fits the limits.</summary>
    public void CheckSize(long width, long height)
    {
        if (width <= 0 || height <= 0)
        {
            ThrowHelper.ThrowFormat($"image size {width}x{height} is empty or negative");
        }

        if (width > MaxDimension || height > MaxDimension)
        {
            ThrowHelper.ThrowFormat($"image size {width}x{height} exceeds the per-dimension limit {MaxDimension}");
        }

        if (width * height > MaxPixels)
        {
            ThrowHelper.ThrowFormat($"image size {width}x{height} exceeds the pixel limit {MaxPixels}");
        }
    }
}

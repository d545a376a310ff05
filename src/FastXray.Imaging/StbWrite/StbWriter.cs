using StbImageWriteSharp;

namespace FastXray.Imaging.StbWrite;

/// <summary>Shared argument checks and the call into StbImageWriteSharp for the BMP and TGA writers.</summary>
/// <remarks>
/// Thread safety: <c>ImageWriter</c> keeps the destination stream in an instance field for the length of a call,
/// so we create one per call. The library's process-wide switches (<c>stbi_write_tga_with_rle</c>,
/// <c>stbi__flip_vertically_on_write</c>, PNG settings) are static fields that we never change; left at their
/// defaults (RLE on, no flip) they are only read, so concurrent calls are safe as long as no other code in the
/// process sets them. Output depends only on the pixels (no timestamps), so it is deterministic.
/// </remarks>
internal static class StbWriter
{
    public static byte[] Validate(ReadOnlySpan<byte> pixels, int width, int height, int channels, int maxSize)
    {
        if (width < 1 || width > maxSize || height < 1 || height > maxSize)
        {
            ThrowHelper.ThrowArgument(width < 1 || width > maxSize ? nameof(width) : nameof(height), $"Size {width}x{height} is outside 1..{maxSize}.");
        }

        long needed = (long)width * height * channels;
        if (pixels.Length < needed)
        {
            ThrowHelper.ThrowArgument(nameof(pixels), $"{pixels.Length} bytes is fewer than {width}x{height}x{channels}.");
        }

        // The library takes a managed array.
        return pixels[..(int)needed].ToArray();
    }

    public static ImageWriter Writer() => new();

    public static ColorComponents Components(int channels) => channels == 1 ? ColorComponents.Grey : ColorComponents.RedGreenBlue;
}

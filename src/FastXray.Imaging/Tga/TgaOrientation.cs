using System.Buffers;

namespace FastXray.Imaging.Tga;

/// <summary>The TGA descriptor's origin bits (byte 17): bit 5 top-to-bottom, bit 4 right-to-left.</summary>
/// <remarks>
/// stb_image honours bit 5 only; Pillow (and the TGA specification) honour both, flipping a right-to-left file
/// left to right. We follow Pillow for both paths: our own decoder and StbImageSharp's result are mirrored alike.
/// </remarks>
internal static class TgaOrientation
{
    public static bool TopDown(ReadOnlySpan<byte> data) => (data[17] & 0x20) != 0;

    public static void MirrorIfRightToLeft(ReadOnlySpan<byte> data, Span<byte> gray, int width, int height)
    {
        if ((data[17] & 0x10) == 0)
        {
            return;
        }

        for (int y = 0; y < height; y++)
        {
            gray.Slice(y * width, width).Reverse();
        }
    }

    public static void FlipVertically(Span<byte> gray, int width, int height)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(width);
        try
        {
            Span<byte> temp = rented.AsSpan(0, width);
            for (int top = 0, bottom = height - 1; top < bottom; top++, bottom--)
            {
                Span<byte> a = gray.Slice(top * width, width);
                Span<byte> b = gray.Slice(bottom * width, width);
                a.CopyTo(temp);
                b.CopyTo(a);
                temp.CopyTo(b);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

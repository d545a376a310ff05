using System.Diagnostics;
using System.Runtime.CompilerServices;
using FastXray.Imaging.Png;

namespace FastXray.Imaging.Bmp;

/// <summary>B G R (and B G R A / B G R X) pixels and palette indices to grey, by BT.601 as PNG does.</summary>
internal static class BgrGray
{
    /// <summary>One grey sample per pixel from <paramref name="bytesPerPixel"/> (3 or 4) bytes stored B G R first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // loops run once per call: no tier-0 pass over a whole image
    public static void Row(ReadOnlySpan<byte> bgr, int bytesPerPixel, Span<byte> destination)
    {
        Debug.Assert(bgr.Length >= destination.Length * bytesPerPixel);
        for (int i = 0, j = 0; i < destination.Length; i++, j += bytesPerPixel)
        {
            destination[i] = Luma(bgr, j);
        }
    }

    /// <summary>The grey of the pixel whose B G R bytes start at <paramref name="at"/>: PngGrayConversion.Luma.</summary>
    public static byte Luma(ReadOnlySpan<byte> bgr, int at) => (byte)PngGrayConversion.Luma(bgr[at + 2], bgr[at + 1], bgr[at]);

    /// <summary>Maps palette indices through a 256-entry grey table; a plain copy when the table is the identity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // loops run once per call: no tier-0 pass over a whole image
    public static void Lookup(ReadOnlySpan<byte> indices, ReadOnlySpan<byte> table, bool identity, Span<byte> destination)
    {
        Debug.Assert(table.Length == 256 && indices.Length >= destination.Length);
        if (identity)
        {
            indices[..destination.Length].CopyTo(destination);
            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = table[indices[i]];
        }
    }

    /// <summary>True when entry i of the table is i: a grey palette in index order, the usual 8-bit grey BMP.</summary>
    public static bool IsIdentity(ReadOnlySpan<byte> table)
    {
        for (int i = 0; i < table.Length; i++)
        {
            if (table[i] != i)
            {
                return false;
            }
        }

        return true;
    }
}

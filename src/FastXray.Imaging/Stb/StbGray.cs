using System.Diagnostics;

namespace FastXray.Imaging.Stb;

/// <summary>Float RGB (HDR) to float grey.</summary>
internal static class StbGray
{
    /// <summary>
    /// Y = 0.299·R + 0.587·G + 0.114·B in single precision, left to right: the PNG weights without the integer
    /// rounding, since HDR samples are linear radiance on no fixed grid. Within a few ulp of the exact value.
    /// </summary>
    public static void Luma(ReadOnlySpan<float> rgb, Span<float> destination)
    {
        Debug.Assert(rgb.Length == destination.Length * 3);
        for (int i = 0; i < destination.Length; i++)
        {
            int j = 3 * i;
            destination[i] = (0.299f * rgb[j]) + (0.587f * rgb[j + 1]) + (0.114f * rgb[j + 2]);
        }
    }
}

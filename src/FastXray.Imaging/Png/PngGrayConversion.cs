using System.Diagnostics;
using System.Numerics;

namespace FastXray.Imaging.Png;

/// <summary>Decoded pixels to one gray sample per pixel: the gray channel, or BT.601 luma of RGB.</summary>
/// <remarks>
/// Y = (299·R + 587·G + 114·B + 500) / 1000 with integer division: exactly 0.299 R + 0.587 G + 0.114 B
/// rounded half up, for 8-bit and 16-bit samples alike (65535·1000 fits in an int). Alpha is dropped.
/// Not a hot path (radiographs are stored gray), so it stays scalar.
/// </remarks>
internal static class PngGrayConversion
{
    /// <summary>One grey sample per pixel from <paramref name="channels"/> interleaved samples (8- or 16-bit).</summary>
    public static void ToGray<T>(ReadOnlySpan<T> source, int channels, Span<T> destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        Debug.Assert(source.Length == destination.Length * channels);
        if (channels <= 2)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = source[i * channels];
            }

            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            int j = i * channels;
            destination[i] = T.CreateTruncating(Luma(int.CreateTruncating(source[j]), int.CreateTruncating(source[j + 1]), int.CreateTruncating(source[j + 2])));
        }
    }

    /// <summary>16-bit to 8-bit by dropping the low byte (v >> 8), the inverse of the ×257 widening.</summary>
    public static void ReduceTo8(ReadOnlySpan<ushort> source, Span<byte> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (byte)(source[i] >> 8);
        }
    }

    public static int Luma(int r, int g, int b) => ((299 * r) + (587 * g) + (114 * b) + 500) / 1000;
}

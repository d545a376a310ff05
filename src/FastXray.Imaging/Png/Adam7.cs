using System.Runtime.CompilerServices;

namespace FastXray.Imaging.Png;

/// <summary>Adam7 interlacing (PNG spec §8.2): seven passes over the image, each a sub-image on a regular grid.</summary>
/// <remarks>
/// Pass p covers pixels (X0 + i·Dx, Y0 + j·Dy): (0,0,8,8) (4,0,8,8) (0,4,4,8) (2,0,4,4) (0,2,2,4) (1,0,2,2) (0,1,1,2).
/// A pass whose sub-image is empty has no scanlines at all (not even filter bytes).
/// </remarks>
internal static class Adam7
{
    public const int Passes = 7;

    private static ReadOnlySpan<byte> X0 => [0, 4, 0, 2, 0, 1, 0];

    private static ReadOnlySpan<byte> Y0 => [0, 0, 4, 0, 2, 0, 1];

    private static ReadOnlySpan<byte> Dx => [8, 8, 4, 4, 2, 2, 1];

    private static ReadOnlySpan<byte> Dy => [8, 8, 8, 4, 4, 2, 2];

    /// <summary>Width of pass <paramref name="pass"/> of an image <paramref name="width"/> wide.</summary>
    public static int PassWidth(int pass, int width) => width <= X0[pass] ? 0 : ((width - X0[pass] - 1) / Dx[pass]) + 1;

    /// <summary>Height of pass <paramref name="pass"/> of an image <paramref name="height"/> high.</summary>
    public static int PassHeight(int pass, int height) => height <= Y0[pass] ? 0 : ((height - Y0[pass] - 1) / Dy[pass]) + 1;

    /// <summary>The image row that row <paramref name="passRow"/> of pass <paramref name="pass"/> lands on.</summary>
    public static int ImageRow(int pass, int passRow) => Y0[pass] + (passRow * Dy[pass]);

    /// <summary>Places the pixels of one pass row (<paramref name="channels"/> samples each) on their grid columns of <paramref name="imageRow"/>.</summary>
    public static void Scatter<T>(ReadOnlySpan<T> passRow, Span<T> imageRow, int pass, int passWidth, int channels)
        where T : unmanaged
    {
        int x0 = X0[pass];
        int dx = Dx[pass];
        for (int i = 0; i < passWidth; i++)
        {
            passRow.Slice(i * channels, channels).CopyTo(imageRow.Slice((x0 + (i * dx)) * channels, channels));
        }
    }

    /// <summary>Total bytes of the inflated stream: every non-empty pass contributes height × (1 + row bytes).</summary>
    public static long InflatedBytes(in PngHeader header)
    {
        if (!header.Interlaced)
        {
            return header.Height * (1 + header.RowBytes(header.Width));
        }

        long total = 0;
        for (int p = 0; p < Passes; p++)
        {
            int w = PassWidth(p, header.Width);
            int h = PassHeight(p, header.Height);
            if (w > 0 && h > 0)
            {
                total += h * (1 + header.RowBytes(w));
            }
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsEmpty(int pass, int width, int height) => PassWidth(pass, width) == 0 || PassHeight(pass, height) == 0;
}

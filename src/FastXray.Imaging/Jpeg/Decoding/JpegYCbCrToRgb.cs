namespace FastXray.Imaging.Jpeg.Decoding;

/// <summary>
/// YCbCr to RGB as libjpeg's jdcolor.c ycc_rgb_convert (libjpeg-turbo's SIMD versions give the same bytes): JFIF's
/// R = Y + 1.402 Cr', G = Y - 0.34414 Cb' - 0.71414 Cr', B = Y + 1.772 Cb' (Cb' = Cb - 128) in 16-bit fixed point,
/// with the same tables and rounding, clamped to 0..255.
/// </summary>
internal static class JpegYCbCrToRgb
{
    private const int ScaleBits = 16;
    private const int OneHalf = 1 << (ScaleBits - 1);

    private static readonly int[] s_crR = new int[256];
    private static readonly int[] s_cbB = new int[256];
    private static readonly int[] s_crG = new int[256];
    private static readonly int[] s_cbG = new int[256];

#pragma warning disable CA1810 // the four tables are filled by one loop, as build_ycc_rgb_table does
    static JpegYCbCrToRgb()
#pragma warning restore CA1810
    {
        for (int i = 0, x = -128; i < 256; i++, x++)
        {
            s_crR[i] = ((Fix(1.40200) * x) + OneHalf) >> ScaleBits; // nearest integer to 1.402 x
            s_cbB[i] = ((Fix(1.77200) * x) + OneHalf) >> ScaleBits;
            s_crG[i] = -Fix(0.71414) * x; // kept scaled; G adds the two and rounds once
            s_cbG[i] = (-Fix(0.34414) * x) + OneHalf;
        }
    }

    /// <summary>Converts pixel-interleaved Y, Cb, Cr samples (0..255) in <paramref name="ycc"/> to R, G, B bytes.</summary>
    public static void Convert(ReadOnlySpan<ushort> ycc, Span<byte> rgb)
    {
        for (int i = 0; i + 2 < ycc.Length; i += 3)
        {
            int y = ycc[i];
            int cb = ycc[i + 1] & 0xFF;
            int cr = ycc[i + 2] & 0xFF;
            rgb[i] = Clamp(y + s_crR[cr]);
            rgb[i + 1] = Clamp(y + ((s_cbG[cb] + s_crG[cr]) >> ScaleBits));
            rgb[i + 2] = Clamp(y + s_cbB[cb]);
        }
    }

    private static int Fix(double x) => (int)((x * (1 << ScaleBits)) + 0.5);

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);
}

namespace FastXray.Imaging.Jpeg;

/// <summary>The luminance quantisation table for a quality, and the reciprocal divisors libjpeg-turbo quantises with.</summary>
/// <remarks>
/// Quality q (1..100) becomes a percentage scale s = 5000/q below 50, else 200 - 2q (libjpeg's
/// <c>jpeg_quality_scaling</c>); each Annex K entry becomes (entry·s + 50)/100 clamped to 1..255 (the baseline
/// clamp Pillow and <c>cjpeg -baseline</c> apply), so the table fits SOF0's 8-bit DQT.
/// </remarks>
internal static class JpegQuantization
{
    /// <summary>ITU-T T.81 Annex K table K.1 (luminance), natural row-major order.</summary>
    private static ReadOnlySpan<byte> AnnexKLuminance =>
    [
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    ];

    /// <summary>libjpeg's <c>jpeg_quality_scaling</c>: quality 1..100 to a percentage of the Annex K table.</summary>
    public static int QualityScaling(int quality) => quality < 50 ? 5000 / quality : 200 - (quality * 2);

    /// <summary>Fills <paramref name="table"/> (64 entries, natural order) with the baseline table for <paramref name="quality"/>.</summary>
    public static void Table(int quality, Span<byte> table)
    {
        int scale = QualityScaling(quality);
        for (int i = 0; i < 64; i++)
        {
            int v = ((AnnexKLuminance[i] * scale) + 50) / 100;
            table[i] = (byte)Math.Clamp(v, 1, 255);
        }
    }

    /// <summary>
    /// The divisor of coefficient i is 8·q[i] (islow leaves its output scaled by 8). libjpeg-turbo divides by
    /// multiplying: |x| → ((|x| + correction) · reciprocal) >> shift, sign restored (jcdctmgr.c compute_reciprocal). Reproducing that (rather
    /// than a true rounded division) is what makes our coefficients, and so our bytes, equal to its own.
    /// </summary>
    public static void Reciprocals(ReadOnlySpan<byte> table, Span<uint> reciprocal, Span<uint> correction, Span<int> shift, Span<int> scale)
    {
        for (int i = 0; i < 64; i++)
        {
            uint divisor = (uint)table[i] << 3;
            int b = 31 - int.LeadingZeroCount((int)divisor);
            int r = 16 + b;
            uint fq = (1u << r) / divisor;
            uint fr = (1u << r) % divisor;
            uint c = divisor / 2;
            if (fr == 0)
            {
                // Power-of-two divisor: the reciprocal would need 17 bits, so halve it and shift one less.
                fq >>= 1;
                r--;
            }
            else if (fr <= divisor / 2)
            {
                c++;
            }
            else
            {
                fq++;
            }

            reciprocal[i] = fq;
            correction[i] = c;
            shift[i] = r;

            // For the vector path, which shifts every lane by 16: (p >> 16) · 2^(32−r) >> 16 = p >> r because
            // r is always 18..26 here (the divisor is at least 8), as libjpeg-turbo's SIMD quantiser does.
            scale[i] = 1 << (32 - r);
        }
    }
}

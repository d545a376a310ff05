namespace FastXray.Intensity;

/// <summary>
/// How many bits of an integer sample an image really uses: a 12-bit detector's radiograph stored in a 16-bit
/// PNG holds 0..4095, and a threshold meant for 8-bit data (the tutorial's 150) must scale to that range, not to
/// 0..65535, or every mask comes out empty.
/// </summary>
public static class SignificantBits
{
    /// <summary>The bits the samples use, from what the file states and the image's maximum.</summary>
    /// <param name="storageBits">Bits per stored sample: 8 or 16 (anything else is returned as it is).</param>
    /// <param name="statedBits">PNG sBIT or DICOM Bits Stored; 0 when the file does not say.</param>
    /// <param name="max">The image's largest sample.</param>
    /// <remarks>
    /// A stated count is used when the maximum fits in it. PNG's specification says samples are scaled up to the full
    /// depth and sBIT only records the original precision, so a maximum above 2^sBIT − 1 means the writer did scale,
    /// and the storage depth is the range; many medical writers store the raw 12-bit values instead, which the fit
    /// test tells apart. Without a statement, 16-bit storage uses the smallest depth of at least 8 bits that holds
    /// the maximum; 8-bit storage stays 8, so a uint8 image gets exactly the tutorial's numbers.
    /// </remarks>
    public static int Effective(int storageBits, int statedBits, double max)
    {
        if (storageBits is not (8 or 16))
        {
            return storageBits;
        }

        if (statedBits >= 1 && statedBits <= storageBits)
        {
            return max <= (1 << statedBits) - 1 ? statedBits : storageBits;
        }

        if (storageBits == 8)
        {
            return 8;
        }

        int bits = 8;
        while (bits < 16 && max > (1 << bits) - 1)
        {
            bits++;
        }

        return bits;
    }

    /// <summary>
    /// A level given for 8-bit data scaled to <paramref name="bits"/> bits: <c>level · (2^bits − 1) / 255</c>, so
    /// full scale maps to full scale (150 → 150 at 8 bits, 2408.82… at 12, 38550 at 16).
    /// </summary>
    public static double ScaleFrom8(double level, int bits) => bits == 8 ? level : level * ((1 << bits) - 1) / 255.0;
}

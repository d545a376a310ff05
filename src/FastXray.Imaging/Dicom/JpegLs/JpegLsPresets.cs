namespace FastXray.Imaging.Dicom.JpegLs;

/// <summary>
/// The preset coding parameters of an LSE segment with id 1 (T.87 C.2.4.1.1) as written; 0 means "use the default".
/// </summary>
internal struct JpegLsPresets
{
    public int MaxVal;
    public int T1;
    public int T2;
    public int T3;
    public int Reset;
}

/// <summary>The parameters one scan is decoded with: the presets resolved against the precision and NEAR.</summary>
internal readonly struct JpegLsCodingParameters
{
    private const int BasicT1 = 3;
    private const int BasicT2 = 7;
    private const int BasicT3 = 21;
    private const int DefaultReset = 64;

    public int MaxVal { get; }
    public int Near { get; }
    public int T1 { get; }
    public int T2 { get; }
    public int T3 { get; }
    public int Reset { get; }

    /// <summary>RANGE = (MAXVAL + 2 NEAR) / (2 NEAR + 1) + 1: the number of quantised error values.</summary>
    public int Range => ((MaxVal + (2 * Near)) / ((2 * Near) + 1)) + 1;

    /// <summary>qbpp = ceil(log2 RANGE): bits of an escaped (LIMIT-length) error.</summary>
    public int Qbpp => CeilLog2(Range);

    /// <summary>LIMIT = 2 (bpp + max(8, bpp)), bpp = max(2, ceil(log2(MAXVAL + 1))): the longest Golomb code.</summary>
    public int Limit
    {
        get
        {
            int bpp = Math.Max(2, CeilLog2(MaxVal + 1));
            return 2 * (bpp + Math.Max(8, bpp));
        }
    }

    private JpegLsCodingParameters(int maxVal, int near, int t1, int t2, int t3, int reset)
    {
        MaxVal = maxVal;
        Near = near;
        T1 = t1;
        T2 = t2;
        T3 = t3;
        Reset = reset;
    }

    /// <summary>Resolves <paramref name="presets"/> for a scan; throws for values T.87 does not allow.</summary>
    public static JpegLsCodingParameters Resolve(in JpegLsPresets presets, int precision, int near)
    {
        int top = (1 << precision) - 1;
        int maxVal = presets.MaxVal != 0 ? presets.MaxVal : top;
        if (maxVal > top)
        {
            JpegLsErrors.ThrowCorrupt($"MAXVAL {maxVal} exceeds the {precision}-bit precision");
        }

        if (near > Math.Min(255, maxVal / 2))
        {
            JpegLsErrors.ThrowCorrupt($"NEAR {near} too large for MAXVAL {maxVal}");
        }

        // T.87 C.2.4.1.1.1: defaults scale the 8-bit thresholds with MAXVAL and widen them by NEAR.
        int d1, d2, d3;
        if (maxVal >= 128)
        {
            int factor = (Math.Min(maxVal, 4095) + 128) / 256;
            d1 = Clamp((factor * (BasicT1 - 2)) + 2 + (3 * near), near + 1, maxVal);
            d2 = Clamp((factor * (BasicT2 - 3)) + 3 + (5 * near), d1, maxVal);
            d3 = Clamp((factor * (BasicT3 - 4)) + 4 + (7 * near), d2, maxVal);
        }
        else
        {
            int factor = 256 / (maxVal + 1);
            d1 = Clamp(Math.Max(2, (BasicT1 / factor) + (3 * near)), near + 1, maxVal);
            d2 = Clamp(Math.Max(3, (BasicT2 / factor) + (5 * near)), d1, maxVal);
            d3 = Clamp(Math.Max(4, (BasicT3 / factor) + (7 * near)), d2, maxVal);
        }

        int t1 = presets.T1 != 0 ? presets.T1 : d1;
        int t2 = presets.T2 != 0 ? presets.T2 : d2;
        int t3 = presets.T3 != 0 ? presets.T3 : d3;
        int reset = presets.Reset != 0 ? presets.Reset : DefaultReset;
        if (t1 < near + 1 || t1 > maxVal || t2 < t1 || t2 > maxVal || t3 < t2 || t3 > maxVal)
        {
            JpegLsErrors.ThrowCorrupt($"thresholds T1 {t1}, T2 {t2}, T3 {t3} out of order for MAXVAL {maxVal}, NEAR {near}");
        }

        if (reset < 3 || reset > Math.Max(255, maxVal))
        {
            JpegLsErrors.ThrowCorrupt($"RESET {reset} outside 3..{Math.Max(255, maxVal)}");
        }

        return new JpegLsCodingParameters(maxVal, near, t1, t2, t3, reset);
    }

    // T.87's CLAMP(i, j, MAXVAL): j when i is out of [j, MAXVAL].
    private static int Clamp(int i, int j, int maxVal) => i > maxVal || i < j ? j : i;

    private static int CeilLog2(int n)
    {
        int x = 0;
        while ((1 << x) < n)
        {
            x++;
        }

        return x;
    }
}

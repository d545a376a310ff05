namespace FastXray.Imaging.Jpeg;

/// <summary>
/// libjpeg's "islow" DCT constants (jfdctint.c, jidctint.c): each factor scaled by 2^13 and rounded, shared by our
/// forward DCT (the encoder) and inverse DCT (the DICOM JPEG decoder) so both stay bit-exact with libjpeg.
/// </summary>
internal static class JpegIslowConstants
{
    public const int ConstBits = 13;
    public const int Fix0298631336 = 2446;
    public const int Fix0390180644 = 3196;
    public const int Fix0541196100 = 4433;
    public const int Fix0765366865 = 6270;
    public const int Fix0899976223 = 7373;
    public const int Fix1175875602 = 9633;
    public const int Fix1501321110 = 12299;
    public const int Fix1847759065 = 15137;
    public const int Fix1961570560 = 16069;
    public const int Fix2053119869 = 16819;
    public const int Fix2562915447 = 20995;
    public const int Fix3072711026 = 25172;
}

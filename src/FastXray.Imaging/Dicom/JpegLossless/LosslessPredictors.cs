using System.Runtime.CompilerServices;

namespace FastXray.Imaging.Dicom.JpegLossless;

/// <summary>
/// One lossless predictor (T.81 Table H.1) as a static struct, so the row loop is compiled once per selection value
/// with the prediction inlined. Ra = left, Rb = above, Rc = above-left, all reconstructed values before the point
/// transform's shift. Arithmetic is in int, wide enough for 16-bit samples (the standard asks for full precision;
/// the sum is reduced modulo 2^16 only after the difference is added, H.1.2.1).
/// </summary>
internal interface ILosslessPredictor
{
    /// <summary>Whether the prediction reads the row above; when not, the loop skips those loads.</summary>
    static abstract bool UsesAbove { get; }

    static abstract int Predict(int ra, int rb, int rc);
}

internal readonly struct PredictLeft : ILosslessPredictor
{
    public static bool UsesAbove => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Predict(int ra, int rb, int rc) => ra;
}

internal readonly struct PredictAbove : ILosslessPredictor
{
    public static bool UsesAbove => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Predict(int ra, int rb, int rc) => rb;
}

internal readonly struct PredictAboveLeft : ILosslessPredictor
{
    public static bool UsesAbove => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Predict(int ra, int rb, int rc) => rc;
}

internal readonly struct PredictPlane : ILosslessPredictor
{
    public static bool UsesAbove => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Predict(int ra, int rb, int rc) => ra + rb - rc;
}

/// <summary>Selection value 5. The halving is an arithmetic shift, as in IJG/dcmtk and CharLS.</summary>
internal readonly struct PredictLeftPlusHalf : ILosslessPredictor
{
    public static bool UsesAbove => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Predict(int ra, int rb, int rc) => ra + ((rb - rc) >> 1);
}

/// <summary>Selection value 6 (computed in int: the 16-bit overflow some encoders had is dcmdjpeg's +w6 workaround, not the standard).</summary>
internal readonly struct PredictAbovePlusHalf : ILosslessPredictor
{
    public static bool UsesAbove => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Predict(int ra, int rb, int rc) => rb + ((ra - rc) >> 1);
}

internal readonly struct PredictAverage : ILosslessPredictor
{
    public static bool UsesAbove => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Predict(int ra, int rb, int rc) => (ra + rb) >> 1;
}

/// <summary>The same predictors selected per sample, for the interleaved multi-component path.</summary>
internal static class LosslessPredictor
{
    public static int Predict(int selection, int ra, int rb, int rc) => selection switch
    {
        1 => ra,
        2 => rb,
        3 => rc,
        4 => ra + rb - rc,
        5 => ra + ((rb - rc) >> 1),
        6 => rb + ((ra - rc) >> 1),
        _ => (ra + rb) >> 1,
    };
}

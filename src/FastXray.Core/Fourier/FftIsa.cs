using System.Runtime.Intrinsics;

namespace FastXray.Fourier;

/// <summary>
/// Chooses, once per call, how many float lanes the batched FFT kernels use: the widest accelerated register
/// (16, 8, 4) or the scalar path (1). The environment variable <c>FASTXRAY_FFT_LANES</c> (1, 4, 8, 16) caps it
/// for a whole process (benchmarks); <see cref="Override"/> caps it for the current thread (tests).
/// </summary>
/// <remarks>The results do not depend on the choice (see <see cref="IFftLanes{TV}"/>); only the speed does.</remarks>
internal static class FftIsa
{
    private static readonly int s_environmentLanes = Parse(Environment.GetEnvironmentVariable("FASTXRAY_FFT_LANES"));

    [ThreadStatic]
    private static int s_override;

    /// <summary>The widest lane count the hardware accelerates.</summary>
    public static int MaxLanes =>
        Vector512.IsHardwareAccelerated ? 16
        : Vector256.IsHardwareAccelerated ? 8
        : Vector128.IsHardwareAccelerated ? 4
        : 1;

    /// <summary>A per-thread cap on the lane count (0 = none). Values are clamped to what the hardware supports.</summary>
    public static int Override
    {
        get => s_override;
        set => s_override = value;
    }

    /// <summary>The lane count to use for this call.</summary>
    public static int Lanes
    {
        get
        {
            int lanes = MaxLanes;
            int cap = s_override != 0 ? s_override : s_environmentLanes;
            while (cap != 0 && lanes > cap)
            {
                lanes = lanes == 16 ? 8 : lanes == 8 ? 4 : 1;
            }

            return lanes;
        }
    }

    /// <summary>
    /// <see cref="Lanes"/>, narrowed while half the register would still cover <paramref name="batch"/> transforms:
    /// a 1×N image's row pass has one row, so wider registers would only transform zeros.
    /// </summary>
    public static int LanesFor(int batch)
    {
        int lanes = Lanes;
        while (lanes > 1 && lanes / 2 >= batch)
        {
            lanes = lanes == 16 ? 8 : lanes == 8 ? 4 : 1;
        }

        return lanes;
    }

    private static int Parse(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int lanes) && lanes > 0 ? lanes : 0;
}

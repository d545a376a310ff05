using FastXray.Fourier;

namespace FastXray.Cli.Ops;

internal static partial class BuiltInOps
{
    /// <summary>
    /// scipy.ndimage.fourier_gaussian applied, as the tutorial does, directly to the image (a pointwise factor on the
    /// array it is given), and FastXray's <c>fft_gaussian</c>: the real part of ifft2(fourier_gaussian(fft2(x))).
    /// Both are whole-image (no reach): every output depends on every input.
    /// </summary>
    private static void AddFourier(OpRegistry r)
    {
        OpParam sigma = OpParam.PerAxis("sigma", "Gaussian standard deviation in pixels (axis 0 = rows)", min: 0);
        r.Add("fourier_gaussian", "scipy.ndimage.fourier_gaussian on the array as given (the tutorial's use)",
            [sigma, OpParam.Int("n", "size of the real axis for rfft input; -1 = a full complex transform", -1, min: -1), OpParam.Int("axis", "the rfft axis when n >= 0", -1, min: -2, max: 1)],
            static (s, d, a, _) =>
            {
                (double sy, double sx) = a.PerAxis("sigma");
                FourierGaussian.Apply(s, d, sy, sx, a.Int("n"), a.Int("axis"));
            });
        r.Add("fft_gaussian", "Gaussian blur in the frequency domain: real(ifft2(fourier_gaussian(fft2(x))))", [sigma],
            static (s, d, a, _) =>
            {
                (double sy, double sx) = a.PerAxis("sigma");
                FftGaussian.Apply(s, d, sy, sx);
            });
    }
}

using FastXray.Edges;
using FastXray.Filters;

namespace FastXray.Cli.Ops;

/// <summary>
/// The built-in ops: scipy.ndimage's names and parameters, each a few lines calling a FastXray.Core kernel.
/// To add one: declare its parameters (reusing the shared ones below) and the kernel call; parsing, help,
/// error messages and canonical forms follow from the declaration.
/// </summary>
internal static partial class BuiltInOps
{
    /// <summary>scipy's <c>mode</c> for filters; the <c>grid-*</c> spellings map to their filter equivalents.</summary>
    private static readonly OpParam Mode = OpParam.Choice("mode", "border handling, as scipy.ndimage", "reflect",
        ["reflect", "mirror", "nearest", "constant", "wrap"],
        s => BorderModes.TryParse(s, out BorderMode m) ? m.ToName() : s);

    private static readonly OpParam Cval = OpParam.Number("cval", "value outside the image when mode=constant", 0);
    private static readonly OpParam Sigma = OpParam.PerAxis("sigma", "standard deviation in pixels (axis 0 = rows)", min: 0);
    private static readonly OpParam Truncate = OpParam.Number("truncate", "radius = int(truncate * sigma + 0.5)", 4.0, min: 0);
    private static readonly OpParam Radius = OpParam.PerAxis("radius", "kernel radius; overrides truncate", min: 0, max: 1 << 20, integer: true, optional: true);
    private static readonly OpParam Axis = OpParam.Int("axis", "derivative axis: 0 = down the rows, 1 or -1 = along a row", -1, min: -2, max: 1);
    private static readonly OpParam Weights = OpParam.Matrix("weights", "2-D weights, e.g. [[1,1,1],[0,0,0],[-1,-1,-1]]");
    private static readonly OpParam Origin = OpParam.PerAxis("origin", "shifts the window; -(k//2) <= origin <= (k-1)//2", 0, integer: true, min: -1 << 20, max: 1 << 20);

    public static OpRegistry Create()
    {
        var r = new OpRegistry();

        // Gaussian family (scipy.ndimage.gaussian_filter, gaussian_laplace, gaussian_gradient_magnitude).
        r.Add("gaussian_filter", "Gaussian smoothing or derivative (order per axis)",
            [Sigma, OpParam.PerAxis("order", "derivative order per axis", 0, min: 0, max: 16, integer: true), Mode, Cval, Truncate, Radius],
            static (s, d, a, _) => GaussianFilter.Apply(s, d, a.PerAxis("sigma"), a.PerAxisInt("order"), a.Mode(), a.Double("cval"), a.Double("truncate"), RadiusOf(a)),
            reach: GaussianReach);
        r.Add("gaussian_laplace", "Laplacian of Gaussian",
            [Sigma, Mode, Cval, Truncate, Radius],
            static (s, d, a, _) => GaussianLaplace.Apply(s, d, a.PerAxis("sigma"), a.Mode(), a.Double("cval"), a.Double("truncate"), RadiusOf(a)),
            reach: GaussianReach);
        r.Add("gaussian_gradient_magnitude", "gradient magnitude with Gaussian derivatives",
            [Sigma, Mode, Cval, Truncate, Radius],
            static (s, d, a, _) => GaussianGradientMagnitude.Apply(s, d, a.PerAxis("sigma"), a.Mode(), a.Double("cval"), a.Double("truncate"), RadiusOf(a)),
            reach: GaussianReach);

        // Edges (scipy.ndimage.sobel, prewitt, laplace; the magnitudes are the tutorial's hypot of both axes).
        r.Add("sobel", "Sobel derivative along one axis", [Axis, Mode, Cval],
            static (s, d, a, _) => Sobel.Apply(s, d, a.Int("axis"), a.Mode(), a.Double("cval")), reach: static _ => 1);
        r.Add("prewitt", "Prewitt derivative along one axis", [Axis, Mode, Cval],
            static (s, d, a, _) => Prewitt.Apply(s, d, a.Int("axis"), a.Mode(), a.Double("cval")), reach: static _ => 1);
        r.Add("laplace", "discrete Laplacian [[0,1,0],[1,-4,1],[0,1,0]]", [Mode, Cval],
            static (s, d, a, _) => Laplace.Apply(s, d, a.Mode(), a.Double("cval")), reach: static _ => 1);
        r.Add("sobel_magnitude", "hypot(sobel(axis=0), sobel(axis=1))", [Mode, Cval],
            static (s, d, a, _) => Sobel.Magnitude(s, d, a.Mode(), a.Double("cval")), reach: static _ => 1);
        r.Add("prewitt_magnitude", "hypot(prewitt(axis=0), prewitt(axis=1))", [Mode, Cval],
            static (s, d, a, _) => Prewitt.Magnitude(s, d, a.Mode(), a.Double("cval")), reach: static _ => 1);

        // General 2-D weights (scipy.ndimage.correlate, convolve).
        r.Add("correlate", "correlation with a 2-D weights array", [Weights, Mode, Cval, Origin],
            static (s, d, a, _) => WithWeights(s, d, a, convolve: false), CheckOrigin, WeightsReach);
        r.Add("convolve", "convolution with a 2-D weights array", [Weights, Mode, Cval, Origin],
            static (s, d, a, _) => WithWeights(s, d, a, convolve: true), CheckOrigin, WeightsReach);

        // Edge detection (skimage.feature.canny).
        AddCanny(r);

        // The lesson's filters (rank family, uniform), binary morphology, Fourier filters and intensity steps.
        AddRankFilters(r);
        AddMorphology(r);
        AddFourier(r);
        AddIntensity(r);

        return r;
    }

    private static (int, int)? RadiusOf(OpArgs a) => a.Has("radius") ? a.PerAxisInt("radius") : null;

    // Row reach of the separable Gaussian family: the axis-0 radius, r = int(truncate * sigma + 0.5) or radius.
    // Every term is an axis-0 pass then an axis-1 pass, so rows further away are never read.
    private static int GaussianReach(OpArgs a)
    {
        double r = a.Has("radius") ? a.PerAxisInt("radius").Axis0 : Math.Floor((a.Double("truncate") * a.PerAxis("sigma").Axis0) + 0.5);
        return r is >= 0 and < int.MaxValue / 4 ? (int)r : -1;
    }

    // Rows k//2 + |origin| on either side (a conservative bound for both correlate and convolve).
    private static int WeightsReach(OpArgs a) => (a.Matrix("weights").Rows / 2) + Math.Abs(a.PerAxisInt("origin").Axis0) + 1;

    private static void WithWeights(ReadOnlyImageSpan<float> s, ImageSpan<float> d, OpArgs a, bool convolve)
    {
        (double[] values, int rows, int columns) = a.Matrix("weights");
        float[] weights = Array.ConvertAll(values, v => (float)v);
        (int oy, int ox) = a.PerAxisInt("origin");
        if (convolve)
        {
            Convolve.Apply(s, d, weights, rows, columns, a.Mode(), a.Double("cval"), oy, ox);
        }
        else
        {
            Correlate.Apply(s, d, weights, rows, columns, a.Mode(), a.Double("cval"), oy, ox);
        }
    }

    // scipy: -(k // 2) <= origin <= (k - 1) // 2 on each axis.
    private static string? CheckOrigin(OpArgs a)
    {
        (_, int rows, int columns) = a.Matrix("weights");
        (int oy, int ox) = a.PerAxisInt("origin");
        foreach ((int o, int k, string axis) in new[] { (oy, rows, "0"), (ox, columns, "1") })
        {
            if (o < -(k / 2) || o > (k - 1) / 2)
            {
                return $"origin {o} on axis {axis} is outside {-(k / 2)}..{(k - 1) / 2} for weights of size {k}";
            }
        }

        return null;
    }
}

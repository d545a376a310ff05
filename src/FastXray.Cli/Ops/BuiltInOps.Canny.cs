using System.Buffers;
using FastXray.Edges;

namespace FastXray.Cli.Ops;

internal static partial class BuiltInOps
{
    /// <summary>
    /// <c>canny</c>: scikit-image 0.19's <c>skimage.feature.canny</c> on the image as stored, written as 0/255.
    /// </summary>
    /// <remarks>
    /// The chain runs on float32 copies of the stored samples, so the op takes the dtype maximum from the input's
    /// stored depth (<see cref="OpContext.SourceBitDepth"/>: 8 → 255, 16 → 65535, float data → 1), exactly as skimage
    /// derives it from the array's dtype: thresholds are in stored units (0..255, 0..65535), the defaults are 0.1 and
    /// 0.2 of the maximum and cval is in skimage's float units (0..1 for integer images). Later in a chain the samples
    /// are still read in the source's units (a Gaussian before canny keeps 0..255 values).
    /// </remarks>
    private static void AddCanny(OpRegistry r)
    {
        r.Add("canny", "Canny edges, skimage.feature.canny (0.19); output 0/255",
            [
                OpParam.Number("sigma", "Gaussian standard deviation in pixels", 1.0, min: 0),
                OpParam.Number("low_threshold", "hysteresis low threshold in stored units (0..255 / 0..65535), or a quantile; default 10% of the dtype max", optional: true),
                OpParam.Number("high_threshold", "hysteresis high threshold in stored units, or a quantile; default 20% of the dtype max", optional: true),
                OpParam.Bool("use_quantiles", "thresholds are quantiles (0..1) of the gradient magnitude", false),
                OpParam.Choice("mode", "border handling of the Gaussian, as scipy.ndimage", "constant",
                    ["reflect", "mirror", "nearest", "constant", "wrap"],
                    s => BorderModes.TryParse(s, out BorderMode m) ? m.ToName() : s),
                OpParam.Number("cval", "value outside the image when mode=constant, in skimage's float units (0..1 for integer images)", 0),
            ],
            static (s, d, a, c) => RunCanny(s, d, a, c),
            CheckCanny, keepsIntegers: static _ => true);
    }

    /// <summary>skimage's <c>dtype_limits(image)[1]</c> for the stored depth: 2^bits − 1 for integers, 1 for float data.</summary>
    internal static double DtypeMax(int sourceBitDepth) => sourceBitDepth > 0 ? (1L << sourceBitDepth) - 1 : 1.0;

    private static void RunCanny(ReadOnlyImageSpan<float> source, ImageSpan<float> destination, OpArgs a, OpContext context)
    {
        int w = source.Width;
        int h = source.Height;
        byte[] edges = ArrayPool<byte>.Shared.Rent(Math.Max(checked(w * h), 1));
        try
        {
            var map = new ImageSpan<byte>(edges.AsSpan(0, w * h), w, h);
            Canny.ApplyStored(source, map, DtypeMax(context.SourceBitDepth), a.Double("sigma"),
                a.Has("low_threshold") ? a.Double("low_threshold") : null,
                a.Has("high_threshold") ? a.Double("high_threshold") : null,
                a.Bool("use_quantiles"), a.Mode(), a.Double("cval"), fullScale: true);
            IntegerSamples.Widen(edges.AsSpan(0, w * h), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(edges);
        }
    }

    // skimage's own checks that do not depend on the image: quantiles in [0, 1] and low <= high when both are given.
    // (A default threshold depends on the dtype, so low <= default high is checked by the kernel per image.)
    private static string? CheckCanny(OpArgs a)
    {
        bool quantiles = a.Bool("use_quantiles");
        foreach (string name in new[] { "low_threshold", "high_threshold" })
        {
            if (quantiles && a.Has(name) && a.Double(name) is < 0 or > 1)
            {
                return $"{name} must be between 0 and 1 with use_quantiles=true";
            }
        }

        if (a.Has("low_threshold") && a.Has("high_threshold") && a.Double("high_threshold") < a.Double("low_threshold"))
        {
            return "low_threshold must not be greater than high_threshold";
        }

        return null;
    }
}

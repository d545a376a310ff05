using System.Globalization;
using System.Text.RegularExpressions;
using FastXray.ScipyCast;

namespace FastXray.Cli.Ops;

/// <summary>How an op runs under <c>--output-dtype input</c>.</summary>
internal enum IntegerStoreKind
{
    /// <summary>A float64 filter stored by the C cast, per pass where scipy stores per pass (<see cref="StoredFilters"/>).</summary>
    Stored,
    /// <summary>Rank filters: the result is a window sample (or cval), exact in the dtype; cval follows scipy's rule.</summary>
    Rank,
    /// <summary>Results that are integers within the dtype already (0/1 masks and morphology, np.where keeps, CLAHE levels).</summary>
    Integer,
}

/// <summary>
/// The op chain as scipy/NumPy run it on an integer image without <c>output=</c> (<c>--output-dtype input</c>): each op
/// reads the previous op's uint8/uint16 array and stores its own result in that dtype, as calling the functions one
/// after another does.
/// </summary>
internal static partial class IntegerStoreOps
{
    /// <summary>The op's kind, or null with <paramref name="reason"/> when NumPy/scipy return another dtype for it.</summary>
    public static IntegerStoreKind? Classify(BoundOp op, out string reason)
    {
        reason = "";
        switch (op.Op.Name)
        {
            case "correlate" or "convolve" or "gaussian_filter" or "gaussian_laplace" or "gaussian_gradient_magnitude"
                or "sobel" or "prewitt" or "laplace" or "uniform_filter":
                if (op.Op.Name == "gaussian_filter" && op.Args.PerAxisInt("order") is var (o0, o1) && Math.Max(o0, o1) > 2)
                {
                    // scipy keeps the dtype here too; FastXray reproduces its kernel polynomial for orders 0-2 only.
                    reason = "order above 2: the integer mode reproduces scipy's kernels for orders 0-2 only";
                    return null;
                }

                return IntegerStoreKind.Stored;
            case "median_filter" or "percentile_filter" or "rank_filter" or "minimum_filter" or "maximum_filter":
                return IntegerStoreKind.Rank;
            case "binary_dilation" or "binary_erosion" or "binary_opening" or "binary_closing" or "where" or "mask" or "clahe":
                return IntegerStoreKind.Integer;
            case "equalize" when op.Args.Text("method") == "opencv":
                return IntegerStoreKind.Integer;
        }

        reason = op.Op.Name switch
        {
            "sobel_magnitude" or "prewitt_magnitude" => "np.hypot of two integer arrays is a float array",
            "fourier_gaussian" or "fft_gaussian" => "scipy's Fourier filters return float64 for integer input",
            "equalize" => "the CDF recipe (cdf[im] * 255) is float64",
            "normalize" => "x * 255 / max(x) is float64",
            "canny" => "skimage's canny returns a bool edge map scaled to 0/255 here, not the input's values",
            "window" => "the DICOM window maps modality values to display levels",
            _ => "it has no integer-output form",
        };
        return null;
    }

    /// <summary>Throws the usage error for the first op of <paramref name="chain"/> without an integer form.</summary>
    public static void Check(OpChain chain)
    {
        foreach (BoundOp op in chain.Ops)
        {
            if (Classify(op, out string reason) is null)
            {
                throw new UsageException(op.Op.Name == "gaussian_filter"
                    ? $"--output-dtype input: gaussian_filter {reason}; use --output-dtype float32"
                    : $"--output-dtype input: {op.Op.Name} does not keep the input dtype ({reason}); use --output-dtype float32");
            }
        }
    }

    /// <summary>Runs a <see cref="IntegerStoreKind.Stored"/> op from <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public static void RunStored<T>(BoundOp op, ReadOnlyImageSpan<T> source, ImageSpan<T> destination)
        where T : unmanaged
    {
        OpArgs a = op.Args;
        BorderMode mode = a.Mode();
        double cval = a.Double("cval");
        switch (op.Op.Name)
        {
            case "correlate" or "convolve":
            {
                (double[] w, int rows, int columns) = a.Matrix("weights");
                (int oy, int ox) = a.PerAxisInt("origin");
                if (op.Op.Name == "convolve")
                {
                    StoredFilters.Convolve(source, destination, w, rows, columns, mode, cval, oy, ox);
                }
                else
                {
                    StoredFilters.Correlate(source, destination, w, rows, columns, mode, cval, oy, ox);
                }

                break;
            }

            case "gaussian_filter":
                StoredFilters.GaussianFilter(source, destination, a.PerAxis("sigma"), a.PerAxisInt("order"), mode, cval, a.Double("truncate"), Radius(a));
                break;
            case "gaussian_laplace":
                StoredFilters.GaussianLaplace(source, destination, a.PerAxis("sigma"), mode, cval, a.Double("truncate"), Radius(a));
                break;
            case "gaussian_gradient_magnitude":
                StoredFilters.GaussianGradientMagnitude(source, destination, a.PerAxis("sigma"), mode, cval, a.Double("truncate"), Radius(a));
                break;
            case "sobel":
                StoredFilters.Sobel(source, destination, a.Int("axis"), mode, cval);
                break;
            case "prewitt":
                StoredFilters.Prewitt(source, destination, a.Int("axis"), mode, cval);
                break;
            case "laplace":
                StoredFilters.Laplace(source, destination, mode, cval);
                break;
            default:
                StoredFilters.UniformFilter(source, destination, a.PerAxisInt("size"), mode, cval, a.PerAxisInt("origin"));
                break;
        }
    }

    /// <summary>
    /// The rank op to run on float copies of the samples so that casting its result gives scipy's: a rank strictly
    /// inside the window casts cval to the dtype first (−1 → 255 on uint8), while a rank at either end is delegated
    /// to the separable min/max (size or an all-ones footprint), which compares cval as a double and casts the
    /// result (ndimage-semantics §8). Non-rectangular min/max cast cval first too.
    /// </summary>
    public static BoundOp RankWithCval(BoundOp op, int bitDepth, OpRegistry registry)
    {
        OpArgs a = op.Args;
        if (a.Text("mode") != "constant")
        {
            return op;
        }

        bool[] footprint = a.Has("footprint") ? Array.ConvertAll(a.Matrix("footprint").Values, v => v != 0) : [];
        long n = a.Has("footprint") ? footprint.Count(b => b) : (long)a.PerAxisInt("size").Axis0 * a.PerAxisInt("size").Axis1;
        long rank = op.Op.Name switch
        {
            "minimum_filter" => 0,
            "maximum_filter" => n - 1,
            "median_filter" => n / 2,
            "rank_filter" => a.Int("rank") < 0 ? a.Int("rank") + n : a.Int("rank"),
            _ => PercentileRank(a.Double("percentile"), n),
        };
        bool separable = (rank == 0 || rank == n - 1) && Array.TrueForAll(footprint, b => b);
        if (separable)
        {
            return op;
        }

        double cval = a.Double("cval");
        double cast = bitDepth == 8 ? CCast.ToUInt8(cval) : CCast.ToUInt16(cval);
        return cast == cval ? op : OpSpecParser.Parse(CvalToken().Replace(op.Canonical, "cval=" + cast.ToString("R", CultureInfo.InvariantCulture)), registry);
    }

    // scipy: a negative percentile counts from the top; 100 is the last rank; otherwise int(n * p / 100).
    private static long PercentileRank(double p, long n)
    {
        if (p < 0)
        {
            p += 100;
        }

        return p == 100 ? n - 1 : (long)(n * p / 100.0);
    }

    private static (int, int)? Radius(OpArgs a) => a.Has("radius") ? a.PerAxisInt("radius") : null;

    [GeneratedRegex(@"(?<=[:,])cval=[^,]+")]
    private static partial Regex CvalToken();
}

using FastXray.Cli.Ops;

namespace FastXray.Cli.Memory;

/// <summary>
/// The working memory an op rents on top of its source and destination images, as a function of the band it
/// runs on (width x rows) and its input samples: read off the kernels' <c>ArrayPool</c> rents (see the comment on
/// each case), counting the bytes a kernel touches (see <see cref="Exact"/>).
/// </summary>
/// <remarks>
/// Sizes are returned per rented array, not summed, so a chain can account for the pool's reuse: an array
/// given back is kept by <see cref="System.Buffers.ArrayPool{T}.Shared"/> for the next rent of its size, so
/// two ops renting the same size share it, while different sizes add up (nothing is trimmed during a run).
/// </remarks>
internal static class OpMemory
{
    /// <summary>Bytes not worth itemising per op (kernel tables, row buffers, maps, a zlib stream): one per op.</summary>
    public const long Small = 1L << 20;

    /// <summary>Arrays rented by one run of <paramref name="op"/> on a <paramref name="width"/> x <paramref name="rows"/> band, in bytes each.</summary>
    /// <param name="op">The op with its parameters.</param>
    /// <param name="width">Band width (the image width).</param>
    /// <param name="rows">Band rows, halo included.</param>
    /// <param name="integerSamples">The op's input is exact 8/16-bit integers (rank filters then narrow a copy).</param>
    /// <param name="sourceBitDepth">8 or 16 for integer images, 0 for float.</param>
    public static List<long> Rents(BoundOp op, int width, int rows, bool integerSamples, int sourceBitDepth)
    {
        long n = (long)width * rows;
        long padded = (long)PaddedStride(width) * rows;
        int narrow = sourceBitDepth == 16 ? 2 : 1;
        var rents = new List<long>();
        OpArgs a = op.Args;
        int stride = (int)Planner.FloatImage(width, 1) / 4;
        bool twoTermsSeparately = a.Op.Find("mode") is not null && a.Has("mode") && a.Text("mode") == "constant" && a.Double("cval") != 0;
        switch (op.Op.Name)
        {
            case "gaussian_filter" or "gaussian_laplace" or "gaussian_gradient_magnitude":
                // SeparableFilter runs both terms fused row by row; a vertical pass of more than 8 taps over rows
                // whose stride aliases one L1 set reads a padded copy of the source (RowStride.CopySource).
                if (VerticalTaps(op) > 8 && Aliases(stride))
                {
                    rents.Add(Exact(padded, 4));
                }

                // Constant mode with a nonzero cval computes the terms separately into two padded planes.
                if (twoTermsSeparately && op.Op.Name != "gaussian_filter")
                {
                    rents.Add(Exact(padded, 4));
                    rents.Add(Exact(padded, 4));
                }

                break;
            case "laplace" or "sobel_magnitude" or "prewitt_magnitude":
                // 3 taps: the float source is read in place and both terms are fused; cval != 0 as above.
                if (twoTermsSeparately)
                {
                    rents.Add(Exact(padded, 4));
                    rents.Add(Exact(padded, 4));
                }

                break;
            case "sobel" or "prewitt":
                // One term of 3 taps: the float source is read in place; only row buffers.
                break;
            case "correlate" or "convolve":
            {
                // Correlate: the source padded by the kernel on every side, plus one row.
                (_, int kRows, int kColumns) = a.Matrix("weights");
                rents.Add(Exact((long)(width + kColumns + 1) * (rows + kRows + 1), 4));
                break;
            }

            case "median_filter" or "percentile_filter" or "rank_filter" or "minimum_filter" or "maximum_filter":
                // Integer samples are narrowed to a packed 8/16-bit copy first; the kernels keep a ring of window rows.
                if (integerSamples)
                {
                    rents.Add(Exact(n, narrow));
                }

                rents.Add(Exact((long)(WindowRows(op) + 6) * (width + WindowRows(op) + 64), 4));
                break;
            case "uniform_filter":
                // Four rows of double running sums.
                rents.Add(Exact(4L * (width + 64 + 65536), 8));
                break;
            case "binary_dilation" or "binary_erosion" or "binary_opening" or "binary_closing":
            {
                // The byte map the kernel writes, then two bit planes (three when 'until stable' watches for cycles)
                // with a word of margin per side and row.
                rents.Add(Exact(n, 1));
                long words = (((width + 127L) / 64) + 2) * (rows + 4);
                rents.Add(Exact(words, 8));
                rents.Add(Exact(words, 8));
                rents.Add(Exact(words, 8));
                break;
            }

            case "canny":
                // Smoothed image, both Sobel derivatives and the hysteresis stack (int per pixel), plus the edge mask.
                rents.Add(Exact(n, 4));
                rents.Add(Exact(n, 4));
                rents.Add(Exact(n, 4));
                rents.Add(Exact(n, 4));
                rents.Add(Exact(n, 1));
                break;
            case "fft_gaussian":
                // Fft2DPlan: the complex half spectrum (h x (w/2+1)) and the workspace's spectrum of the same size,
                // plus per-row work buffers.
                rents.Add(Exact((long)rows * ((width / 2) + 1), 8));
                rents.Add(Exact((long)rows * ((width / 2) + 1), 8));
                rents.Add(Exact(8L * Math.Max(width, rows) * 16, 4));
                break;
            case "equalize" or "clahe":
                // A packed 8/16-bit copy of the samples and the 65536-entry tables.
                rents.Add(Exact(n, narrow));
                rents.Add(Exact(65536, 8));
                rents.Add(Exact(65536, 8));
                rents.Add(Exact(65536, 4));
                break;
            case "where" or "mask":
                // expr: the compiled program's byte planes, one block each (MaskExpression.ScratchBytes), whatever the
                // band size; mask with one comparison: the band's 0/1 byte map before it is widened to float.
                if (a.Op.Find("expr") is not null && a.Has("expr"))
                {
                    rents.Add(Exact(a.Parsed<FastXray.Intensity.MaskExpression>("expr").ScratchBytes, 1));
                }
                else if (op.Op.Name == "mask")
                {
                    rents.Add(Exact(n, 1));
                }

                break;
            default:
                // normalize, window, fourier_gaussian (per-axis factors only): element-wise on the images.
                break;
        }

        return rents;
    }

    /// <summary>
    /// The resident bytes of a rented array of <paramref name="count"/> elements: the elements the kernel touches.
    /// The pool hands out the next power of two, but a fresh array's untouched tail is never paged in
    /// (GC.AllocateUninitializedArray), and arrays kept by the pool are counted per size (see <see cref="Planner.Chain"/>).
    /// </summary>
    public static long Exact(long count, int elementSize) => Math.Max(count, 16) * elementSize;

    /// <summary>RowStride.Aliases in the core: a stride near a multiple of 4 KiB (or half of one) maps rows onto one L1 set.</summary>
    public static bool Aliases(int stride) => NearSetPeriod(stride) || NearSetPeriod(2L * stride);

    private static bool NearSetPeriod(long distance)
    {
        long r = distance % 1024;
        return distance > 1024 - 16 && (r < 16 || r > 1024 - 16);
    }

    // The Gaussian family's vertical kernel: 2 x the axis-0 radius + 1 (the op's reach).
    private static int VerticalTaps(BoundOp op) => op.Reach < 0 ? int.MaxValue : (2 * op.Reach) + 1;

    /// <summary>RowStride.For in the core, bounded above: widths padded to a cache line, plus one when the line count is even.</summary>
    public static int PaddedStride(int width) => width < 64 ? width : ((width + 15) & ~15) + 16;

    private static int WindowRows(BoundOp op) => Math.Max(1, (2 * op.Reach) + 1);
}

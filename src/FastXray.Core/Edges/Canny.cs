using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastXray.Filters;
using FastXray.Intensity;
using FastXray.Threading;

namespace FastXray.Edges;

/// <summary>scikit-image 0.19's <c>skimage.feature.canny</c>: Gaussian smoothing, Sobel gradients, non-maximum suppression, hysteresis.</summary>
/// <remarks>
/// <para>The steps, as skimage runs them on <c>img_as_float(image)</c>:</para>
/// <list type="number">
/// <item><c>smoothed = gaussian(image, σ, mode, cval) / (gaussian(ones, σ, mode, cval) + eps)</c> (scipy's
/// gaussian_filter, truncate 4). The division ("bleed-over") only differs from 1 within the kernel radius of the
/// border in constant mode; it is computed from the separable row and column weight sums, not a second filter.</item>
/// <item><c>i = sobel(smoothed, axis 0)</c>, <c>j = sobel(smoothed, axis 1)</c> (reflect borders),
/// <c>magnitude = hypot(i, j)</c>.</item>
/// <item>Non-maximum suppression on the eroded image (the outermost pixels are never edges) where magnitude &gt; 0,
/// in skimage's four 45° sectors with its interpolation and <c>&lt;=</c> tests (<see cref="CannyNms"/>).</item>
/// <item>Hysteresis: the 8-connected components of <c>maxima &amp; magnitude ≥ low</c> that hold a pixel with
/// <c>magnitude ≥ high</c> (<see cref="Hysteresis"/>).</item>
/// </list>
/// <para>Units. Integer images are not divided by their dtype maximum: the whole chain is linear up to the
/// thresholds, so the thresholds are multiplied instead. Given thresholds are in the image's own units (0..255
/// for byte, 0..65535 for ushort, as given for float); the defaults are 0.1 and 0.2 of the dtype maximum
/// (skimage's <c>dtype_limits</c> gives 1 for float, so 0.1 and 0.2 themselves). <c>cval</c> is in skimage's
/// float units (0..1 for integer images). With <c>useQuantiles</c> the thresholds are fractions in [0, 1] and
/// become <c>np.percentile(magnitude, 100·q)</c> (linear interpolation over every pixel).</para>
/// <para>Precision. Everything is float32 (the interpolation of the suppression in float64). skimage computes
/// integer images in float64, so a pixel whose magnitude or interpolated neighbour ties with a threshold or with
/// itself to within float32 rounding can go the other way; float32 inputs are computed in float32 by skimage too.</para>
/// <para>Output: <c>destination</c> is 1 (or 255 with <c>fullScale</c>) on edges, 0 elsewhere. Scratch (three
/// float images and an int stack for the hysteresis) is rented once per call; nothing is allocated.</para>
/// </remarks>
public static class Canny
{
    /// <summary>Canny edges of <paramref name="source"/> with the thresholds in the units of <typeparamref name="T"/>.</summary>
    /// <param name="source">byte (dtype max 255), ushort (65535) or float (1) samples.</param>
    /// <param name="destination">The edge map, same size: 1 or 255 on edges, 0 elsewhere.</param>
    /// <param name="sigma">Gaussian standard deviation in pixels.</param>
    /// <param name="lowThreshold">Hysteresis low threshold in sample units; null: 0.1 of the dtype maximum.</param>
    /// <param name="highThreshold">Hysteresis high threshold in sample units; null: 0.2 of the dtype maximum.</param>
    /// <param name="useQuantiles">Thresholds are quantiles (0..1) of the gradient magnitude.</param>
    /// <param name="mode">Border mode of the Gaussian (skimage's default is constant).</param>
    /// <param name="cval">Value outside the image in constant mode, in skimage's float units (0..1 for integer images).</param>
    /// <param name="fullScale">Write 255 instead of 1 on edges (a viewable 8-bit image).</param>
    /// <param name="mask">Optional: only pixels where the mask is non-zero are used (skimage's <c>mask</c>); empty for none.</param>
    public static void Apply<T>(
        ReadOnlyImageSpan<T> source,
        ImageSpan<byte> destination,
        double sigma = 1.0,
        double? lowThreshold = null,
        double? highThreshold = null,
        bool useQuantiles = false,
        BorderMode mode = BorderMode.Constant,
        double cval = 0,
        bool fullScale = false,
        ReadOnlyImageSpan<byte> mask = default)
        where T : unmanaged =>
        ApplyStored(source, destination, DtypeMax<T>(), sigma, lowThreshold, highThreshold, useQuantiles, mode, cval, fullScale, mask);

    /// <summary>
    /// Canny edges of samples that stand for an image whose dtype maximum is <paramref name="dtypeMax"/>: 255 or
    /// 65535 for integers held as float (the CLI's float32 copies of stored 8- and 16-bit samples), 1 for float data.
    /// </summary>
    /// <remarks>Thresholds are in the sample units; see <see cref="Apply{T}"/> for the other parameters.</remarks>
    public static void ApplyStored<T>(
        ReadOnlyImageSpan<T> source,
        ImageSpan<byte> destination,
        double dtypeMax,
        double sigma = 1.0,
        double? lowThreshold = null,
        double? highThreshold = null,
        bool useQuantiles = false,
        BorderMode mode = BorderMode.Constant,
        double cval = 0,
        bool fullScale = false,
        ReadOnlyImageSpan<byte> mask = default)
        where T : unmanaged
    {
        if (!PixelConvert.IsSupported<T>())
        {
            ThrowHelper.ThrowNotSupportedType<T>();
        }

        if (source.Width != destination.Width || source.Height != destination.Height)
        {
            ThrowHelper.ThrowArgument(nameof(destination), "destination must have the size of source.");
        }

        bool masked = !mask.IsEmpty;
        if (masked && (mask.Width != source.Width || mask.Height != source.Height))
        {
            ThrowHelper.ThrowArgument(nameof(mask), "mask must have the size of source.");
        }

        if (!(dtypeMax > 0) || double.IsInfinity(dtypeMax))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(dtypeMax), "dtypeMax must be a finite number > 0.");
        }

        if (!(sigma >= 0) || double.IsInfinity(sigma))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(sigma), "sigma must be a finite number >= 0.");
        }

        // skimage: low/high default to 0.1/0.2 (of the [0, 1] float image); given ones are divided by dtype_max.
        // Here the image stays in sample units, so the fractions are multiplied by dtype_max instead.
        double low = lowThreshold ?? (useQuantiles ? 0.1 : 0.1 * dtypeMax);
        double high = highThreshold ?? (useQuantiles ? 0.2 : 0.2 * dtypeMax);
        if (useQuantiles)
        {
            // skimage leaves a default threshold as 0.1 / 0.2 even with use_quantiles (then a quantile).
            if (!(low is >= 0 and <= 1) || !(high is >= 0 and <= 1))
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(lowThreshold), "Quantile thresholds must be between 0 and 1.");
            }
        }

        if (double.IsNaN(low) || double.IsNaN(high))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(lowThreshold), "thresholds must not be NaN.");
        }

        if (high < low)
        {
            ThrowHelper.ThrowArgument(nameof(highThreshold), "low_threshold should be lower then high_threshold.");
        }

        if (source.IsEmpty)
        {
            return;
        }

        int width = source.Width;
        int height = source.Height;
        int n = checked(width * height);
        float[] smoothed = ArrayPool<float>.Shared.Rent(n);
        float[] isobel = ArrayPool<float>.Shared.Rent(n);
        float[] jsobel = ArrayPool<float>.Shared.Rent(n);
        int[] stack = ArrayPool<int>.Shared.Rent(n);
        try
        {
            var smooth = new ImageSpan<float>(smoothed.AsSpan(0, n), width, height);
            var di = new ImageSpan<float>(isobel.AsSpan(0, n), width, height);
            var dj = new ImageSpan<float>(jsobel.AsSpan(0, n), width, height);

            // skimage smooths img_as_float(image) with cval in those units; the samples here are dtype_max times larger.
            float sampleCval = (float)(cval * dtypeMax);
            if (masked)
            {
                // masked_image = where(mask, image, 0), smoothed, then divided by the smoothed 0/1 mask (a full
                // filter: a mask has no separable form). The gradient buffers are free until the Sobel step.
                MaskedCopy(source, mask, di, dj);
                GaussianFilter.Apply<float>(di, smooth, sigma, 0, mode, sampleCval);
                GaussianFilter.Apply<float>(dj, di, sigma, 0, mode, cval);
                DivideByWeight(smooth, di);
            }
            else
            {
                GaussianFilter.Apply(source, smooth, sigma, 0, mode, sampleCval);
                if (mode == BorderMode.Constant)
                {
                    BleedOver.Divide(smooth, sigma, cval, Epsilon);
                }
            }

            Sobel.Apply<float>(smooth, di, axis: 0);
            Sobel.Apply<float>(smooth, dj, axis: 1);

            // The magnitude replaces the smoothed image, which is no longer needed.
            Span<float> magnitude = smoothed.AsSpan(0, n);
            Hypot(isobel.AsSpan(0, n), jsobel.AsSpan(0, n), magnitude);

            if (useQuantiles)
            {
                // np.percentile over every pixel; the stack (as float) is the scratch copy that selection reorders.
                Span<float> copy = MemoryMarshal.Cast<int, float>(stack.AsSpan(0, n));
                double qLow = 100.0 * low / 100.0;
                double qHigh = 100.0 * high / 100.0;
                magnitude.CopyTo(copy);
                (low, high) = Percentiles(copy, qLow, qHigh);
            }

            ReadOnlySpan<byte> maskData = masked ? mask.Data : default;
            // Between the smoothing passes (checked inside) and the suppression and hysteresis stages.
            KernelCancellation.ThrowIfRequested();
            int count = CannyNms.Seed(magnitude, isobel.AsSpan(0, n), jsobel.AsSpan(0, n), width, height, maskData, mask.Stride, low, high, destination, stack);
            Hysteresis.Grow(destination, stack, count);
            Hysteresis.Finish(destination, fullScale);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(smoothed);
            ArrayPool<float>.Shared.Return(isobel);
            ArrayPool<float>.Shared.Return(jsobel);
            ArrayPool<int>.Shared.Return(stack);
        }
    }

    // skimage 0.19 adds np.finfo(float).eps (float64) to the smoothed mask whatever the image dtype.
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>skimage's <c>dtype_limits(image)[1]</c>.</summary>
    internal static double DtypeMax<T>()
        where T : unmanaged =>
        typeof(T) == typeof(byte) ? byte.MaxValue : typeof(T) == typeof(ushort) ? ushort.MaxValue : 1.0;

    // image where mask != 0 else 0, and the mask as 0/1 floats (any non-zero byte is true, as mask.astype(bool)).
    private static void MaskedCopy<T>(ReadOnlyImageSpan<T> source, ReadOnlyImageSpan<byte> mask, ImageSpan<float> image, ImageSpan<float> weight)
        where T : unmanaged
    {
        for (int y = 0; y < source.Height; y++)
        {
            Span<float> row = image.Row(y);
            Span<float> w = weight.Row(y);
            PixelConvert.ToSingle(source.Row(y), row);
            ReadOnlySpan<byte> m = mask.Row(y);
            for (int x = 0; x < row.Length; x++)
            {
                if (m[x] == 0)
                {
                    row[x] = 0;
                    w[x] = 0;
                }
                else
                {
                    w[x] = 1;
                }
            }
        }
    }

    // smoothed /= gaussian(mask) + eps, in float64 as NumPy's in-place float32 / float64 division.
    private static void DivideByWeight(ImageSpan<float> smoothed, ImageSpan<float> weight)
    {
        for (int y = 0; y < smoothed.Height; y++)
        {
            Span<float> s = smoothed.Row(y);
            Span<float> w = weight.Row(y);
            for (int x = 0; x < s.Length; x++)
            {
                s[x] = (float)(s[x] / (w[x] + Epsilon));
            }
        }
    }

    /// <summary>numpy 1.24's <c>percentile</c> with linear interpolation at quantile <paramref name="q"/> (0..1); reorders <paramref name="values"/>.</summary>
    internal static double Percentile(Span<float> values, double q) => Percentiles(values, q, q).Low;

    /// <summary>
    /// Both Canny quantiles (<paramref name="qLow"/> ≤ <paramref name="qHigh"/>) with two selections where the second
    /// only searches the part above the first order statistic; reorders <paramref name="values"/>.
    /// </summary>
    internal static (double Low, double High) Percentiles(Span<float> values, double qLow, double qHigh)
    {
        (int p1, int n1, double g1) = VirtualIndex(values.Length, qLow);
        (int p2, int n2, double g2) = VirtualIndex(values.Length, qHigh);
        double a1 = Selection.Select(values, p1);

        // After the selection everything past p1 is >= values[p1]; the next order statistic is the minimum there.
        double b1 = n1 != p1 ? MinOf(values[(p1 + 1)..]) : a1;
        double a2;
        if (p2 == p1)
        {
            a2 = a1;
        }
        else
        {
            Span<float> upper = values[(p1 + 1)..];
            a2 = Selection.Select(upper, p2 - p1 - 1);
        }

        double b2 = n2 != p2 ? MinOf(values[(p2 + 1)..]) : a2;
        return (Lerp(a1, b1, g1), Lerp(a2, b2, g2));
    }

    // numpy's "linear" method: virtual index (n − 1)·q, clamped to the ends; gamma is its fractional part.
    private static (int Previous, int Next, double Gamma) VirtualIndex(int n, double q)
    {
        double virtualIndex = (n - 1) * q;
        double gamma = virtualIndex - Math.Floor(virtualIndex);
        if (virtualIndex >= n - 1)
        {
            return (n - 1, n - 1, gamma);
        }

        if (virtualIndex < 0)
        {
            return (0, 0, gamma);
        }

        int previous = (int)Math.Floor(virtualIndex);
        return (previous, previous + 1, gamma);
    }

    private static float MinOf(ReadOnlySpan<float> values)
    {
        float min = float.PositiveInfinity;
        foreach (float v in values)
        {
            min = Math.Min(min, v);
        }

        return min;
    }

    // numpy's _lerp: a + (b − a)·t, but b − (b − a)·(1 − t) for t ≥ 0.5 (exact at the upper end).
    private static double Lerp(double a, double b, double t)
    {
        double diff = b - a;
        return t >= 0.5 ? b - (diff * (1 - t)) : a + (diff * t);
    }

    private static unsafe void Hypot(ReadOnlySpan<float> i, ReadOnlySpan<float> j, Span<float> magnitude)
    {
        fixed (float* pi = i)
        fixed (float* pj = j)
        fixed (float* pm = magnitude)
        {
            int n = magnitude.Length;
            switch (SimdCapabilities.Active)
            {
                case SimdLevel.Vector512 when n >= Vector512<float>.Count:
                    Hypot<Vector512<float>, Vector512Ops>(pi, pj, pm, n);
                    break;
                case >= SimdLevel.Vector256 when n >= Vector256<float>.Count:
                    Hypot<Vector256<float>, Vector256Ops>(pi, pj, pm, n);
                    break;
                case >= SimdLevel.Vector128 when n >= Vector128<float>.Count:
                    Hypot<Vector128<float>, Vector128Ops>(pi, pj, pm, n);
                    break;
                default:
                    Hypot<float, ScalarOps>(pi, pj, pm, n);
                    break;
            }
        }
    }

    // sqrt(i·i + j·j) without FMA, as NumPy forms the squares; the last vector overlaps the previous one (the
    // output does not alias the inputs, so recomputing a few lanes is harmless).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Hypot<TV, TOps>(float* i, float* j, float* m, int n)
        where TV : unmanaged
        where TOps : struct, IVectorOps<TV>
    {
        int c = TOps.Count;
        for (int x = 0; ; x += c)
        {
            if (x > n - c)
            {
                x = n - c;
            }

            TV a = TOps.Load(in i[x], 0);
            TV b = TOps.Load(in j[x], 0);
            TOps.Store(TOps.Sqrt(TOps.Add(TOps.Multiply(a, a), TOps.Multiply(b, b))), ref m[x], 0);
            if (x == n - c)
            {
                break;
            }
        }
    }
}

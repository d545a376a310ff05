using FastXray.Cli.Pipeline;
using FastXray.Edges;
using FastXray.Filters;
using FastXray.Fourier;
using FastXray.Imaging.Npy;
using FastXray.Intensity;
using FastXray.Tutorial;

namespace FastXray.Cli.Tutorial;

/// <summary>One panel of the tutorial: its file stem, title, colormaps (first = the panel's own PNG) and data.</summary>
/// <param name="Name">File stem, e.g. <c>laplace_gaussian</c>.</param>
/// <param name="Title">Title in the comparison figure.</param>
/// <param name="Colormaps">Colormaps the tutorial shows it with; the first is <c>NAME.png</c>, others <c>NAME_CMAP.png</c>.</param>
/// <param name="Values">The panel as float32 (for rendering).</param>
/// <param name="Raw">The panel as NumPy would store it (float32, or the tutorial's own dtype with --exact).</param>
internal sealed record Panel(string Name, string Title, IReadOnlyList<string> Colormaps, float[] Values, Func<NpyArray> Raw);

/// <summary>
/// The NumPy X-ray tutorial's panels. By default in float32 (what the tutorial means); with
/// <c>exact</c>, the arrays the tutorial's own code returns for a uint8 image, including scipy's uint8
/// wraparound, NumPy's float16 hypot and scale, and float64 "Canny" (ndimage-semantics §12).
/// </summary>
internal static class TutorialPanels
{
    public const double Threshold = 150;

    /// <summary>The six panels of <paramref name="input"/>; float32 panels come from <see cref="PixelPool"/> (the caller returns them).</summary>
    /// <param name="input">The image as stored.</param>
    /// <param name="exact">The tutorial's own uint8/float16/float64 arrays instead of float32 panels.</param>
    /// <param name="source">The image as float32 (<see cref="GrayInput.ToSingle"/>), which the caller has for the original panel anyway.</param>
    /// <param name="threads">Panels computed at once (float32 panels); the values do not depend on it.</param>
    public static IReadOnlyList<Panel> Compute(GrayInput input, bool exact, float[] source, int threads = 1)
    {
        if (exact)
        {
            if (input.Pixels8 is null)
            {
                // The tutorial command checks this per file first (TutorialCommand.RunOne); this guards other callers.
                throw new ArgumentException($"--exact reproduces the tutorial's uint8 arrays; this input is {input.DType}", nameof(input));
            }

            return Exact(input.Pixels8, input.Width, input.Height);
        }

        return Float(input, source, threads);
    }

    private static IReadOnlyList<Panel> Float(GrayInput input, float[] source, int threads)
    {
        int w = input.Width;
        int h = input.Height;

        // The threshold is the tutorial's 150 on 8-bit data; 16-bit data keeps the same relative level.
        double t = input.Depth == 16 ? Threshold * 257 : Threshold;

        // Six independent panels, each a task writing its own slot: on several threads they run side by side,
        // and the list's order (and every value) is the same for any thread count.
        var panels = new Panel[6];
        Action[] tasks =
        [
            () =>
            {
                float[] log = New(w, h, out ImageSpan<float> logSpan);
                GaussianLaplace.Apply(Source(), logSpan, 1.0);
                panels[0] = Make("laplace_gaussian", "Laplace-Gaussian (edges)", ["gray"], log, w, h);
            },
            () =>
            {
                float[] ggm = New(w, h, out ImageSpan<float> ggmSpan);
                GaussianGradientMagnitude.Apply(Source(), ggmSpan, 2.0);
                panels[1] = Make("gaussian_gradient", "Gaussian gradient (edges)", ["gray"], ggm, w, h);
            },
            () =>
            {
                float[] sobel = New(w, h, out ImageSpan<float> sobelSpan);
                Sobel.Magnitude(Source(), sobelSpan);
                Normalize.ByMax<float>(sobelSpan, sobelSpan);
                panels[2] = Make("sobel", "Sobel (edges)", ["gray", "hot", "CMRmap"], sobel, w, h);
            },
            () =>
            {
                float[] canny = New(w, h, out ImageSpan<float> cannySpan);
                float[] smoothed = New(w, h, out ImageSpan<float> smoothSpan);
                FourierGaussian.Apply(Source(), smoothSpan, 0.05);
                Prewitt.Magnitude<float>(smoothSpan, cannySpan);
                PixelPool.Return(smoothed);
                Normalize.ByMax<float>(cannySpan, cannySpan);
                panels[3] = Make("canny", "Canny (edges)", ["prism", "nipy_spectral", "terrain"], canny, w, h);
            },
            () =>
            {
                float[] noisy = New(w, h, out ImageSpan<float> noisySpan);
                Where.Keep(Source(), CompareOp.Greater, t, noisySpan);
                panels[4] = Make("mask_noisy", "Mask (> 150, noisy)", ["gray"], noisy, w, h);

                byte[] mask = PixelPool.RentBytes(w * h);
                Where.Mask(Source(), CompareOp.Greater, t, new ImageSpan<byte>(mask, w, h));
                float[] less = PixelPool.RentFloats(w * h);
                PixelConvert.ToSingle<byte>(mask.AsSpan(0, w * h), less);
                PixelPool.Return(mask);
                panels[5] = Make("mask_less_noisy", "Mask (> 150, less noisy)", ["gray"], less, w, h);
            },
        ];
        Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, tasks);
        return panels;

        ReadOnlyImageSpan<float> Source() => new(source, w, h);
    }

    private static IReadOnlyList<Panel> Exact(byte[] image, int w, int h)
    {
        var panels = new List<Panel>();
        byte[] log = new byte[w * h];
        ScipyUInt8Filters.GaussianLaplace(image, log, w, h, 1.0);
        panels.Add(new Panel("laplace_gaussian", "Laplace-Gaussian (edges)", ["gray"], ToFloat(log), () => NpyArray.From<byte>(log, h, w)));

        byte[] ggm = new byte[w * h];
        ScipyUInt8Filters.GaussianGradientMagnitude(image, ggm, w, h, 2.0);
        panels.Add(new Panel("gaussian_gradient", "Gaussian gradient (edges)", ["gray"], ToFloat(ggm), () => NpyArray.From<byte>(ggm, h, w)));

        byte[] x = new byte[w * h];
        byte[] y = new byte[w * h];
        ScipyUInt8Filters.Sobel(image, x, w, h, 0);
        ScipyUInt8Filters.Sobel(image, y, w, h, 1);
        var sobel = new Half[w * h];
        var sobelSpan = new ImageSpan<Half>(sobel, w, h);
        TutorialExact.Hypot(new ReadOnlyImageSpan<byte>(x, w, h), new ReadOnlyImageSpan<byte>(y, w, h), sobelSpan);
        TutorialExact.ScaleToMax(sobelSpan);
        panels.Add(new Panel("sobel", "Sobel (edges)", ["gray", "hot", "CMRmap"], Array.ConvertAll(sobel, v => (float)v), () => NpyArray.From<Half>(sobel, h, w)));

        double[] canny = new double[w * h];
        TutorialCanny64.Compute(image, canny, w, h);
        panels.Add(new Panel("canny", "Canny (edges)", ["prism", "nipy_spectral", "terrain"], Array.ConvertAll(canny, v => (float)v), () => NpyArray.From<double>(canny, h, w)));

        byte[] noisy = new byte[w * h];
        var src = new ReadOnlyImageSpan<byte>(image, w, h);
        Where.Keep(src, CompareOp.Greater, Threshold, new ImageSpan<byte>(noisy, w, h));
        panels.Add(new Panel("mask_noisy", "Mask (> 150, noisy)", ["gray"], ToFloat(noisy), () => NpyArray.From<byte>(noisy, h, w)));

        // np.where(img > 150, 1, 0) is int64.
        byte[] mask = new byte[w * h];
        Where.Mask(src, CompareOp.Greater, Threshold, new ImageSpan<byte>(mask, w, h));
        long[] less = Array.ConvertAll(mask, b => (long)b);
        panels.Add(new Panel("mask_less_noisy", "Mask (> 150, less noisy)", ["gray"], ToFloat(mask), () => NpyArray.From<long>(less, h, w)));
        return panels;
    }

    private static float[] New(int w, int h, out ImageSpan<float> span)
    {
        float[] data = PixelPool.RentFloats(w * h);
        span = new ImageSpan<float>(data, w, h);
        return data;
    }

    // The raw array is only built when --npy asks for it: a copy of every panel costs a fresh 4 MB per 1024² panel.
    private static Panel Make(string name, string title, IReadOnlyList<string> maps, float[] values, int w, int h) =>
        new(name, title, maps, values, () => NpyArray.From<float>(values, h, w));

    private static float[] ToFloat(byte[] values) => Array.ConvertAll(values, b => (float)b);
}

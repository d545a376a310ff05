using FastXray.Cli.Pipeline;
using FastXray.Edges;
using FastXray.Filters;
using FastXray.Fourier;
using FastXray.Imaging.Npy;
using FastXray.Intensity;
using FastXray.Tutorial;

namespace FastXray.Cli.Tutorial;

/// <summary>One panel of the tutorial: its file stem, title, colormaps (first = the panel's own PNG) and data.</summary>
internal sealed class Panel
{
    private readonly int _width;
    private readonly int _height;

    public Panel(string name, string title, IReadOnlyList<string> colormaps, float[] values, int width, int height, Func<NpyArray> raw)
    {
        Name = name;
        Title = title;
        Colormaps = colormaps;
        Values = values;
        Raw = raw;
        _width = width;
        _height = height;
        Quantized = QuantizedPanel.Of(new ReadOnlyImageSpan<float>(values, width, height));
    }

    public string Name { get; }

    public string Title { get; }

    public IReadOnlyList<string> Colormaps { get; }

    /// <summary>The float32 values, or null once <see cref="DropValues"/> gave them back.</summary>
    public float[]? Values { get; private set; }

    /// <summary>The values as an image, or an empty span once they were dropped (then the indices are complete).</summary>
    public ReadOnlyImageSpan<float> ValueSpan => Values is { } v ? new ReadOnlyImageSpan<float>(v, _width, _height) : default;

    public Func<NpyArray> Raw { get; }

    /// <summary>The panel's colormap indices over its own range, made where the panel is computed.</summary>
    public QuantizedPanel Quantized { get; }

    /// <summary>
    /// Returns the float values to <see cref="PixelPool"/> when no output needs them any more: the next panel reuses the
    /// memory instead of faulting in fresh pages. A panel with NaN keeps them (its colour files are RGB).
    /// </summary>
    public void DropValues()
    {
        if (Quantized.Complete && Values is not null)
        {
            PixelPool.Return(Values);
            Values = null;
        }
    }

    /// <summary>Returns every pooled buffer of the panel (after its files are written).</summary>
    public void Release()
    {
        Quantized.Release();
        PixelPool.Return(Values);
        Values = null;
    }
}

/// <summary>
/// The NumPy X-ray tutorial's panels. By default in float32 (what the tutorial means); with
/// <c>exact</c>, the arrays the tutorial's own code returns for a uint8 image, including scipy's uint8
/// wraparound, NumPy's float16 hypot and scale, and float64 "Canny" (ndimage-semantics §12).
/// </summary>
internal static class TutorialPanels
{
    /// <summary>The six panels of <paramref name="input"/>; float32 panels come from <see cref="PixelPool"/> (the caller returns them).</summary>
    /// <param name="input">The image as stored.</param>
    /// <param name="exact">The tutorial's own uint8/float16/float64 arrays instead of float32 panels.</param>
    /// <param name="source">The image as float32 (<see cref="GrayInput.ToSingle"/>), which the caller has for the original panel anyway.</param>
    /// <param name="threads">Panels computed at once (float32 panels); the values do not depend on it.</param>
    /// <param name="keepValues">Keep every panel's float values (the compare figure and --npy read them); otherwise each
    /// panel keeps only its colormap indices, and its float buffer serves the next panel.</param>
    /// <param name="threshold">The mask level in stored units (<see cref="TutorialThreshold"/>).</param>
    public static IReadOnlyList<Panel> Compute(GrayInput input, bool exact, float[] source, int threads, bool keepValues, TutorialThreshold threshold)
    {
        if (exact)
        {
            if (input.Pixels8 is null)
            {
                // The tutorial command checks this per file first (TutorialCommand.RunOne); this guards other callers.
                throw new ArgumentException($"--exact reproduces the tutorial's uint8 arrays; this input is {input.DType}", nameof(input));
            }

            return Drop(Exact(input.Pixels8, input.Width, input.Height, threshold), keepValues);
        }

        return Float(input, source, threads, keepValues, threshold);
    }

    private static IReadOnlyList<Panel> Float(GrayInput input, float[] source, int threads, bool keepValues, TutorialThreshold threshold)
    {
        int w = input.Width;
        int h = input.Height;
        double t = threshold.Value;

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
                Keep(panels[0]);
            },
            () =>
            {
                float[] ggm = New(w, h, out ImageSpan<float> ggmSpan);
                GaussianGradientMagnitude.Apply(Source(), ggmSpan, 2.0);
                panels[1] = Make("gaussian_gradient", "Gaussian gradient (edges)", ["gray"], ggm, w, h);
                Keep(panels[1]);
            },
            () =>
            {
                float[] sobel = New(w, h, out ImageSpan<float> sobelSpan);
                Sobel.Magnitude(Source(), sobelSpan);
                Normalize.ByMax<float>(sobelSpan, sobelSpan);
                panels[2] = Make("sobel", "Sobel (edges)", ["gray", "hot", "CMRmap"], sobel, w, h);
                Keep(panels[2]);
            },
            () =>
            {
                float[] canny = New(w, h, out ImageSpan<float> cannySpan);
                float[] smoothed = New(w, h, out ImageSpan<float> smoothSpan);
                FourierGaussian.Apply(Source(), smoothSpan, 0.05);
                Prewitt.Magnitude<float>(smoothSpan, cannySpan);
                PixelPool.Return(smoothed);
                Normalize.ByMax<float>(cannySpan, cannySpan);
                panels[3] = Make("canny", "Canny (edges)", ["gray", "prism", "nipy_spectral", "terrain"], canny, w, h);
                Keep(panels[3]);
            },
            () =>
            {
                float[] noisy = New(w, h, out ImageSpan<float> noisySpan);
                Where.Keep(Source(), CompareOp.Greater, t, noisySpan);
                panels[4] = Make("mask_noisy", NoisyTitle(threshold), ["gray"], noisy, w, h);
                Keep(panels[4]);

                byte[] mask = PixelPool.RentBytes(w * h);
                Where.Mask(Source(), CompareOp.Greater, t, new ImageSpan<byte>(mask, w, h));
                float[] less = PixelPool.RentFloats(w * h);
                PixelConvert.ToSingle<byte>(mask.AsSpan(0, w * h), less);
                PixelPool.Return(mask);
                panels[5] = Make("mask_less_noisy", LessNoisyTitle(threshold), ["gray"], less, w, h);
                Keep(panels[5]);
            },
        ];
        Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = FastXray.Threading.KernelCancellation.Token }, tasks);
        return panels;

        ReadOnlyImageSpan<float> Source() => new(source, w, h);

        void Keep(Panel panel)
        {
            if (!keepValues)
            {
                panel.DropValues();
            }
        }
    }

    private static IReadOnlyList<Panel> Drop(IReadOnlyList<Panel> panels, bool keepValues)
    {
        if (!keepValues)
        {
            foreach (Panel p in panels)
            {
                p.DropValues();
            }
        }

        return panels;
    }

    /// <summary>The mask panels' titles, with the level actually used.</summary>
    public static string NoisyTitle(TutorialThreshold t) => $"Mask (> {t.Text}, noisy)";

    /// <inheritdoc cref="NoisyTitle"/>
    public static string LessNoisyTitle(TutorialThreshold t) => $"Mask (> {t.Text}, less noisy)";

    private static IReadOnlyList<Panel> Exact(byte[] image, int w, int h, TutorialThreshold threshold)
    {
        var panels = new List<Panel>();
        byte[] log = new byte[w * h];
        ScipyUInt8Filters.GaussianLaplace(image, log, w, h, 1.0);
        panels.Add(new Panel("laplace_gaussian", "Laplace-Gaussian (edges)", ["gray"], ToFloat(log), w, h, () => NpyArray.From<byte>(log, h, w)));

        byte[] ggm = new byte[w * h];
        ScipyUInt8Filters.GaussianGradientMagnitude(image, ggm, w, h, 2.0);
        panels.Add(new Panel("gaussian_gradient", "Gaussian gradient (edges)", ["gray"], ToFloat(ggm), w, h, () => NpyArray.From<byte>(ggm, h, w)));

        byte[] x = new byte[w * h];
        byte[] y = new byte[w * h];
        ScipyUInt8Filters.Sobel(image, x, w, h, 0);
        ScipyUInt8Filters.Sobel(image, y, w, h, 1);
        var sobel = new Half[w * h];
        var sobelSpan = new ImageSpan<Half>(sobel, w, h);
        TutorialExact.Hypot(new ReadOnlyImageSpan<byte>(x, w, h), new ReadOnlyImageSpan<byte>(y, w, h), sobelSpan);
        TutorialExact.ScaleToMax(sobelSpan);
        panels.Add(new Panel("sobel", "Sobel (edges)", ["gray", "hot", "CMRmap"], Array.ConvertAll(sobel, v => (float)v), w, h, () => NpyArray.From<Half>(sobel, h, w)));

        double[] canny = new double[w * h];
        TutorialCanny64.Compute(image, canny, w, h);
        panels.Add(new Panel("canny", "Canny (edges)", ["gray", "prism", "nipy_spectral", "terrain"], Array.ConvertAll(canny, v => (float)v), w, h, () => NpyArray.From<double>(canny, h, w)));

        byte[] noisy = new byte[w * h];
        var src = new ReadOnlyImageSpan<byte>(image, w, h);
        Where.Keep(src, CompareOp.Greater, threshold.Value, new ImageSpan<byte>(noisy, w, h));
        panels.Add(new Panel("mask_noisy", NoisyTitle(threshold), ["gray"], ToFloat(noisy), w, h, () => NpyArray.From<byte>(noisy, h, w)));

        // np.where(img > 150, 1, 0) is int64.
        byte[] mask = new byte[w * h];
        Where.Mask(src, CompareOp.Greater, threshold.Value, new ImageSpan<byte>(mask, w, h));
        long[] less = Array.ConvertAll(mask, b => (long)b);
        panels.Add(new Panel("mask_less_noisy", LessNoisyTitle(threshold), ["gray"], ToFloat(mask), w, h, () => NpyArray.From<long>(less, h, w)));
        return panels;
    }

    private static float[] New(int w, int h, out ImageSpan<float> span)
    {
        float[] data = PixelPool.RentFloats(w * h);
        span = new ImageSpan<float>(data, w, h);
        return data;
    }

    // The raw array is only built when --npy asks for it: a copy of every panel costs a fresh 4 MB per 1024² panel.
    private static Panel Make(string name, string title, IReadOnlyList<string> maps, float[] values, int w, int h)
    {
        // Quantising a panel is a whole-image pass with no check of its own.
        FastXray.Threading.KernelCancellation.ThrowIfRequested();
        return new(name, title, maps, values, w, h, () => NpyArray.From<float>(values, h, w));
    }

    private static float[] ToFloat(byte[] values) => Array.ConvertAll(values, b => (float)b);
}

using System.Text.Json;
using FastXray.Cli.Pipeline;
using FastXray.Imaging.Figures;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using FastXray.Intensity;

namespace FastXray.Cli.Tutorial;

/// <summary>
/// Writes every output of the tutorial for one image into a folder: each panel as a PNG with the tutorial's
/// colormaps, the 9-panel <c>compare.png</c> (the tutorial's final figure), the 256-bin histogram as PNG, SVG
/// and CSV, <c>stats.json</c>, and with <c>npy</c> each panel's raw array as <c>&lt;panel&gt;.npy</c>.
/// </summary>
internal static class TutorialRunner
{
    /// <summary>Runs the tutorial (<paramref name="figure"/> false skips compare.png); returns the written file names (relative to <paramref name="outDir"/>), in order.</summary>
    /// <param name="input">The image as stored.</param>
    /// <param name="inputName">The input as the user named it (stats.json, error messages).</param>
    /// <param name="outDir">The folder the files go to (created).</param>
    /// <param name="npy">Also write each panel's raw array.</param>
    /// <param name="exact">The tutorial's own uint8/float16/float64 arrays instead of float32 panels.</param>
    /// <param name="figure">Write compare.png.</param>
    /// <param name="threads">Panels computed and files encoded at once; the bytes do not depend on it.</param>
    /// <param name="threshold">The mask level in stored units; null: the tutorial's 150 scaled to the image's significant bits.</param>
    public static IReadOnlyList<string> Run(GrayInput input, string inputName, string outDir, bool npy, bool exact, bool figure = true, int threads = 1, double? threshold = null)
    {
        // The histogram spans the image's own range, as the tutorial's np.histogram: NaN or infinite samples
        // make that range meaningless, so such a file is refused before anything is written.
        ImageStatistics stats = Statistics(input);
        if (!double.IsFinite(stats.Min) || !double.IsFinite(stats.Max))
        {
            throw new FileProblemException(inputName, $"the value range [{stats.Min}, {stats.Max}] is not finite (NaN or infinite samples)");
        }

        TutorialThreshold level = TutorialThreshold.Resolve(input, stats.Max, threshold);

        // Statistics of a large image take a while and have no check of their own.
        FastXray.Threading.KernelCancellation.ThrowIfRequested();
        int w = input.Width;
        int h = input.Height;
        float[]? original = PixelPool.RentFloats(w * h);
        input.CopyToSingle(original);

        // Only --npy reads float panels after they are computed (the compare figure is drawn from the colormap
        // indices, like the PNGs); without it each panel keeps its indices and hands its float buffer on, so an
        // image touches a third of the memory. A panel with NaN keeps its values for its RGB files anyway.
        bool keepValues = npy;
        IReadOnlyList<Panel> panels = [];
        QuantizedPanel? originalPanel = null;
        try
        {
            panels = TutorialPanels.Compute(input, exact, original, threads, keepValues, level);
            // Every output of the original (its PNG, its figure tile) is drawn from its indices.
            originalPanel = QuantizedPanel.Of(new ReadOnlyImageSpan<float>(original, w, h));
            PixelPool.Return(original);
            original = null;
            FastXray.Threading.KernelCancellation.ThrowIfRequested();
            return Write(input, inputName, outDir, npy, exact, figure, threads, stats, level, originalPanel, panels);
        }
        finally
        {
            // The buffers go back for the next image only when every file is written (or has failed).
            PixelPool.Return(original);
            originalPanel?.Release();
            foreach (Panel p in panels)
            {
                p.Release();
            }
        }
    }

    private static IReadOnlyList<string> Write(
        GrayInput input, string inputName, string outDir, bool npy, bool exact, bool figure, int threads,
        ImageStatistics stats, TutorialThreshold level, QuantizedPanel originalPanel, IReadOnlyList<Panel> panels)
    {
        int w = input.Width;
        int h = input.Height;

        // Every output as (name, encoder), in the order they are written and listed.
        var outputs = new List<(string Name, Func<EncodedOutput> Encode)>();
        outputs.Add(("original.png", () => Original(input, originalPanel)));
        foreach (Panel p in panels)
        {
            // One range and one quantisation for all of a panel's colormaps. The names follow one rule: the plain
            // name is the grey rendering, a colour rendering adds _<colormap> (sobel_hot.png, canny_prism.png).
            foreach (string map in p.Colormaps)
            {
                outputs.Add((map == "gray" ? p.Name + ".png" : $"{p.Name}_{map}.png", () => p.Quantized.Encode(p.ValueSpan, map)));
            }

            if (npy)
            {
                // Written straight from the panel when its turn comes: encoding all six first held each array three
                // times over (the copy, the growing stream, its final array), 6 x 12-16 bytes a pixel at once.
                outputs.Add((p.Name + ".npy", () => EncodedOutput.Deferred(stream => NpyFile.Write(stream, p.Raw()))));
            }
        }

        if (figure)
        {
            outputs.Add(("compare.png", () => EncodedOutput.Of(Compare(originalPanel, panels, w, h, level))));
        }

        // ndimage.histogram(img, min=np.min(img), max=np.max(img), bins=256), as the tutorial plots it.
        long[] counts = new long[256];
        double[] edges = new double[257];
        Histogram.Edges(stats.Min, stats.Max, edges);
        ComputeHistogram(input, stats.Min, stats.Max, counts);
        outputs.Add(("histogram.png", () => EncodedOutput.Of(EncodeRgb(HistogramPlot.RenderRgb(counts, edges, 800, 500, "Pixel intensity distribution")))));
        outputs.Add(("histogram.svg", () => EncodedOutput.Of(System.Text.Encoding.UTF8.GetBytes(HistogramPlot.RenderSvg(counts, edges, 800, 500, "Pixel intensity distribution")))));
        outputs.Add(("histogram.csv", () => EncodedOutput.Of(System.Text.Encoding.UTF8.GetBytes(HistogramPlot.ToCsv(counts, edges)))));
        outputs.Add(("stats.json", () => EncodedOutput.Of(StatsJson(inputName, input, stats, exact, level, counts))));

        // Encode (in parallel when threads allow), then write in order: each file atomically, none before all
        // encoded, so an encoder failure leaves no partial set behind.
        var encoded = new EncodedOutput?[outputs.Count];
        try
        {
            Parallel.For(0, outputs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = FastXray.Threading.KernelCancellation.Token }, i => encoded[i] = outputs[i].Encode());
            Directory.CreateDirectory(outDir);
            for (int i = 0; i < outputs.Count; i++)
            {
                FileIO.WriteOutput(Path.Combine(outDir, outputs[i].Name), outputs[i].Name, encoded[i]!.WriteTo);
            }
        }
        finally
        {
            foreach (EncodedOutput? e in encoded)
            {
                e?.Dispose();
            }
        }

        return [.. outputs.Select(o => o.Name)];
    }

    public static ImageStatistics Statistics(GrayInput input) =>
        input.Pixels8 != null ? ImageStatistics.Compute(new ReadOnlyImageSpan<byte>(input.Pixels8, input.Width, input.Height))
        : input.Pixels16 != null ? ImageStatistics.Compute(new ReadOnlyImageSpan<ushort>(input.Pixels16, input.Width, input.Height))
        : ImageStatistics.Compute(new ReadOnlyImageSpan<float>(input.PixelsF!, input.Width, input.Height));

    public static void ComputeHistogram(GrayInput input, double min, double max, Span<long> counts)
    {
        if (input.Pixels8 != null)
        {
            Histogram.Compute(new ReadOnlyImageSpan<byte>(input.Pixels8, input.Width, input.Height), min, max, counts);
        }
        else if (input.Pixels16 != null)
        {
            Histogram.Compute(new ReadOnlyImageSpan<ushort>(input.Pixels16, input.Width, input.Height), min, max, counts);
        }
        else
        {
            Histogram.Compute(new ReadOnlyImageSpan<float>(input.PixelsF!, input.Width, input.Height), min, max, counts);
        }
    }

    /// <summary>
    /// original.png is the input itself: a PNG input's own bytes, any other 8/16-bit input's samples unchanged at their
    /// depth. Only float data (NPY, HDR), which PNG cannot hold, is stretched to 0..255 as Matplotlib's imshow shows it.
    /// </summary>
    private static EncodedOutput Original(GrayInput input, QuantizedPanel originalPanel)
    {
        if (input.PngFile is { } file)
        {
            return EncodedOutput.Of(file);
        }

        if (input.Pixels8 is null && input.Pixels16 is null)
        {
            return originalPanel.Encode(default, "gray");
        }

        using var stream = new MemoryStream();
        if (input.Pixels8 is { } p8)
        {
            PngEncoder.Encode(stream, p8, input.Width, input.Height, PngColorType.Gray);
        }
        else
        {
            PngEncoder.Encode(stream, input.Pixels16!.AsSpan(), input.Width, input.Height, PngColorType.Gray);
        }

        return EncodedOutput.Of(stream.ToArray());
    }

    private static byte[] Compare(QuantizedPanel originalPanel, IReadOnlyList<Panel> panels, int w, int h, TutorialThreshold level)
    {
        // The tutorial's final figure: nine panels in one row, each with its title.
        (string Panel, string Map, string Title)[] layout =
        [
            ("laplace_gaussian", "gray", "Laplace-Gaussian (edges)"),
            ("gaussian_gradient", "gray", "Gaussian gradient (edges)"),
            ("sobel", "gray", "Sobel (edges) - grayscale"),
            ("sobel", "hot", "Sobel (edges) - hot"),
            ("canny", "prism", "Canny (edges) - prism"),
            ("canny", "nipy_spectral", "Canny (edges) - nipy_spectral"),
            ("mask_noisy", "gray", TutorialPanels.NoisyTitle(level)),
            ("mask_less_noisy", "gray", TutorialPanels.LessNoisyTitle(level)),
        ];
        // Each tile is made at its figure size straight from the panel's colormap indices (what Montage would
        // make by shrinking the full-size rendering, without the 3 MB rendering per panel).
        int tile = Math.Min(Math.Max(w, h), 256);
        (int tw, int th) = AreaResize.Fit(w, h, tile, tile);
        var tiles = new List<FastXray.Imaging.Figures.Panel>
        {
            // The input's values are finite (checked first), so its indices are complete and need no float values.
            new(originalPanel.RenderTile(default, "gray", tw, th), tw, th, "Original"),
        };
        foreach ((string name, string map, string title) in layout)
        {
            Panel p = panels.Single(x => x.Name == name);
            tiles.Add(new(p.Quantized.RenderTile(p.ValueSpan, map, tw, th), tw, th, title));
        }

        RgbImage figure = Montage.Compose(tiles, columns: 9, titles: true, new MontageOptions { TileWidth = tile, TileHeight = tile, TitleScale = 1 });
        return EncodeRgb(figure);
    }

    // Figures (the histogram plot, compare.png): text and flat areas compress better with the default deflate strategy.
    private static byte[] EncodeRgb(RgbImage image)
    {
        using var stream = new MemoryStream();
        PngEncoder.Encode(stream, image.Pixels, image.Width, image.Height, PngColorType.Rgb, PngEncodeOptions.Figure);
        return stream.ToArray();
    }

    private static byte[] StatsJson(string inputName, GrayInput input, ImageStatistics s, bool exact, TutorialThreshold level, long[] counts)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("file", inputName);
            json.WriteNumber("width", input.Width);
            json.WriteNumber("height", input.Height);
            json.WriteString("dtype", input.DType);
            json.WriteString("mode", exact ? "exact" : "float32");
            json.WriteNumber("min", s.Min);
            json.WriteNumber("max", s.Max);
            json.WriteNumber("mean", s.Mean);
            json.WriteNumber("median", s.Median);
            json.WriteNumber("std", s.Std);
            json.WriteStartObject("threshold");
            json.WriteNumber("value", level.Value);
            json.WriteNumber("significant_bits", level.Bits);
            json.WriteString("rule", level.Rule);
            json.WriteEndObject();
            json.WriteStartObject("histogram");
            json.WriteNumber("min", s.Min);
            json.WriteNumber("max", s.Max);
            json.WriteNumber("bins", counts.Length);
            json.WriteStartArray("counts");
            foreach (long c in counts)
            {
                json.WriteNumberValue(c);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }
}

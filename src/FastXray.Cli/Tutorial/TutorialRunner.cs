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
    public static IReadOnlyList<string> Run(GrayInput input, string inputName, string outDir, bool npy, bool exact, bool figure = true)
    {
        // The histogram spans the image's own range, as the tutorial's np.histogram: NaN or infinite samples
        // make that range meaningless, so such a file is refused before anything is written.
        ImageStatistics stats = Statistics(input);
        if (!double.IsFinite(stats.Min) || !double.IsFinite(stats.Max))
        {
            throw new FileProblemException(inputName, $"the value range [{stats.Min}, {stats.Max}] is not finite (NaN or infinite samples)");
        }

        IReadOnlyList<Panel> panels = TutorialPanels.Compute(input, exact);
        Directory.CreateDirectory(outDir);
        var written = new List<string>();
        int w = input.Width;
        int h = input.Height;
        void Write(string name, byte[] bytes)
        {
            FileIO.WriteOutput(Path.Combine(outDir, name), name, bytes);
            written.Add(name);
        }

        float[] original = input.ToSingle();
        Write("original.png", EncodePanel(original, w, h, "gray"));
        foreach (Panel p in panels)
        {
            for (int i = 0; i < p.Colormaps.Count; i++)
            {
                string name = i == 0 ? p.Name + ".png" : $"{p.Name}_{p.Colormaps[i]}.png";
                Write(name, EncodePanel(p.Values, w, h, p.Colormaps[i]));
            }

            if (npy)
            {
                using var stream = new MemoryStream();
                NpyFile.Write(stream, p.Raw());
                Write(p.Name + ".npy", stream.ToArray());
            }
        }

        if (figure)
        {
            Write("compare.png", Compare(original, panels, w, h));
        }

        // ndimage.histogram(img, min=np.min(img), max=np.max(img), bins=256), as the tutorial plots it.
        long[] counts = new long[256];
        double[] edges = new double[257];
        Histogram.Edges(stats.Min, stats.Max, edges);
        ComputeHistogram(input, stats.Min, stats.Max, counts);
        Write("histogram.png", EncodeRgb(HistogramPlot.RenderRgb(counts, edges, 800, 500, "Pixel intensity distribution")));
        Write("histogram.svg", System.Text.Encoding.UTF8.GetBytes(HistogramPlot.RenderSvg(counts, edges, 800, 500, "Pixel intensity distribution")));
        Write("histogram.csv", System.Text.Encoding.UTF8.GetBytes(HistogramPlot.ToCsv(counts, edges)));
        Write("stats.json", StatsJson(inputName, input, stats, exact, counts));
        return written;
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

    private static byte[] Compare(float[] original, IReadOnlyList<Panel> panels, int w, int h)
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
            ("mask_noisy", "gray", "Mask (> 150, noisy)"),
            ("mask_less_noisy", "gray", "Mask (> 150, less noisy)"),
        ];
        var tiles = new List<FastXray.Imaging.Figures.Panel>
        {
            new(PanelWriter.Render(new ReadOnlyImageSpan<float>(original, w, h), "gray"), w, h, "Original"),
        };
        foreach ((string name, string map, string title) in layout)
        {
            Panel p = panels.Single(x => x.Name == name);
            tiles.Add(new(PanelWriter.Render(new ReadOnlyImageSpan<float>(p.Values, w, h), map), w, h, title));
        }

        int tile = Math.Min(Math.Max(w, h), 256);
        RgbImage figure = Montage.Compose(tiles, columns: 9, titles: true, new MontageOptions { TileWidth = tile, TileHeight = tile, TitleScale = 1 });
        return EncodeRgb(figure);
    }

    private static byte[] EncodePanel(float[] values, int w, int h, string colormap) =>
        PanelWriter.EncodePng(new ReadOnlyImageSpan<float>(values, w, h), colormap);

    private static byte[] EncodeRgb(RgbImage image)
    {
        using var stream = new MemoryStream();
        PngEncoder.Encode(stream, image.Pixels, image.Width, image.Height, PngColorType.Rgb);
        return stream.ToArray();
    }

    private static byte[] StatsJson(string inputName, GrayInput input, ImageStatistics s, bool exact, long[] counts)
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

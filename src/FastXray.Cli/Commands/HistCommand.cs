using System.Text;
using FastXray.Cli.Arguments;
using FastXray.Cli.Pipeline;
using FastXray.Cli.Tutorial;
using FastXray.Imaging.Figures;
using FastXray.Imaging.Png;
using FastXray.Intensity;

namespace FastXray.Cli.Commands;

/// <summary><c>fastxray hist IN [--bins 256] [--min A --max B] [--json | -o FILE.svg|.png|.csv]</c>: ndimage.histogram.</summary>
internal static class HistCommand
{
    private static readonly OptionSpec Bins = new("bins", null, "N", "number of bins (default 256)");
    private static readonly OptionSpec Min = new("min", null, "A", "lower edge (default: the image's minimum)");
    private static readonly OptionSpec Max = new("max", null, "B", "upper edge, included in the last bin (default: the image's maximum)");
    private static readonly OptionSpec Json = new("json", null, null, "print {\"edges\": [...], \"counts\": [...]}");
    private static readonly OptionSpec Output = new("output", 'o', "FILE", "write a plot (.svg, .png) or a table (.csv)");

    public static CommandSpec Spec { get; } = new(
        "hist",
        "Histogram of an image's stored values with scipy.ndimage.histogram's bins (last bin closed).",
        "IN [--bins 256] [--min A --max B] [--json | -o FILE.svg|.png|.csv] [--max-memory SIZE]",
        Run,
        [Bins, Min, Max, Json, Output, InputArgs.Frame, InputArgs.NoRescale, Memory.MemoryBudget.Option],
        minPositionals: 1,
        maxPositionals: 1,
        details: "Edges are np.linspace(min, max, bins+1); values outside [min, max] are not counted. Default min/max are the image's own, as in the tutorial.");

    private static int Run(ParsedArgs args, CliContext context)
    {
        string input = args.Positionals[0];
        int bins = args.Int(Bins.Name, 256, 1, 1 << 24);
        string? output = args.Get(Output.Name);
        if (output != null && args.Has(Json.Name))
        {
            throw new UsageException("--json and -o are alternatives");
        }

        string? ext = output is null ? null : Path.GetExtension(output).ToLowerInvariant();
        if (ext is not (null or ".svg" or ".png" or ".csv"))
        {
            throw new UsageException($"-o {output}: expected a .svg, .png or .csv file");
        }

        Memory.MemoryCheck.Require(Memory.MemoryBudget.From(args, context), context.FullPath(input), input, h => Memory.CommandPlans.Statistics(h, "hist"));
        GrayInput image = GrayInput.Load(context.FullPath(input), input, InputArgs.Parse(args));
        ImageStatistics stats = TutorialRunner.Statistics(image);
        double min = args.Number(Min.Name) ?? stats.Min;
        double max = args.Number(Max.Name) ?? stats.Max;
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            // np.histogram: "autodetected range of [nan, nan] is not finite" — a property of the data.
            throw new FileProblemException(input, $"the value range [{min}, {max}] is not finite (NaN or infinite samples); give --min and --max");
        }

        if (!(min <= max))
        {
            throw new UsageException($"--min {min} is above --max {max}");
        }

        long[] counts = new long[bins];
        double[] edges = new double[bins + 1];
        Histogram.Edges(min, max, edges);
        TutorialRunner.ComputeHistogram(image, min, max, counts);
        if (args.Has(Json.Name))
        {
            context.Out.WriteLine(JsonText.Write(json =>
            {
                json.WriteStartObject();
                json.WriteStartArray("edges");
                foreach (double e in edges)
                {
                    json.WriteNumberValue(e);
                }

                json.WriteEndArray();
                json.WriteStartArray("counts");
                foreach (long c in counts)
                {
                    json.WriteNumberValue(c);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }));
        }
        else if (output is null)
        {
            context.Out.Write(HistogramPlot.ToCsv(counts, edges));
        }
        else
        {
            string title = "Pixel intensity distribution";
            byte[] bytes = ext switch
            {
                ".svg" => Encoding.UTF8.GetBytes(HistogramPlot.RenderSvg(counts, edges, 800, 500, title)),
                ".csv" => Encoding.UTF8.GetBytes(HistogramPlot.ToCsv(counts, edges)),
                _ => Png(HistogramPlot.RenderRgb(counts, edges, 800, 500, title)),
            };
            FileIO.WriteOutput(context.FullPath(output), output, bytes);
        }

        return ExitCodes.Ok;
    }

    private static byte[] Png(RgbImage image)
    {
        using var stream = new MemoryStream();
        PngEncoder.Encode(stream, image.Pixels, image.Width, image.Height, PngColorType.Rgb, PngEncodeOptions.Figure);
        return stream.ToArray();
    }
}

using System.Globalization;
using FastXray.Cli.Arguments;
using FastXray.Cli.Pipeline;
using FastXray.Cli.Tutorial;
using FastXray.Intensity;

namespace FastXray.Cli.Commands;

/// <summary><c>fastxray stats IN [--json]</c>: NumPy's min, max, mean, median and std of the stored values.</summary>
internal static class StatsCommand
{
    private static readonly OptionSpec Json = new("json", null, null, "print one JSON object");

    public static CommandSpec Spec { get; } = new(
        "stats",
        "Print width, height, depth, min, max, mean, median and std of an image's stored values (as NumPy computes them).",
        "IN [--json] [--max-memory SIZE]",
        Run,
        [Json, InputArgs.Frame, InputArgs.NoRescale, Memory.MemoryBudget.Option],
        minPositionals: 1,
        maxPositionals: 1,
        details: "median is np.median (mean of the two middle values for an even count); std is np.std (ddof=0).");

    private static int Run(ParsedArgs args, CliContext context)
    {
        string input = args.Positionals[0];
        Memory.MemoryCheck.Require(Memory.MemoryBudget.From(args, context), context.FullPath(input), input, h => Memory.CommandPlans.Statistics(h, "stats"));
        GrayInput image = GrayInput.Load(context.FullPath(input), input, InputArgs.Parse(args));
        ImageStatistics s = TutorialRunner.Statistics(image);
        if (args.Has(Json.Name))
        {
            context.Out.WriteLine(JsonText.Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("file", input);
                json.WriteNumber("width", image.Width);
                json.WriteNumber("height", image.Height);
                json.WriteNumber("depth", image.Depth);
                json.WriteString("dtype", image.DType);
                WriteStatistic(json, "min", s.Min);
                WriteStatistic(json, "max", s.Max);
                WriteStatistic(json, "mean", s.Mean);
                WriteStatistic(json, "median", s.Median);
                WriteStatistic(json, "std", s.Std);
                json.WriteEndObject();
            }));
        }
        else
        {
            static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            context.Out.WriteLine($"file:   {input}");
            context.Out.WriteLine($"size:   {image.Width}x{image.Height}");
            context.Out.WriteLine($"dtype:  {image.DType}");
            context.Out.WriteLine($"min:    {F(s.Min)}");
            context.Out.WriteLine($"max:    {F(s.Max)}");
            context.Out.WriteLine($"mean:   {F(s.Mean)}");
            context.Out.WriteLine($"median: {F(s.Median)}");
            context.Out.WriteLine($"std:    {F(s.Std)}");
        }

        return ExitCodes.Ok;
    }

    // JSON has no NaN or infinity: float data with them (NumPy gives nan/inf) are written as the strings
    // "NaN", "Infinity" and "-Infinity", which Python's float() and JavaScript's Number() both read back.
    private static void WriteStatistic(System.Text.Json.Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}

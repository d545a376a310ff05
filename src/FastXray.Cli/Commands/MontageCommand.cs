using FastXray.Cli.Arguments;
using FastXray.Cli.Pipeline;
using FastXray.Color;
using FastXray.Imaging.Figures;
using FastXray.Imaging.Png;

namespace FastXray.Cli.Commands;

/// <summary><c>fastxray montage IN... -o OUT.png [--cols N] [--titles] [--colormap NAME]</c>: panels side by side.</summary>
internal static class MontageCommand
{
    private static readonly OptionSpec Output = new("output", 'o', "OUT.png", "the figure to write");
    private static readonly OptionSpec Cols = new("cols", null, "N", "panels per row (default: all in one row, at most 9)");
    private static readonly OptionSpec Titles = new("titles", null, null, "title each panel with its file name");
    private static readonly OptionSpec Map = new("colormap", null, "NAME", "Matplotlib colormap: " + string.Join(", ", Colormap.Names) + " (default gray)");
    private static readonly OptionSpec Tile = new("tile", null, "PX", "largest tile side in pixels (default 256)");

    public static CommandSpec Spec { get; } = new(
        "montage",
        "Compose images side by side, each autoscaled through a colormap like Matplotlib's imshow, optionally titled.",
        "IN... -o OUT.png [--cols N] [--titles] [--colormap NAME] [--tile PX] [--max-memory SIZE]",
        Run,
        [Output, Cols, Titles, Map, Tile, InputArgs.Frame, InputArgs.NoRescale, Memory.MemoryBudget.Option],
        minPositionals: 1);

    private static int Run(ParsedArgs args, CliContext context)
    {
        string output = args.Get(Output.Name) ?? throw new UsageException("montage needs -o OUT.png");
        string map = args.Get(Map.Name) ?? "gray";
        if (!Colormap.TryGet(map, out _))
        {
            throw new UsageException($"--colormap {map}: expected one of {string.Join(", ", Colormap.Names)}");
        }

        int cols = args.Int(Cols.Name, Math.Min(args.Positionals.Count, 9), 1, 1000);
        int tile = args.Int(Tile.Name, 256, 8, 4096);
        Memory.MemoryCheck.RequireAll(args, context, Memory.CommandPlans.Montage);

        var panels = new List<Panel>();
        foreach (string input in args.Positionals)
        {
            GrayInput image = GrayInput.Load(context.FullPath(input), input, InputArgs.Parse(args)).Displayed();
            float[] values = image.ToSingle();
            byte[] rgb = PanelWriter.Render(new ReadOnlyImageSpan<float>(values, image.Width, image.Height), map);
            panels.Add(new Panel(rgb, image.Width, image.Height, Path.GetFileNameWithoutExtension(input)));
        }

        RgbImage figure = Montage.Compose(panels, cols, args.Has(Titles.Name), new MontageOptions { TileWidth = tile, TileHeight = tile });
        using var stream = new MemoryStream();
        PngEncoder.Encode(stream, figure.Pixels, figure.Width, figure.Height, PngColorType.Rgb, PngEncodeOptions.Figure);
        FileIO.WriteOutput(context.FullPath(output), output, stream.ToArray());
        context.Out.WriteLine($"{output}: {panels.Count} panels, {figure.Width}x{figure.Height}");
        return ExitCodes.Ok;
    }
}

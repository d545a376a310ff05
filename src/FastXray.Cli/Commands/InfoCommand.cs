using FastXray.Cli.Arguments;
using FastXray.Cli.Pipeline;

namespace FastXray.Cli.Commands;

/// <summary><c>fastxray info IN</c>: format, size, depth and colour type of one file.</summary>
internal static class InfoCommand
{
    private static readonly OptionSpec Json = new("json", null, null, "print one JSON object instead of lines");

    public static CommandSpec Spec { get; } = new(
        "info",
        "Print an image's format, size, bit depth and colour type.",
        "IN [--json]",
        Run,
        [Json],
        minPositionals: 1,
        maxPositionals: 1,
        details: "A malformed or unsupported file gives one line 'fastxray: IN: problem' on stderr and exit code 1.");

    private static int Run(ParsedArgs args, CliContext context)
    {
        string input = args.Positionals[0];
        byte[] bytes = FileIO.ReadInput(context.FullPath(input), input);
        ImageInfo info;
        try
        {
            info = ImageFile.Probe(bytes);
        }
        catch (FastXray.Imaging.ImageFormatException e)
        {
            throw new FileProblemException(input, e.Problem, e);
        }

        string format = info.Format.ToString().ToUpperInvariant();
        if (args.Has(Json.Name))
        {
            context.Out.WriteLine(JsonText.Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("file", input);
                json.WriteString("format", format);
                json.WriteNumber("width", info.Width);
                json.WriteNumber("height", info.Height);
                json.WriteNumber("depth", info.Depth);
                json.WriteString("sample", info.Sample);
                json.WriteString("colour", info.Colour);
                json.WriteEndObject();
            }));
        }
        else
        {
            context.Out.WriteLine($"file:   {input}");
            context.Out.WriteLine($"format: {format}");
            context.Out.WriteLine($"size:   {info.Width}x{info.Height}");
            context.Out.WriteLine($"depth:  {info.Depth} ({info.Sample})");
            context.Out.WriteLine($"colour: {info.Colour}");
        }

        return ExitCodes.Ok;
    }
}

using FastXray.Cli.Arguments;
using FastXray.Imaging.Dicom;

namespace FastXray.Cli.Commands;

/// <summary>The input options every image-reading command shares: which DICOM frame, and whether to rescale.</summary>
internal static class InputArgs
{
    public static readonly OptionSpec Frame = new("frame", null, "N", "DICOM: the frame of a multi-frame file, 0-based (default 0)");
    public static readonly OptionSpec FrameOrAll = new("frame", null, "N|all", "DICOM: the frame of a multi-frame file, 0-based, or all (default: all)");
    public static readonly OptionSpec BatchFrame = new("frame", null, "N|all", "DICOM: the frame of a multi-frame file, 0-based (default 0), or all: one output per frame, STEM.fNNNN");
    public static readonly OptionSpec NoRescale = new("no-rescale", null, null, "DICOM: stored values, without the Modality LUT (Rescale Slope/Intercept)");

    /// <summary>The two options, for commands' option lists.</summary>
    public static OptionSpec[] Options => [Frame, NoRescale];

    /// <summary>Help text on how DICOM inputs are read.</summary>
    public const string DicomRules = """

        DICOM inputs (.dcm, or any file with DICM at byte 128 or a preamble-less data set): ops see modality
        values (Rescale Slope/Intercept or the Modality LUT applied; --no-rescale for stored values) as
        float32. With no op an 8-bit output is what a viewer shows: the file's VOI LUT or first Window
        Center/Width with its VOI LUT Function (else the frame's min..max), then MONOCHROME1 inverted;
        --depth 16 keeps modality values (plus 32768 when they can be negative; 'info' says which);
        .npy keeps them as float32. --op window without center/width applies the file's own window.
        """;

    /// <summary>The DICOM decode choice from <c>--frame N</c> and <c>--no-rescale</c>.</summary>
    public static DicomDecodeOptions Parse(ParsedArgs args) =>
        new(args.Get(Frame.Name) == "all" ? 0 : args.Int(Frame.Name, 0, 0, int.MaxValue), !args.Has(NoRescale.Name));

    /// <summary><c>--frame N|all</c>: null for all frames (the default), else the frame.</summary>
    public static int? ParseFrameOrAll(ParsedArgs args)
    {
        string? value = args.Get(FrameOrAll.Name);
        return value is null || value == "all" ? null : args.Int(FrameOrAll.Name, 0, 0, int.MaxValue);
    }
}

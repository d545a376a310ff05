using FastXray.Intensity;

namespace FastXray.Imaging.Dicom;

/// <summary>Where a VOI transform comes from.</summary>
public enum DicomVoiSource
{
    /// <summary>The first item of the file's VOI LUT Sequence.</summary>
    Lut,

    /// <summary>The file's first Window Center/Width with its VOI LUT Function.</summary>
    Window,

    /// <summary>The file has neither: the frame's own minimum and maximum (as dcmtk's <c>dcmj2pnm +Wm</c> and most viewers).</summary>
    MinMax,

    /// <summary>Given on the command line.</summary>
    User,
}

/// <summary>
/// The VOI LUT stage (PS3.3 C.11.2) with output 0..255, then the presentation step MONOCHROME1 needs (C.7.6.3.1.2:
/// minimum value white, so the output is inverted after VOI — never before, which is the mistake issue A6 of the
/// user needs lists).
/// </summary>
/// <param name="Source">Where the transform comes from.</param>
/// <param name="Center">Window centre (window sources).</param>
/// <param name="Width">Window width (window sources).</param>
/// <param name="Function">LINEAR, LINEAR_EXACT or SIGMOID.</param>
/// <param name="Lut">The VOI LUT (LUT source), else null.</param>
public sealed record DicomVoi(DicomVoiSource Source, double Center, double Width, WindowFunction Function, DicomLut? Lut = null)
{
    /// <summary>
    /// The file's VOI: its VOI LUT Sequence when present (pydicom's <c>apply_voi_lut</c> prefers it too), else its first
    /// window, else null (the caller then uses <see cref="FromRange"/>). A window whose width the function cannot take
    /// (LINEAR below 1, others not above 0) is a format error naming it.
    /// </summary>
    public static DicomVoi? FromFile(DicomFile file)
    {
        if (file.VoiLut is { } lut)
        {
            return new DicomVoi(DicomVoiSource.Lut, 0, 0, WindowFunction.Linear, lut);
        }

        if (file.Windows.Count == 0)
        {
            return null;
        }

        DicomWindow w = file.Windows[0];
        WindowFunction function = ParseFunction(file.VoiLutFunction);
        if (!double.IsFinite(w.Center) || !double.IsFinite(w.Width) || (function == WindowFunction.Linear ? w.Width < 1 : w.Width <= 0))
        {
            ThrowHelper.ThrowFormat($"Window Center/Width {w.Center}/{w.Width} is not valid for VOI LUT Function {file.VoiLutFunction}");
        }

        return new DicomVoi(DicomVoiSource.Window, w.Center, w.Width, function);
    }

    /// <summary>A LINEAR_EXACT window over [min, max] (0 and 255 at the ends); a constant image gets width 1 around its value.</summary>
    public static DicomVoi FromRange(double min, double max) =>
        new(DicomVoiSource.MinMax, (min + max) / 2, max > min ? max - min : 1, WindowFunction.LinearExact);

    /// <summary>The function named by a VOI LUT Function value (C.11.2.1.3); an unknown one is a format error.</summary>
    public static WindowFunction ParseFunction(string value) => value.Trim().ToUpperInvariant() switch
    {
        "" or "LINEAR" => WindowFunction.Linear,
        "LINEAR_EXACT" => WindowFunction.LinearExact,
        "SIGMOID" => WindowFunction.Sigmoid,
        _ => ThrowHelper.ThrowFormat<WindowFunction>($"unknown VOI LUT Function '{value.Trim()}'"),
    };

    /// <summary>Maps modality values to 0..255, inverting for MONOCHROME1 when <paramref name="monochrome1"/>.</summary>
    /// <param name="source">Modality values, row-major.</param>
    /// <param name="destination">Same length; may be the source.</param>
    /// <param name="width">Columns (the window kernel works on image spans).</param>
    /// <param name="monochrome1">Invert after VOI (255 − v).</param>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination, int width, bool monochrome1)
    {
        if (destination.Length < source.Length || width <= 0 || source.Length % width != 0)
        {
            ThrowHelper.ThrowArgument(nameof(destination), "the destination must be as long as the source, a whole number of rows");
        }

        int height = source.Length / width;
        if (Lut is { } lut)
        {
            // C.11.2.1.1: input below the first mapped value takes the first entry, above the last the last; the output
            // range 0..2^bits-1 is stretched to 0..255. Modality values are truncated to integers for the lookup, as
            // pydicom's apply_voi does.
            double top = (1 << Math.Clamp(lut.BitsPerEntry, 1, 16)) - 1;
            float scale = (float)(255.0 / top);
            for (int i = 0; i < source.Length; i++)
            {
                float v = source[i];
                double index = float.IsNaN(v) ? 0 : Math.Clamp(Math.Truncate(v) - lut.FirstMapped, 0, lut.Data.Length - 1);
                destination[i] = lut.Data[(int)index] * scale;
            }
        }
        else
        {
            Window.Apply(new ReadOnlyImageSpan<float>(source[..(width * height)], width, height, width),
                new ImageSpan<float>(destination[..(width * height)], width, height, width), Center, Width, Function);
        }

        if (monochrome1)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(255f, destination[..source.Length], destination[..source.Length]);
        }
    }

    /// <summary>One line for <c>info</c> and the output's provenance: "window 40/400 LINEAR (file)".</summary>
    public override string ToString() => FormattableString.Invariant(Text());

    private FormattableString Text() => Source switch
    {
        DicomVoiSource.Lut => $"VOI LUT ({Lut!.Data.Length} entries from {Lut.FirstMapped}, {Lut.BitsPerEntry}-bit)",
        _ => $"window {Center:R}/{Width:R} {Function switch { WindowFunction.LinearExact => "LINEAR_EXACT", WindowFunction.Sigmoid => "SIGMOID", _ => "LINEAR" }} ({Source switch { DicomVoiSource.Window => "file", DicomVoiSource.MinMax => "frame min..max", _ => "given" }})",
    };
}

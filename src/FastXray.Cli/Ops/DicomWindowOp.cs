using FastXray.Imaging.Dicom;
using FastXray.Intensity;

namespace FastXray.Cli.Ops;

/// <summary>
/// The <c>window</c> op: the VOI stage of PS3.3 C.11.2 with output 0..255, then MONOCHROME1's inversion when the
/// input is a MONOCHROME1 DICOM (the standard's order; inverting before the window is the classic mistake).
/// </summary>
/// <remarks>
/// Which VOI: <c>center</c>/<c>width</c> when given (with <c>function</c>, else the file's VOI LUT Function, else
/// LINEAR); otherwise the DICOM file's own — its VOI LUT Sequence, else its first Window Center/Width — and for a
/// DICOM file with neither, the image's own min..max (what viewers show). A non-DICOM input without centre and
/// width is an error naming what to give.
/// </remarks>
internal static class DicomWindowOp
{
    public static void Apply(ReadOnlyImageSpan<float> source, ImageSpan<float> destination, OpArgs args, OpContext context)
    {
        DicomRendering? dicom = context.Dicom;
        DicomVoi voi = Choose(source, args, dicom);
        bool invert = dicom?.Monochrome1 == true;
        if (voi.Lut is null)
        {
            Window.Apply(source, destination, voi.Center, voi.Width, voi.Function);
            if (invert)
            {
                for (int y = 0; y < destination.Height; y++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Subtract(255f, destination.Row(y), destination.Row(y));
                }
            }

            return;
        }

        for (int y = 0; y < source.Height; y++)
        {
            voi.Apply(source.Row(y), destination.Row(y), source.Width, invert);
        }
    }

    /// <summary>The VOI the op applies to this image (see the class remarks).</summary>
    internal static DicomVoi Choose(ReadOnlyImageSpan<float> source, OpArgs args, DicomRendering? dicom)
    {
        if (args.Has("center"))
        {
            WindowFunction function = args.Has("function") ? Parse(args.Text("function"))
                : dicom is not null ? DicomVoi.ParseFunction(dicom.File.VoiLutFunction) : WindowFunction.Linear;
            return new DicomVoi(DicomVoiSource.User, args.Double("center"), args.Double("width"), function);
        }

        if (dicom is null)
        {
            throw new ArgumentException("window: give center and width (only a DICOM input has a window of its own)");
        }

        if (dicom.Voi is { } fileVoi)
        {
            return args.Has("function") && fileVoi.Lut is null ? fileVoi with { Function = Parse(args.Text("function")) } : fileVoi;
        }

        (double min, double max) = FastXray.Color.Colormap.AutoRange(source);
        return DicomVoi.FromRange(min, max);
    }

    private static WindowFunction Parse(string name) => name switch
    {
        "linear_exact" => WindowFunction.LinearExact,
        "sigmoid" => WindowFunction.Sigmoid,
        _ => WindowFunction.Linear,
    };
}

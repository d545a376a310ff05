using FastXray.Cli.Arguments;
using FastXray.Cli.Pipeline;

namespace FastXray.Cli.Commands;

/// <summary><c>fastxray info IN</c>: format, size, depth and colour type of one file, after checking the whole file.</summary>
internal static class InfoCommand
{
    private static readonly OptionSpec Json = new("json", null, null, "print one JSON object instead of lines");
    private static readonly OptionSpec Header = new("header", null, null, "read the header only (fast; the pixel data is not checked)");
    private static readonly OptionSpec Phi = new("phi", null, null, "DICOM: also print patient-identifying attributes (name, ID, birth date, ...)");

    public static CommandSpec Spec { get; } = new(
        "info",
        "Check an image file and print its format, size, bit depth and colour type.",
        "IN [--json] [--header] [--phi]",
        Run,
        [Json, Header, Phi],
        minPositionals: 1,
        maxPositionals: 1,
        details: """
            By default the whole file is checked as the decoder reads it: PNG every chunk length and CRC, the
            zlib stream, its Adler-32 and the data length; JPEG, TIFF, BMP, TGA, PSD and HDR a full decode,
            including truncation; DICOM every frame decoded; NPY the header and the data length. --header reads only the header (fast;
            the pixel data is not checked). A malformed, truncated or unsupported file gives one line
            'fastxray: IN: problem' on stderr and exit code 1; a format FastXray does not read is named
            (WebP, JPEG 2000, JPEG XL, HEIC, AVIF, DNG, PDF, ...).

            DICOM: also the transfer syntax (name and UID), bits allocated/stored, high bit, signedness,
            photometric interpretation, frames, modality, rescale (or Modality LUT), the window or VOI LUT
            that 8-bit output applies, and what 16-bit output holds. Patient-identifying attributes are
            counted, not printed, unless --phi is given.
            """);

    private static int Run(ParsedArgs args, CliContext context)
    {
        string input = args.Positionals[0];
        byte[] bytes = FileIO.ReadInput(context.FullPath(input), input);
        ImageInfo info;
        FastXray.Imaging.Dicom.DicomFile? dicom = null;
        try
        {
            if (FastXray.Imaging.Formats.FileSignature.TryIdentify(bytes) == FastXray.Imaging.Formats.ImageContainer.Dicom)
            {
                // One parse serves the check and the print (a deflated data set is inflated once).
                dicom = FastXray.Imaging.Dicom.DicomReader.Read(bytes);
                if (!args.Has(Header.Name))
                {
                    FastXray.Imaging.Dicom.DicomImage.VerifyFrames(dicom);
                }

                info = ImageFile.ToImageInfo(FastXray.Imaging.Dicom.DicomImage.Info(dicom));
            }
            else
            {
                info = ImageFile.Probe(bytes, verify: !args.Has(Header.Name));
            }
        }
        catch (FastXray.Imaging.ImageFormatException e)
        {
            throw new FileProblemException(input, e.Problem, e);
        }

        string format = info.Format;
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
                if (info.Detail.Length > 0)
                {
                    json.WriteString("detail", info.Detail);
                }

                json.WriteBoolean("verified", !args.Has(Header.Name));
                if (dicom is not null)
                {
                    DicomInfoPrinter.WriteJson(json, dicom, args.Has(Phi.Name));
                }

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
            if (info.Detail.Length > 0 && dicom is null)
            {
                context.Out.WriteLine($"detail: {info.Detail}");
            }

            if (dicom is not null)
            {
                DicomInfoPrinter.WriteText(context.Out, dicom, args.Has(Phi.Name));
            }

            context.Out.WriteLine(args.Has(Header.Name) ? "check:  header only" : "check:  whole file decoded, no errors");
        }

        return ExitCodes.Ok;
    }
}

using System.Buffers;
using FastXray.Imaging.Formats;

namespace FastXray.Imaging.Dicom;

/// <summary>
/// A DICOM file as an image: one frame decoded, through the Modality LUT stage, with the display facts attached
/// (<see cref="GrayImage.Dicom"/>). Ops then see modality values; the VOI stage and MONOCHROME1 inversion are applied
/// by whoever renders (PS3.3 C.11 order: modality, VOI, presentation).
/// </summary>
public static class DicomImage
{
    /// <summary>Decodes frame <see cref="DicomDecodeOptions.Frame"/> of <paramref name="file"/>.</summary>
    /// <remarks>
    /// The samples: modality values as float32 when the stage changes them (or stored values are signed), else the
    /// stored values as 16-bit (8-bit when Bits Allocated is 8), so an unscaled unsigned radiograph keeps the integer
    /// paths of the rank and equalisation kernels.
    /// </remarks>
    public static GrayImage Decode(ReadOnlyMemory<byte> file, DicomDecodeOptions? options = null, DecodeLimits? limits = null)
    {
        options ??= DicomDecodeOptions.Default;
        DicomFile dicom = DicomReader.Read(file, limits);
        CheckDecodable(dicom, options.Frame);
        int n = dicom.Rows * dicom.Columns;
        bool rescale = options.Rescale && !DicomModality.IsIdentity(dicom);
        bool mono1 = dicom.Photometric.Trim() == "MONOCHROME1";
        var rendering = new DicomRendering(dicom, options.Frame, options.Rescale, DicomVoi.FromFile(dicom), mono1, DicomModality.Offset16(dicom, options.Rescale));
        string colour = dicom.SamplesPerPixel == 3 ? "rgb" : "grey";
        if (!rescale && !dicom.IsSigned && dicom.BitsAllocated == 16)
        {
            // Stored values are the result: decode straight into it (no scratch, no copy).
            var result = new ushort[n];
            DicomFrameDecoder.Decode(dicom, options.Frame, result, limits);
            return GrayImage.Of(result, dicom.Columns, dicom.Rows, colour).WithDicom(rendering);
        }

        ushort[] stored = ArrayPool<ushort>.Shared.Rent(n);
        try
        {
            DicomFrameDecoder.Decode(dicom, options.Frame, stored.AsSpan(0, n), limits);
            if (rescale)
            {
                var values = new float[n];
                DicomModality.Apply(stored.AsSpan(0, n), DicomModality.BuildTable(dicom), values);
                return GrayImage.Of(values, dicom.Columns, dicom.Rows, colour).WithDicom(rendering);
            }

            if (dicom.IsSigned)
            {
                var values = new float[n];
                for (int i = 0; i < n; i++)
                {
                    values[i] = (short)stored[i];
                }

                return GrayImage.Of(values, dicom.Columns, dicom.Rows, colour).WithDicom(rendering);
            }

            // What is left is unsigned 8-bit (unsigned 16-bit returned above).
            var bytes = new byte[n];
            for (int i = 0; i < n; i++)
            {
                bytes[i] = (byte)stored[i];
            }

            return GrayImage.Of(bytes, dicom.Columns, dicom.Rows, colour).WithDicom(rendering);
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(stored);
        }
    }

    /// <summary>The header facts (<c>info --header</c>), from the parsed attributes.</summary>
    public static FormatInfo ReadInfo(ReadOnlyMemory<byte> file) => Info(DicomReader.Read(file));

    /// <summary>The header facts of a parsed file.</summary>
    public static FormatInfo Info(DicomFile dicom)
    {
        bool floats = !DicomModality.IsIdentity(dicom) || dicom.IsSigned;
        string sample = floats ? "float32" : dicom.BitsAllocated == 8 ? "uint8" : "uint16";
        string frames = dicom.NumberOfFrames == 1 ? "1 frame" : $"{dicom.NumberOfFrames} frames";
        return new FormatInfo(ImageContainer.Dicom, dicom.Columns, dicom.Rows, dicom.BitsStored, sample,
            dicom.SamplesPerPixel == 3 ? "rgb" : "grey", $"{dicom.TransferSyntax}, {dicom.Photometric.Trim()}, {frames}");
    }

    /// <summary>The header facts, after decoding every frame (what <c>info</c> checks by default).</summary>
    public static FormatInfo Verify(ReadOnlyMemory<byte> file, DecodeLimits? limits = null)
    {
        // One parse: a deflated data set is inflated once, not once per question.
        DicomFile dicom = DicomReader.Read(file, limits);
        VerifyFrames(dicom, limits);
        return Info(dicom);
    }

    /// <summary>Decodes every frame of <paramref name="dicom"/> (into one rented buffer) and checks its VOI; any problem is an <see cref="ImageFormatException"/>.</summary>
    public static void VerifyFrames(DicomFile dicom, DecodeLimits? limits = null)
    {
        CheckDecodable(dicom, 0);
        int n = dicom.Rows * dicom.Columns;
        ushort[] stored = ArrayPool<ushort>.Shared.Rent(n);
        try
        {
            for (int frame = 0; frame < dicom.NumberOfFrames; frame++)
            {
                DicomFrameDecoder.Decode(dicom, frame, stored.AsSpan(0, n), limits);
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(stored);
        }

        _ = DicomVoi.FromFile(dicom);
    }

    /// <summary>An upper bound of what <see cref="Decode"/> allocates beyond the file: the inflated data set (deflated files), a frame's fragments, stored values, the modality table and the result.</summary>
    public static long PeakBytes(FormatInfo info, long fileBytes)
    {
        long n = (long)info.Width * info.Height;
        // Deflate: the inflated data set is bounded by the reader's ratio check; a frame's fragments by the file.
        return fileBytes + (n * 2) + (n * 4) + (65536 * 4) + (4L << 20);
    }

    private static void CheckDecodable(DicomFile dicom, int frame)
    {
        if (!dicom.HasPixelData)
        {
            ThrowHelper.ThrowFormat("no pixel data (7FE0,0010): not an image");
        }

        if (frame < 0 || frame >= dicom.NumberOfFrames)
        {
            ThrowHelper.ThrowFormat($"frame {frame} out of range (the file has {dicom.NumberOfFrames})");
        }
    }
}

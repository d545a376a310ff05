using FastXray.Imaging.Dicom;

namespace FastXray.Cli.Pipeline;

/// <summary>
/// What a DICOM input becomes when no op is given: what a viewer shows for 8-bit outputs (the file's VOI — its VOI
/// LUT or first window, else the frame's min..max — then MONOCHROME1 inverted), the modality values for 16-bit
/// outputs (plus <see cref="DicomRendering.Offset16"/> when they can be negative, as <c>info</c> states), and the
/// modality values as they are for NPY.
/// </summary>
internal static class DicomOutput
{
    /// <summary>The image to encode: <paramref name="modality"/> itself (NPY) or a new rented image the caller returns.</summary>
    public static Image<float> Render(Image<float> modality, DicomRendering rendering, OutputOptions output)
    {
        if (output.Format == ImageFormat.Npy)
        {
            return modality;
        }

        Image<float> result = ImageBuffers.Rent(modality.Width, modality.Height);
        try
        {
            if (output.Depth == 16)
            {
                for (int y = 0; y < modality.Height; y++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(modality.Row(y), (float)rendering.Offset16, result.Row(y));
                }

                return result;
            }

            DicomVoi voi = rendering.Voi ?? RangeOf(modality);
            for (int y = 0; y < modality.Height; y++)
            {
                if ((y & 63) == 0)
                {
                    FastXray.Threading.KernelCancellation.ThrowIfRequested();
                }

                voi.Apply(modality.Row(y), result.Row(y), modality.Width, rendering.Monochrome1);
            }

            return result;
        }
        catch
        {
            ImageBuffers.Return(result);
            throw;
        }
    }

    private static DicomVoi RangeOf(Image<float> image)
    {
        (double min, double max) = FastXray.Color.Colormap.AutoRange(image.AsReadOnlySpan());
        return DicomVoi.FromRange(min, max);
    }
}

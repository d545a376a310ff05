namespace FastXray.Cli.Ops;

/// <summary>
/// Runs one op: reads <paramref name="source"/>, writes every pixel of <paramref name="destination"/> (same size,
/// distinct buffers). <paramref name="args"/> holds the parsed parameters.
/// </summary>
internal delegate void OpKernel(ReadOnlyImageSpan<float> source, ImageSpan<float> destination, OpArgs args, OpContext context);

/// <summary>Per-image facts an op may need beyond its parameters.</summary>
/// <param name="SourceBitDepth">8 or 16 for integer images as stored (values 0..255 or 0..65535), 0 for float data.</param>
/// <param name="IntegerSamples">
/// The op's input holds exact integers within 0..2^SourceBitDepth − 1: true for the first op on an 8/16-bit image
/// and after ops that keep that property (<see cref="OpDefinition.KeepsIntegers"/>). Rank filters, equalisation and
/// CLAHE then run their 8/16-bit kernels on a narrowed copy (the same values, several times faster).
/// </param>
/// <param name="Dicom">For a DICOM input: the file's display facts (its window for <c>window</c> without centre/width, MONOCHROME1); null otherwise.</param>
internal readonly record struct OpContext(int SourceBitDepth, bool IntegerSamples = false, FastXray.Imaging.Dicom.DicomRendering? Dicom = null)
{
    /// <summary>The context for the first op of a chain on an image decoded at <paramref name="bitDepth"/>.</summary>
    public static OpContext ForSource(int bitDepth) => new(bitDepth, bitDepth is 8 or 16);
}

/// <summary>An op as registered: scipy's name, a one-line summary, its parameters and the kernel call.</summary>
/// <param name="Name">scipy.ndimage's name (or FastXray's for the extras).</param>
/// <param name="Summary">One line for <c>fastxray ops</c>.</param>
/// <param name="Parameters">Declared parameters, in scipy's order.</param>
/// <param name="Kernel">The call into FastXray.Core.</param>
/// <param name="Validate">Checks across parameters (e.g. exactly one of gt/ge/lt/le/eq); returns an error or null.</param>
/// <param name="Reach">
/// Rows above and below an output row that the kernel reads, for the row-band scheduler
/// (<see cref="FastXray.Threading.RowBands"/>): e.g. the Gaussian radius, 1 for Sobel. Null (the default) or a
/// negative value marks a whole-image op (FFT, histograms, image-wide min/max, iterate-until-stable), which
/// always runs on one thread. <c>mode=wrap</c> is whole-image for every op (the halo would need the other edge).
/// </param>
/// <param name="KeepsIntegers">
/// Given integer samples within the source's range, the output holds integers within that range too (rank filters
/// without a fractional or out-of-range cval, masks, morphology); null = never assumed.
/// </param>
internal sealed record OpDefinition(string Name, string Summary, IReadOnlyList<OpParam> Parameters, OpKernel Kernel,
    Func<OpArgs, string?>? Validate = null, Func<OpArgs, int>? Reach = null, Func<OpArgs, bool>? KeepsIntegers = null)
{
    public OpParam? Find(string name)
    {
        foreach (OpParam p in Parameters)
        {
            if (p.Name == name)
            {
                return p;
            }
        }

        return null;
    }
}

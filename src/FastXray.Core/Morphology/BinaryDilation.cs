namespace FastXray.Morphology;

/// <summary>scipy.ndimage's <c>binary_dilation</c> on a 2-D image: input samples != 0 are true, the output is 0/1 bytes.</summary>
public static class BinaryDilation
{
    /// <summary><c>binary_dilation(source, iterations=iterations, border_value=borderValue)</c> with scipy's default 4-connected cross.</summary>
    /// <remarks>See <see cref="Apply{T}(ReadOnlyImageSpan{T}, ImageSpan{byte}, ReadOnlyImageSpan{byte}, int, bool)"/>.</remarks>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<byte> destination, int iterations = 1, bool borderValue = false)
        where T : unmanaged =>
        Apply(source, destination, BinaryStructure.Cross, iterations, borderValue);

    /// <summary><c>binary_dilation(source, structure, iterations, border_value=borderValue)</c>.</summary>
    /// <param name="source">The image; a sample is true when it is non-zero (a float NaN counts as true). byte, ushort or float.</param>
    /// <param name="destination">Receives 1 for true and 0 for false; same size as the source. It may overlap the source: the
    /// source is read completely before the first write.</param>
    /// <param name="structure">The structuring element: non-zero samples are members; its centre is the sample at
    /// (height/2, width/2). See <see cref="BinaryStructure"/>.</param>
    /// <param name="iterations">How many times to repeat the operation; less than 1 repeats until the image stops changing. A structure whose centre is not a member can make the passes cycle for ever (scipy then never returns); that run throws <see cref="System.ArgumentException"/> as soon as a state repeats.</param>
    /// <param name="borderValue">The value of every pixel outside the image.</param>
    /// <remarks>
    /// <c>out[p] = OR over q in S of in[p - q]</c>, the Minkowski sum: the structure S is reflected through its centre (offsets q = k - shape/2). Pixels outside the image read <paramref name="borderValue"/>, so true dilates every border pixel to true.
    /// Repeating k times equals k single applications (ndimage-semantics §9). An empty structure (all zeros) gives all
    /// false for dilation and all true for erosion, as scipy. Runs on a bit-packed copy, 64 pixels per word.
    /// </remarks>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<byte> destination, ReadOnlyImageSpan<byte> structure, int iterations = 1, bool borderValue = false)
        where T : unmanaged
    {
        BinaryMorphology.Validate(source, destination, structure);
        BinaryMorphology.Run(source, destination, structure, iterations, borderValue, BinaryMorphology.Pass.Dilation, null);
    }
}

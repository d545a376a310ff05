namespace FastXray.Morphology;

/// <summary>Structuring elements for the binary morphology operations; scipy's <c>generate_binary_structure(2, connectivity)</c>.</summary>
/// <remarks>
/// A structure is any small 2-D byte image whose non-zero samples are the members. Its centre is the sample at
/// <c>(height/2, width/2)</c> (integer division), so an even size 2 covers offsets {-1, 0} (ndimage-semantics §9).
/// </remarks>
public static class BinaryStructure
{
    private static readonly byte[] s_cross = [0, 1, 0, 1, 1, 1, 0, 1, 0];
    private static readonly byte[] s_square = [1, 1, 1, 1, 1, 1, 1, 1, 1];

    /// <summary>The 4-connected cross <c>[[0,1,0],[1,1,1],[0,1,0]]</c>, scipy's default structure in 2-D.</summary>
    public static ReadOnlyImageSpan<byte> Cross => new(s_cross, 3, 3);

    /// <summary>The 8-connected 3x3 square of ones.</summary>
    public static ReadOnlyImageSpan<byte> Square => new(s_square, 3, 3);

    /// <summary>scipy's <c>generate_binary_structure(2, connectivity)</c>.</summary>
    /// <remarks>Members of the 3x3 grid are the offsets (dy, dx) with |dy| + |dx| ≤ connectivity: 1 gives
    /// <see cref="Cross"/> and 2 or more gives <see cref="Square"/>; scipy raises values below 1 to 1.</remarks>
    public static ReadOnlyImageSpan<byte> Generate(int connectivity) => connectivity <= 1 ? Cross : Square;
}

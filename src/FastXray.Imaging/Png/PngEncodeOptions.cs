namespace FastXray.Imaging.Png;

/// <summary>Options of <see cref="PngEncoder"/>.</summary>
public sealed record PngEncodeOptions
{
    /// <summary>The default compression level (see <see cref="CompressionLevel"/>).</summary>
    public const int DefaultCompressionLevel = 2;

    /// <summary>The defaults: level <see cref="DefaultCompressionLevel"/>, adaptive filters.</summary>
    public static PngEncodeOptions Default { get; } = new();

    /// <summary>zlib compression level 0 (stored) to 9 (smallest, slowest).</summary>
    /// <remarks>
    /// The default, 2, is chosen for batch work: on the 1024x1024 tutorial radiograph it writes a file within a few
    /// percent of libpng's level 6 in a fraction of the time (see the PngBenchmarks table in the README).
    /// The BCL's zlib is zlib-ng, whose level 1 uses a fast static-Huffman path that compresses noticeably worse.
    /// </remarks>
    public int CompressionLevel { get; init; } = DefaultCompressionLevel;

    /// <summary>How each row's filter is chosen; <see cref="PngFilterStrategy.Adaptive"/> by default.</summary>
    public PngFilterStrategy FilterStrategy { get; init; } = PngFilterStrategy.Adaptive;
}

using System.IO.Compression;

namespace FastXray.Imaging.Png;

/// <summary>Options of <see cref="PngEncoder"/>.</summary>
public sealed record PngEncodeOptions
{
    /// <summary>The default compression level (see <see cref="CompressionLevel"/>).</summary>
    public const int DefaultCompressionLevel = 2;

    /// <summary>The defaults: level <see cref="DefaultCompressionLevel"/>, adaptive filters.</summary>
    public static PngEncodeOptions Default { get; } = new();

    /// <summary>For plots and other line-art figures (flat areas, repeated glyphs): the default strategy's long matches pay off there.</summary>
    public static PngEncodeOptions Figure { get; } = new() { Strategy = ZLibCompressionStrategy.Default };

    /// <summary>zlib compression level 0 (stored) to 9 (smallest, slowest).</summary>
    /// <remarks>
    /// Any level from 1 to 9 selects zlib-ng's run-length matcher when <see cref="Strategy"/> is
    /// <see cref="ZLibCompressionStrategy.RunLengthEncoding"/> (the default), so the level matters only with the
    /// other strategies. There, 2 is the batch choice: zlib-ng's level 1 is a static-Huffman fast path that
    /// compresses noticeably worse, and higher levels cost several times the time for a few percent
    /// (`tools/compare-peers` prints the PNG sizes of Pillow, OpenCV and ours).
    /// </remarks>
    public int CompressionLevel { get; init; } = DefaultCompressionLevel;

    /// <summary>The deflate strategy; <see cref="ZLibCompressionStrategy.RunLengthEncoding"/> by default.</summary>
    /// <remarks>
    /// Filtered image rows are mostly small residuals and runs of zeros, so matches at distance one plus Huffman coding
    /// capture nearly all of the gain (the approach of fast PNG encoders such as fpnge), without hash-chain searches.
    /// Measured with zlib-ng on a 1024x1024 tutorial radiograph: run-length at level 2 writes 446 KB, against 513 KB for
    /// the default strategy at level 2, 471 KB for Pillow at level 6 and 507 KB for OpenCV at level 6, and the tutorial's
    /// whole panel set runs 14 % faster. Images with long-distance repeats (text, figures) compress better with
    /// <see cref="ZLibCompressionStrategy.Default"/>.
    /// </remarks>
    public ZLibCompressionStrategy Strategy { get; init; } = ZLibCompressionStrategy.RunLengthEncoding;

    /// <summary>How each row's filter is chosen; <see cref="PngFilterStrategy.Adaptive"/> by default.</summary>
    public PngFilterStrategy FilterStrategy { get; init; } = PngFilterStrategy.Adaptive;
}

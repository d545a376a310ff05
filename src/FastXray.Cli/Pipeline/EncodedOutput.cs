using FastXray.Color;
using FastXray.Imaging.Png;

namespace FastXray.Cli.Pipeline;

/// <summary>
/// One output file, encoded in memory and written later: a command encodes every file of a set first and writes
/// none before all succeeded, so an encoder failure leaves no partial set.
/// </summary>
/// <remarks>
/// A PNG stays as its compressed pixels (<see cref="PngCompressedImage"/>) and is framed straight into the file,
/// instead of being copied into a fresh file-sized array first (fresh memory costs a page fault per 4 KiB).
/// </remarks>
internal abstract class EncodedOutput : IDisposable
{
    /// <summary>Writes the file's bytes.</summary>
    public abstract void WriteTo(Stream stream);

    /// <summary>Releases pooled buffers this output owns.</summary>
    public virtual void Dispose()
    {
    }

    /// <summary>Bytes already made.</summary>
    public static EncodedOutput Of(byte[] bytes) => new BytesOutput(bytes);

    /// <summary>
    /// A file made only when it is written, by <paramref name="write"/>: for outputs that are a plain copy of data
    /// already in memory (a panel's NPY array), so a set of them is not held encoded all at once.
    /// </summary>
    public static EncodedOutput Deferred(Action<Stream> write) => new DeferredOutput(write);

    /// <summary>A PNG from compressed pixels; <paramref name="palette"/> for a palette image; <paramref name="owns"/> disposes the image with this output.</summary>
    public static EncodedOutput Of(PngCompressedImage image, Colormap? palette, bool owns) => new PngOutput(image, palette, owns);

    private sealed class DeferredOutput(Action<Stream> write) : EncodedOutput
    {
        public override void WriteTo(Stream stream) => write(stream);
    }

    private sealed class BytesOutput(byte[] bytes) : EncodedOutput
    {
        public override void WriteTo(Stream stream) => stream.Write(bytes);
    }

    private sealed class PngOutput(PngCompressedImage image, Colormap? palette, bool owns) : EncodedOutput
    {
        public override void WriteTo(Stream stream) => image.WriteTo(stream, palette is null ? default : palette.Table);

        public override void Dispose()
        {
            if (owns)
            {
                image.Dispose();
            }
        }
    }
}

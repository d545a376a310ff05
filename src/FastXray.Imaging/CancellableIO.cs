using FastXray.Threading;

namespace FastXray.Imaging;

/// <summary>
/// Whole-buffer stream reads and writes in 16 MB pieces with a <see cref="KernelCancellation"/> check before each
/// piece: a gigabyte input or output takes seconds on a loaded machine or slow disk, and a signal must not wait
/// for it. Without a cancellation scope a check is one volatile read.
/// </summary>
public static class CancellableIO
{
    private const int Piece = 16 << 20;

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="stream"/>; returns the bytes read (fewer only at the end of the stream).</summary>
    public static int Read(Stream stream, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        int filled = 0;
        while (filled < buffer.Length)
        {
            KernelCancellation.ThrowIfRequested();
            int want = Math.Min(Piece, buffer.Length - filled);
            int got = stream.ReadAtLeast(buffer.Slice(filled, want), want, throwOnEndOfStream: false);
            filled += got;
            if (got < want)
            {
                break;
            }
        }

        return filled;
    }

    /// <summary>Writes all of <paramref name="data"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(stream);
        for (int done = 0; done < data.Length; done += Piece)
        {
            KernelCancellation.ThrowIfRequested();
            stream.Write(data.Slice(done, Math.Min(Piece, data.Length - done)));
        }
    }
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Fourier;

/// <summary>
/// The scratch of one transform call: a single pooled float array carved into 64-byte-aligned regions (a batch
/// element of 16 lanes is exactly two cache lines; misaligned, every 512-bit access would split a line).
/// Rented once per call, returned by <see cref="Dispose"/>.
/// </summary>
/// <remarks>Arrays of the sizes that matter live on the large-object heap, which is not compacted, so the alignment holds.</remarks>
internal ref struct FftWorkspace
{
    private const int SlackPerRegion = 16;
    private readonly float[] _array;

    /// <param name="lanes">Lanes per batch element (an element is 2·lanes floats).</param>
    /// <param name="work">Batch elements of the main work buffer.</param>
    /// <param name="work2">Batch elements of the second buffer (real split/combine, filtered inverse).</param>
    /// <param name="scratch">Batch elements the plans need for Bluestein.</param>
    /// <param name="convert">Floats for byte/ushort rows converted to float.</param>
    /// <param name="spectrum">Complex values of an intermediate half spectrum.</param>
    public FftWorkspace(int lanes, int work, int work2, int scratch, long convert = 0, long spectrum = 0)
    {
        long e = 2L * lanes;
        long total = ((work + work2 + scratch) * e) + convert + (2 * spectrum) + (5 * SlackPerRegion);
        if (total > Array.MaxLength)
        {
            ThrowHelper.ThrowArgumentOutOfRange("source", "The image is too large for the FFT scratch buffer.");
        }

        _array = ArrayPool<float>.Shared.Rent((int)total);
        int cursor = 0;
        Work = Take(ref cursor, work * e);
        Work2 = Take(ref cursor, work2 * e);
        Scratch = Take(ref cursor, scratch * e);
        Convert = Take(ref cursor, convert);
        Spectrum = MemoryMarshal.Cast<float, Complex32>(Take(ref cursor, 2 * spectrum));
    }

    public Span<float> Work { get; }

    public Span<float> Work2 { get; }

    public Span<float> Scratch { get; }

    public Span<float> Convert { get; }

    public Span<Complex32> Spectrum { get; }

    public readonly void Dispose() => ArrayPool<float>.Shared.Return(_array);

    private readonly unsafe Span<float> Take(scoped ref int cursor, long floats)
    {
        nint address = (nint)Unsafe.AsPointer(ref _array[cursor]);
        int skip = (int)((64 - (address & 63)) & 63) / sizeof(float);
        Span<float> region = _array.AsSpan(cursor + skip, (int)floats);
        cursor += skip + (int)floats;
        return region;
    }
}

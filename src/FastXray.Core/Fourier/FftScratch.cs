using System.Buffers;
using System.Runtime.CompilerServices;

namespace FastXray.Fourier;

/// <summary>
/// One pooled float array per call, carved into regions that each start on a 64-byte boundary (a batch element of
/// 16 lanes is exactly two cache lines; misaligned, every 512-bit access would split a line).
/// </summary>
/// <remarks>Arrays of this size live on the large-object heap, which is not compacted, so the alignment holds.</remarks>
internal static class FftScratch
{
    private const int SlackPerRegion = 16;

    /// <summary>Rents room for regions totalling <paramref name="floats"/> floats in <paramref name="regions"/> pieces.</summary>
    public static float[] Rent(long floats, int regions)
    {
        long total = floats + ((long)SlackPerRegion * regions);
        if (total > Array.MaxLength)
        {
            ThrowHelper.ThrowArgumentOutOfRange("source", "The image is too large for the FFT scratch buffer.");
        }

        return ArrayPool<float>.Shared.Rent((int)total);
    }

    public static void Return(float[] array) => ArrayPool<float>.Shared.Return(array);

    /// <summary>The next region of <paramref name="floats"/> floats, 64-byte aligned.</summary>
    public static unsafe Span<float> Take(float[] array, ref int cursor, long floats)
    {
        nint address = (nint)Unsafe.AsPointer(ref array[cursor]);
        int skip = (int)((64 - (address & 63)) & 63) / sizeof(float);
        Span<float> region = array.AsSpan(cursor + skip, (int)floats);
        cursor += skip + (int)floats;
        return region;
    }
}

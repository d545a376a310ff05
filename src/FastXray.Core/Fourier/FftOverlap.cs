using System.Runtime.InteropServices;

namespace FastXray.Fourier;

/// <summary>Source/destination aliasing rules shared by the Fourier operations.</summary>
internal static class FftOverlap
{
    /// <summary>Throws unless the images share no memory or are exactly the same float pixels (same start and stride).</summary>
    public static void CheckExactOrNone<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination)
        where T : unmanaged
    {
        ReadOnlySpan<byte> s = MemoryMarshal.AsBytes(source.Data);
        ReadOnlySpan<byte> d = MemoryMarshal.AsBytes(destination.Data);
        if (s.Overlaps(d, out int offset) && !(typeof(T) == typeof(float) && offset == 0 && source.Stride == destination.Stride))
        {
            ThrowHelper.ThrowOverlap();
        }
    }

    /// <summary>Throws unless the images share no memory or are exactly the same pixels.</summary>
    public static void CheckExactOrNone(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination)
    {
        if (source.Data.Overlaps(destination.Data, out int offset) && (offset != 0 || source.Stride != destination.Stride))
        {
            ThrowHelper.ThrowOverlap();
        }
    }

    /// <summary>Throws if the two buffers share any byte.</summary>
    public static void CheckNone(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Overlaps(b))
        {
            ThrowHelper.ThrowOverlap();
        }
    }
}

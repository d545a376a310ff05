using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Intensity;

/// <summary>
/// Walks an image as few spans as possible: a contiguous view (stride = width, or one row) is one span of
/// width*height samples, so element-wise kernels and reductions run one long loop with one tail instead of
/// one per row.
/// </summary>
internal static class ImageRows
{
    /// <summary>Number of spans <see cref="Get{T}(in ReadOnlyImageSpan{T}, int)"/> yields (0 for an empty image).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count<T>(in ReadOnlyImageSpan<T> image)
        where T : unmanaged =>
        image.IsEmpty ? 0 : image.IsContiguous ? 1 : image.Height;

    /// <summary>Span <paramref name="index"/>: the whole image when contiguous, else row <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<T> Get<T>(in ReadOnlyImageSpan<T> image, int index)
        where T : unmanaged =>
        image.IsContiguous ? image.Data[..(image.Width * image.Height)] : image.Row(index);

    /// <summary>Number of span pairs for a source/destination pair (one when both are contiguous).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count<TFrom, TTo>(in ReadOnlyImageSpan<TFrom> source, in ImageSpan<TTo> destination)
        where TFrom : unmanaged
        where TTo : unmanaged =>
        source.IsEmpty ? 0 : source.IsContiguous && destination.IsContiguous ? 1 : source.Height;

    /// <summary>The destination span matching <see cref="Get{T}(in ReadOnlyImageSpan{T}, int)"/> of a pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<TTo> GetDestination<TFrom, TTo>(in ReadOnlyImageSpan<TFrom> source, in ImageSpan<TTo> destination, int index)
        where TFrom : unmanaged
        where TTo : unmanaged =>
        source.IsContiguous && destination.IsContiguous ? destination.Data[..(destination.Width * destination.Height)] : destination.Row(index);

    /// <summary>The source span matching <see cref="GetDestination{TFrom, TTo}"/> of a pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<TFrom> GetSource<TFrom, TTo>(in ReadOnlyImageSpan<TFrom> source, in ImageSpan<TTo> destination, int index)
        where TFrom : unmanaged
        where TTo : unmanaged =>
        source.IsContiguous && destination.IsContiguous ? source.Data[..(source.Width * source.Height)] : source.Row(index);

    /// <summary>The same view typed as <typeparamref name="TTo"/>; callers have checked that the types are the same.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlyImageSpan<TTo> As<TFrom, TTo>(in ReadOnlyImageSpan<TFrom> image)
        where TFrom : unmanaged
        where TTo : unmanaged
    {
        Debug.Assert(typeof(TFrom) == typeof(TTo));
        return new(MemoryMarshal.Cast<TFrom, TTo>(image.Data), image.Width, image.Height, image.Stride);
    }

    /// <summary>The same writable view typed as <typeparamref name="TTo"/>; callers have checked that the types are the same.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ImageSpan<TTo> As<TFrom, TTo>(in ImageSpan<TFrom> image)
        where TFrom : unmanaged
        where TTo : unmanaged
    {
        Debug.Assert(typeof(TFrom) == typeof(TTo));
        return new(MemoryMarshal.Cast<TFrom, TTo>(image.Data), image.Width, image.Height, image.Stride);
    }

    /// <summary>Throws unless <typeparamref name="T"/> is byte, ushort or float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void EnsureSupported<T>()
        where T : unmanaged
    {
        if (!PixelConvert.IsSupported<T>())
        {
            ThrowHelper.ThrowNotSupportedType<T>();
        }
    }

    /// <summary>Throws unless the two views have the same width and height.</summary>
    public static void EnsureSameSize<TA, TB>(in ReadOnlyImageSpan<TA> a, in ReadOnlyImageSpan<TB> b, string paramName)
        where TA : unmanaged
        where TB : unmanaged
    {
        if (a.Width != b.Width || a.Height != b.Height)
        {
            ThrowHelper.ThrowArgument(paramName, $"Image is {b.Width}x{b.Height}; expected {a.Width}x{a.Height}.");
        }
    }

    /// <summary>Throws for an image without pixels (NumPy: "zero-size array to reduction operation ... which has no identity").</summary>
    public static void EnsureNotEmpty<T>(in ReadOnlyImageSpan<T> image, string paramName)
        where T : unmanaged
    {
        if (image.IsEmpty)
        {
            ThrowHelper.ThrowArgument(paramName, "The image has no pixels; the reduction has no identity.");
        }
    }
}

using System.Runtime.CompilerServices;

namespace FastXray;

/// <summary>A read-only 2-D view over row-major pixels: <see cref="Height"/> rows of <see cref="Width"/> samples, rows <see cref="Stride"/> samples apart.</summary>
public readonly ref struct ReadOnlyImageSpan<T>
    where T : unmanaged
{
    /// <summary>A dense view (stride = width).</summary>
    public ReadOnlyImageSpan(ReadOnlySpan<T> data, int width, int height)
        : this(data, width, height, width)
    {
    }

    /// <summary>A strided view. <paramref name="data"/> must hold <c>(height-1)*stride + width</c> samples.</summary>
    public ReadOnlyImageSpan(ReadOnlySpan<T> data, int width, int height, int stride)
    {
        ImageSpanValidation.Validate(data.Length, width, height, stride);
        Data = data;
        Width = width;
        Height = height;
        Stride = stride;
    }

    /// <summary>The underlying samples, including any padding between rows.</summary>
    public ReadOnlySpan<T> Data { get; }

    /// <summary>Samples per row.</summary>
    public int Width { get; }

    /// <summary>Number of rows.</summary>
    public int Height { get; }

    /// <summary>Distance between row starts, in samples.</summary>
    public int Stride { get; }

    /// <summary>Width times height.</summary>
    public long PixelCount => (long)Width * Height;

    /// <summary>True when the image has no pixels.</summary>
    public bool IsEmpty => Width == 0 || Height == 0;

    /// <summary>True when rows are stored back to back.</summary>
    public bool IsContiguous => Stride == Width || Height <= 1;

    /// <summary>Row <paramref name="y"/> (exactly <see cref="Width"/> samples).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<T> Row(int y) => Data.Slice(y * Stride, Width);
}

/// <summary>A writable 2-D view over row-major pixels.</summary>
public readonly ref struct ImageSpan<T>
    where T : unmanaged
{
    /// <summary>A dense view (stride = width).</summary>
    public ImageSpan(Span<T> data, int width, int height)
        : this(data, width, height, width)
    {
    }

    /// <summary>A strided view. <paramref name="data"/> must hold <c>(height-1)*stride + width</c> samples.</summary>
    public ImageSpan(Span<T> data, int width, int height, int stride)
    {
        ImageSpanValidation.Validate(data.Length, width, height, stride);
        Data = data;
        Width = width;
        Height = height;
        Stride = stride;
    }

    /// <summary>The underlying samples, including any padding between rows.</summary>
    public Span<T> Data { get; }

    /// <summary>Samples per row.</summary>
    public int Width { get; }

    /// <summary>Number of rows.</summary>
    public int Height { get; }

    /// <summary>Distance between row starts, in samples.</summary>
    public int Stride { get; }

    /// <summary>Width times height.</summary>
    public long PixelCount => (long)Width * Height;

    /// <summary>True when the image has no pixels.</summary>
    public bool IsEmpty => Width == 0 || Height == 0;

    /// <summary>True when rows are stored back to back.</summary>
    public bool IsContiguous => Stride == Width || Height <= 1;

    /// <summary>Row <paramref name="y"/> (exactly <see cref="Width"/> samples).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Row(int y) => Data.Slice(y * Stride, Width);

    /// <summary>Views the same pixels read-only.</summary>
    public static implicit operator ReadOnlyImageSpan<T>(ImageSpan<T> image) =>
        new(image.Data, image.Width, image.Height, image.Stride);

    /// <summary>Views the same pixels read-only.</summary>
    public ReadOnlyImageSpan<T> AsReadOnly() => this;
}

internal static class ImageSpanValidation
{
    public static void Validate(int length, int width, int height, int stride)
    {
        if (width < 0 || height < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange("width", "Width and height must be non-negative.");
        }

        if (stride < width)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(stride), "Stride must be at least the width.");
        }

        long needed = height == 0 || width == 0 ? 0 : ((long)(height - 1) * stride) + width;
        if (length < needed)
        {
            ThrowHelper.ThrowArgument("data", $"The span holds {length} samples; a {width}x{height} image with stride {stride} needs {needed}.");
        }
    }

    /// <summary>Validates a source/destination pair of the same size.</summary>
    public static void SameSize<TFrom, TTo>(in ReadOnlyImageSpan<TFrom> source, in ImageSpan<TTo> destination)
        where TFrom : unmanaged
        where TTo : unmanaged
    {
        if (source.Width != destination.Width || source.Height != destination.Height)
        {
            ThrowHelper.ThrowArgument("destination", $"Destination is {destination.Width}x{destination.Height}; source is {source.Width}x{source.Height}.");
        }
    }
}

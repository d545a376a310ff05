using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray;

/// <summary>
/// An owning image in 64-byte-aligned native memory with each row padded to a multiple of 64 bytes, so
/// every row starts aligned and SIMD loops over a row need no scalar tail inside the padding.
/// </summary>
/// <remarks>Dispose it (or let the finalizer free it). Padding samples are zeroed at creation.</remarks>
public sealed unsafe class Image<T> : IDisposable
    where T : unmanaged
{
    private const int Alignment = 64;
    private T* _pixels;

    /// <summary>Creates a zeroed image.</summary>
    public Image(int width, int height)
    {
        if (width < 0 || height < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(width), "Width and height must be non-negative.");
        }

        Width = width;
        Height = height;
        int perLine = Alignment / sizeof(T);
        long stride = ((long)width + perLine - 1) / perLine * perLine;
        long total = stride * height;
        if (stride > int.MaxValue || total > int.MaxValue)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(width), $"A {width}x{height} image is too large for one buffer.");
        }

        Stride = (int)stride;
        nuint bytes = (nuint)Math.Max(total * sizeof(T), 1);
        _pixels = (T*)NativeMemory.AlignedAlloc(bytes, Alignment);
        if (total * sizeof(T) > 0)
        {
            GC.AddMemoryPressure(total * sizeof(T));
        }

        // Clearing faults in every page: for a gigabyte on a loaded machine that takes seconds, so it goes in
        // 16 MB pieces with a cancellation check between them (see KernelCancellation); a cancelled
        // construction frees the buffer before the exception leaves.
        const nuint piece = 16 << 20;
        try
        {
            for (nuint done = 0; done < bytes; done += piece)
            {
                Threading.KernelCancellation.ThrowIfRequested();
                NativeMemory.Clear((byte*)_pixels + done, Math.Min(piece, bytes - done));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Samples per row.</summary>
    public int Width { get; }

    /// <summary>Number of rows.</summary>
    public int Height { get; }

    /// <summary>Distance between row starts in samples (a multiple of 64 bytes).</summary>
    public int Stride { get; }

    /// <summary>All samples including row padding.</summary>
    public Span<T> Data
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pixels == null, this);
            return new Span<T>(_pixels, Stride * Height);
        }
    }

    /// <summary>Row <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Row(int y) => Data.Slice(y * Stride, Width);

    /// <summary>A writable view.</summary>
    public ImageSpan<T> AsSpan() => new(Data, Width, Height, Stride);

    /// <summary>A read-only view.</summary>
    public ReadOnlyImageSpan<T> AsReadOnlySpan() => new(Data, Width, Height, Stride);

    /// <summary>Copies a view into a new image.</summary>
    public static Image<T> CopyFrom(ReadOnlyImageSpan<T> source)
    {
        var image = new Image<T>(source.Width, source.Height);
        for (int y = 0; y < source.Height; y++)
        {
            source.Row(y).CopyTo(image.Row(y));
        }

        return image;
    }

    /// <summary>Copies the pixels out densely (row after row, no padding).</summary>
    public T[] ToArray()
    {
        var result = new T[(long)Width * Height];
        for (int y = 0; y < Height; y++)
        {
            Row(y).CopyTo(result.AsSpan(y * Width, Width));
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the native buffer if Dispose was not called.</summary>
    ~Image() => Free();

    private void Free()
    {
        if (_pixels != null)
        {
            NativeMemory.AlignedFree(_pixels);
            _pixels = null;
            long bytes = (long)Stride * Height * sizeof(T);
            if (bytes > 0)
            {
                GC.RemoveMemoryPressure(bytes);
            }
        }
    }
}

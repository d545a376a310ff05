using System.Buffers;

namespace FastXray.Rank;

/// <summary>
/// The window of a rank filter: its bounding box, where it sits relative to the output pixel, and which of its
/// elements are active (a rectangle, or a boolean footprint), as compressed rows of column offsets.
/// </summary>
/// <remarks>
/// scipy's centre rule (ndimage-semantics §8): along an axis of size s with origin o, window element k covers
/// offset <c>k - s/2 - o</c>, so the window starts at <see cref="LowY"/> = <c>-(sizeY/2) - originY</c>;
/// <c>0 ≤ s/2 + o &lt; s</c> is required. Arrays are rented once per call and returned by <see cref="Dispose"/>.
/// </remarks>
internal struct RankWindow : IDisposable
{
    private int[]? _buffer;

    /// <summary>Rows of the bounding box (axis 0).</summary>
    public int SizeY { get; private set; }

    /// <summary>Columns of the bounding box (axis 1).</summary>
    public int SizeX { get; private set; }

    /// <summary>Row offset of the window's first row relative to the output pixel.</summary>
    public int LowY { get; private set; }

    /// <summary>Column offset of the window's first column relative to the output pixel.</summary>
    public int LowX { get; private set; }

    /// <summary>Number of active elements (scipy's filter_size).</summary>
    public int Count { get; private set; }

    /// <summary>True when every element of the box is active (scipy then runs separable min/max).</summary>
    public bool IsFull { get; private set; }

    /// <summary>Start of each box row's column list in <see cref="Columns"/> (SizeY + 1 entries).</summary>
    public readonly ReadOnlySpan<int> RowStarts => _buffer.AsSpan(0, SizeY + 1);

    /// <summary>Column offsets (0..SizeX-1) of the active elements, row after row.</summary>
    public readonly ReadOnlySpan<int> Columns => _buffer.AsSpan(SizeY + 1, Count);

    /// <summary>A full rectangle.</summary>
    public static RankWindow Box(int sizeY, int sizeX, int originY, int originX)
    {
        ValidateAxis(sizeY, originY, nameof(sizeY));
        ValidateAxis(sizeX, originX, nameof(sizeX));
        long count = (long)sizeY * sizeX;
        if (count > int.MaxValue / 4)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(sizeY), $"A {sizeY}x{sizeX} window is too large.");
        }

        var window = Create(sizeY, sizeX, originY, originX, (int)count);
        Span<int> starts = window._buffer.AsSpan(0, sizeY + 1);
        Span<int> columns = window._buffer.AsSpan(sizeY + 1, (int)count);
        for (int i = 0; i <= sizeY; i++)
        {
            starts[i] = i * sizeX;
        }

        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = i % sizeX;
        }

        window.IsFull = true;
        return window;
    }

    /// <summary>A boolean footprint (scipy's <c>footprint=</c>); true elements are active.</summary>
    public static RankWindow Footprint(ReadOnlyImageSpan<bool> footprint, int originY, int originX)
    {
        ValidateAxis(footprint.Height, originY, nameof(footprint));
        ValidateAxis(footprint.Width, originX, nameof(footprint));
        if (footprint.PixelCount > int.MaxValue / 4)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(footprint), "The footprint is too large.");
        }

        int count = 0;
        for (int y = 0; y < footprint.Height; y++)
        {
            foreach (bool b in footprint.Row(y))
            {
                count += b ? 1 : 0;
            }
        }

        if (count == 0)
        {
            ThrowHelper.ThrowArgument(nameof(footprint), "All-zero footprint is not supported.");
        }

        var window = Create(footprint.Height, footprint.Width, originY, originX, count);
        Span<int> starts = window._buffer.AsSpan(0, footprint.Height + 1);
        Span<int> columns = window._buffer.AsSpan(footprint.Height + 1, count);
        int k = 0;
        for (int y = 0; y < footprint.Height; y++)
        {
            starts[y] = k;
            ReadOnlySpan<bool> row = footprint.Row(y);
            for (int x = 0; x < row.Length; x++)
            {
                if (row[x])
                {
                    columns[k++] = x;
                }
            }
        }

        starts[footprint.Height] = k;
        window.IsFull = count == footprint.PixelCount;
        return window;
    }

    /// <summary>Returns the rented arrays.</summary>
    public void Dispose()
    {
        if (_buffer != null)
        {
            ArrayPool<int>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    /// <summary>Validates one axis (size ≥ 1, 0 ≤ size/2 + origin &lt; size) and returns its window start offset.</summary>
    public static int Low(int size, int origin, string name)
    {
        ValidateAxis(size, origin, name);
        return -(size / 2) - origin;
    }

    private static RankWindow Create(int sizeY, int sizeX, int originY, int originX, int count) => new()
    {
        _buffer = ArrayPool<int>.Shared.Rent(sizeY + 1 + count),
        SizeY = sizeY,
        SizeX = sizeX,
        LowY = -(sizeY / 2) - originY,
        LowX = -(sizeX / 2) - originX,
        Count = count,
    };

    private static void ValidateAxis(int size, int origin, string name)
    {
        if (size < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, $"Filter size must be at least 1, got {size}.");
        }

        // Written without overflow: origin must satisfy 0 <= size/2 + origin < size.
        if (origin < -(size / 2) || origin > size - 1 - (size / 2))
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, $"Invalid origin {origin} for size {size}: need {-(size / 2)} <= origin <= {size - 1 - (size / 2)}.");
        }
    }
}

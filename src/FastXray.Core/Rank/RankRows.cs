using System.Runtime.CompilerServices;

namespace FastXray.Rank;

/// <summary>
/// A ring of horizontally padded key rows: the window's rows for the current output row, each extended left and
/// right by the border mode so kernels read every window column without a branch.
/// </summary>
/// <remarks>
/// Slot of virtual row v is <c>v mod slots</c>, so advancing one output row loads exactly one new row into the
/// slot of the row that left the window. Row p of a slot holds virtual column <c>p + lowX</c>; its border
/// columns come from a column map built once (<see cref="BorderIndex.Map"/>), and rows outside the image from
/// the same map over rows (constant mode: the fill key). The stride leaves one 64-byte vector of slack after
/// the padded width, so kernels run whole vectors past the end of a row (tail lanes are computed and ignored).
/// </remarks>
internal ref struct RankRows<T, TKey>
    where T : unmanaged
    where TKey : unmanaged
{
    private readonly ReadOnlyImageSpan<T> _source;
    private readonly Span<TKey> _buffer;
    private readonly Span<int> _columnMap;
    private readonly BorderMode _mode;
    private readonly TKey _fill;
    private readonly int _lowY;
    private readonly int _left;
    private readonly int _slots;
    private int _first;

    /// <param name="source">The image.</param>
    /// <param name="buffer">At least <see cref="BufferLength"/> keys.</param>
    /// <param name="columnMap">At least <c>sizeX</c> ints (scratch for the border columns).</param>
    /// <param name="slots">Rows held (the window height).</param>
    /// <param name="lowY">Row offset of the window's first row.</param>
    /// <param name="sizeX">Window width.</param>
    /// <param name="lowX">Column offset of the window's first column.</param>
    /// <param name="mode">Border mode for both axes.</param>
    /// <param name="fill">The key outside the image in constant mode.</param>
    public RankRows(ReadOnlyImageSpan<T> source, Span<TKey> buffer, Span<int> columnMap, int slots, int lowY, int sizeX, int lowX, BorderMode mode, TKey fill)
    {
        _source = source;
        _mode = mode;
        _fill = fill;
        _lowY = lowY;
        _slots = slots;
        _left = -lowX;
        PaddedWidth = source.Width + sizeX - 1;
        Stride = StrideFor(source.Width, sizeX);
        _buffer = buffer[..(slots * Stride)];

        // Border columns: the -lowX columns before the row and the sizeX-1+lowX after it (lowX is in [-(sizeX-1), 0]).
        int right = sizeX - 1 + lowX;
        _columnMap = columnMap[..(_left + right)];
        int k = 0;
        for (int p = 0; p < _left; p++)
        {
            _columnMap[k++] = BorderIndex.Map(p + lowX, source.Width, mode);
        }

        for (int p = 0; p < right; p++)
        {
            _columnMap[k++] = BorderIndex.Map(source.Width + p, source.Width, mode);
        }

        _first = int.MinValue;
    }

    /// <summary>Keys per slot: padded width plus one 64-byte vector of slack, rounded to 64 bytes.</summary>
    public int Stride { get; }

    /// <summary>Width + sizeX - 1: the columns a row of windows reads.</summary>
    public int PaddedWidth { get; }

    /// <summary>The keys of all slots.</summary>
    public readonly Span<TKey> Buffer => _buffer;

    /// <summary>Keys needed for a ring of <paramref name="slots"/> rows.</summary>
    public static int BufferLength(int width, int sizeX, int slots) => slots * StrideFor(width, sizeX);

    /// <summary>Keys per row of any scratch row that kernels read whole vectors from.</summary>
    public static int StrideFor(int width, int sizeX)
    {
        int perVector = 64 / Unsafe.SizeOf<TKey>();
        int n = width + sizeX - 1 + perVector;
        return (n + perVector - 1) / perVector * perVector;
    }

    /// <summary>Loads the window rows of output row <paramref name="y"/> (call with y = 0, 1, 2, ...).</summary>
    public void MoveTo(int y)
    {
        int first = y + _lowY;
        if (first == _first + 1)
        {
            Load(first + _slots - 1);
        }
        else
        {
            for (int i = 0; i < _slots; i++)
            {
                Load(first + i);
            }
        }

        _first = first;
    }

    /// <summary>Offset in <see cref="Buffer"/> of window row <paramref name="i"/> (0 = top) of the current output row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int RowOffset(int i) => Slot(_first + i) * Stride;

    private readonly int Slot(int virtualRow)
    {
        int s = virtualRow % _slots;
        return s < 0 ? s + _slots : s;
    }

    private readonly void Load(int virtualRow)
    {
        Span<TKey> row = _buffer.Slice(Slot(virtualRow) * Stride, Stride);
        int r = BorderIndex.Map(virtualRow, _source.Height, _mode);
        if (r < 0)
        {
            row.Fill(_fill);
            return;
        }

        // lowX lies in [-(sizeX-1), 0], so there are _left >= 0 border columns before the row and the rest after.
        ReadOnlySpan<T> source = _source.Row(r);
        RankKeys.ToKeys(source, row.Slice(_left, source.Length));
        for (int p = 0; p < _columnMap.Length; p++)
        {
            int c = _columnMap[p];
            int at = p < _left ? p : source.Length + p;
            row[at] = c < 0 ? _fill : RankKeys.ToKey<T, TKey>(source[c]);
        }
    }
}

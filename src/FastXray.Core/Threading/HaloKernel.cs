using System.Buffers;

namespace FastXray.Threading;

/// <summary>
/// One band of <see cref="RowBands.Filter{TIn, TOut, TFilter}"/>: the filter runs on source rows
/// <c>[start - reach, end + reach)</c> (clipped to the image) into a rented window, and rows
/// <c>[start, end)</c> are copied out. A band whose window is exactly its own rows writes in place.
/// </summary>
/// <remarks>
/// Serial runs (bands one after another, top to bottom: what cancellation cuts a one-thread call into) write
/// the whole window straight into the destination instead and put back the rows above the band, which belong
/// to the band before and are final; the rows below hold halo values until the next band, whose own rows they
/// are, overwrites them. That saves a band-sized scratch and a copy of every row: measured 2026-12-07 at
/// 4096x4096 on one thread, the scratch path cost 10–40 % (median 3x3 most, being the cheapest per pixel).
/// </remarks>
/// <remarks>Holds raw pointers: valid only while <see cref="RowBands.Filter{TIn, TOut, TFilter}"/> keeps the spans pinned and waits.</remarks>
internal readonly unsafe struct HaloKernel<TIn, TOut, TFilter> : IRowBandKernel
    where TIn : unmanaged
    where TOut : unmanaged
    where TFilter : struct, IHaloFilter<TIn, TOut>
{
    private readonly TIn* _source;
    private readonly int _sourceStride;
    private readonly TOut* _destination;
    private readonly int _destinationStride;
    private readonly int _width;
    private readonly int _height;
    private readonly TFilter _filter;
    private readonly bool _serial;

    // serial: the bands run one after another, top to bottom, on one thread (see the remarks).
    public HaloKernel(TIn* source, int sourceStride, TOut* destination, int destinationStride, int width, int height, in TFilter filter, bool serial)
    {
        _serial = serial;
        _source = source;
        _sourceStride = sourceStride;
        _destination = destination;
        _destinationStride = destinationStride;
        _width = width;
        _height = height;
        _filter = filter;
    }

    public void Execute(int rowStart, int rowEnd)
    {
        int reach = _filter.Reach;
        int top = Math.Max(0, rowStart - reach);
        int bottom = (int)Math.Min(_height, (long)rowEnd + reach);
        int rows = bottom - top;
        var window = new ReadOnlyImageSpan<TIn>(new ReadOnlySpan<TIn>(_source + ((nint)top * _sourceStride), Length(rows, _sourceStride)), _width, rows, _sourceStride);
        if (top == rowStart && bottom == rowEnd)
        {
            var own = new ImageSpan<TOut>(new Span<TOut>(_destination + ((nint)rowStart * _destinationStride), Length(rows, _destinationStride)), _width, rows, _destinationStride);
            _filter.Apply(window, own);
            return;
        }

        if (_serial)
        {
            ExecuteInPlace(window, top, rowStart, rows);
            return;
        }

        int count = checked(rows * _width);
        TOut[] scratch = ArrayPool<TOut>.Shared.Rent(count);
        try
        {
            var result = new ImageSpan<TOut>(scratch.AsSpan(0, count), _width, rows);
            _filter.Apply(window, result);
            for (int y = rowStart; y < rowEnd; y++)
            {
                result.Row(y - top).CopyTo(new Span<TOut>(_destination + ((nint)y * _destinationStride), _width));
            }
        }
        finally
        {
            ArrayPool<TOut>.Shared.Return(scratch);
        }
    }

    private void ExecuteInPlace(ReadOnlyImageSpan<TIn> window, int top, int rowStart, int rows)
    {
        int above = rowStart - top;
        TOut[] saved = ArrayPool<TOut>.Shared.Rent(Math.Max(1, above * _width));
        try
        {
            for (int y = top; y < rowStart; y++)
            {
                new ReadOnlySpan<TOut>(_destination + ((nint)y * _destinationStride), _width).CopyTo(saved.AsSpan((y - top) * _width, _width));
            }

            var result = new ImageSpan<TOut>(new Span<TOut>(_destination + ((nint)top * _destinationStride), Length(rows, _destinationStride)), _width, rows, _destinationStride);
            _filter.Apply(window, result);
            for (int y = top; y < rowStart; y++)
            {
                saved.AsSpan((y - top) * _width, _width).CopyTo(new Span<TOut>(_destination + ((nint)y * _destinationStride), _width));
            }
        }
        finally
        {
            ArrayPool<TOut>.Shared.Return(saved);
        }
    }

    private int Length(int rows, int stride) => rows == 0 ? 0 : checked(((rows - 1) * stride) + _width);
}

using System.Buffers;
using FastXray.Threading;

namespace FastXray.Imaging.Png;

/// <summary>Inflates scanlines one by one, reconstructs them and writes decoded pixels; checks the stream's exact length and Adler-32.</summary>
/// <remarks>
/// Memory: two scanline buffers (current and previous) and, for interlaced images, one pass row of pixels —
/// never a full-size intermediate. For 8-bit images whose scanline already is the decoded row (gray, gray+alpha,
/// RGB, RGBA without tRNS, not interlaced) the scanline is inflated and reconstructed inside the output array,
/// the row above serving as the previous scanline.
/// The inflater is read in blocks of up to 64 KiB into a staging buffer (one native call per block instead of
/// two per scanline) and scanlines are copied out of it; a read never asks for more than one byte past what the
/// image needs, so a stream that inflates to far more is stopped after at most one byte too many.
/// The inflated stream must hold exactly the bytes the image needs: fewer or more is an error, as is a filter
/// type above 4. Its Adler-32 is recomputed and compared with the last 4 IDAT bytes because the BCL's inflater
/// accepts a stream that stops before its checksum.
/// </remarks>
internal sealed class PngRowDecoder
{
    private readonly PngLayout _layout;
    private readonly PngRowExpander _expander;
    private readonly Stream _inflater;
    private readonly long _expected;
    private const int StagingSize = 1 << 16;

    private long _inflated;
    private uint _adler = 1;
    private byte[] _staging = [];
    private int _stagingStart;
    private int _stagingEnd;
    private byte[] _bufferA = [];
    private byte[] _bufferB = [];
    private byte[]? _pixels8;
    private ushort[]? _pixels16;
    private byte[]? _passRow8;
    private ushort[]? _passRow16;

    public PngRowDecoder(PngLayout layout, PngRowExpander expander, Stream inflater, long expectedBytes)
    {
        _layout = layout;
        _expander = expander;
        _inflater = inflater;
        _expected = expectedBytes;
    }

    public void Run(byte[]? pixels8, ushort[]? pixels16)
    {
        PngHeader h = _layout.Header;
        int maxRow = (int)h.RowBytes(h.Width);
        int channels = _expander.Channels;
        int rowSamples = h.Width * channels;
        _pixels8 = pixels8;
        _pixels16 = pixels16;
        _bufferA = ArrayPool<byte>.Shared.Rent(maxRow);
        _bufferB = ArrayPool<byte>.Shared.Rent(maxRow);
        _staging = ArrayPool<byte>.Shared.Rent(StagingSize);
        _passRow8 = h.Interlaced && pixels8 is not null ? ArrayPool<byte>.Shared.Rent(rowSamples) : null;
        _passRow16 = h.Interlaced && pixels16 is not null ? ArrayPool<ushort>.Shared.Rent(rowSamples) : null;
        try
        {
            if (!h.Interlaced)
            {
                DecodePass(-1, h.Width, h.Height, inPlace: _expander.IsIdentity);
            }
            else
            {
                for (int pass = 0; pass < Adam7.Passes; pass++)
                {
                    if (!Adam7.IsEmpty(pass, h.Width, h.Height))
                    {
                        DecodePass(pass, Adam7.PassWidth(pass, h.Width), Adam7.PassHeight(pass, h.Height), inPlace: false);
                    }
                }
            }

            if (_stagingEnd > _stagingStart || Fill() > 0)
            {
                ThrowHelper.ThrowFormat($"IDAT data inflates to more than the {_expected} bytes the image needs");
            }

            if (_adler != _layout.IdatTail)
            {
                ThrowHelper.ThrowFormat($"zlib Adler-32 mismatch (stored 0x{_layout.IdatTail:X8}, computed 0x{_adler:X8}): the IDAT stream is truncated or corrupt");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_bufferA);
            ArrayPool<byte>.Shared.Return(_bufferB);
            ArrayPool<byte>.Shared.Return(_staging);
            if (_passRow8 is not null)
            {
                ArrayPool<byte>.Shared.Return(_passRow8);
            }

            if (_passRow16 is not null)
            {
                ArrayPool<ushort>.Shared.Return(_passRow16);
            }
        }
    }

    /// <summary>Decodes the scanlines of one pass (<paramref name="pass"/> 0..6, or −1 for a non-interlaced image) of <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    private void DecodePass(int pass, int width, int height, bool inPlace)
    {
        byte[]? pixels8 = _pixels8;
        ushort[]? pixels16 = _pixels16;
        PngHeader h = _layout.Header;
        int rowBytes = (int)h.RowBytes(width);
        int bpp = h.FilterBytesPerPixel;
        int channels = _expander.Channels;
        int imageRowSamples = h.Width * channels;
        Span<byte> previous = _bufferA.AsSpan(0, rowBytes);
        previous.Clear();
        Span<byte> spare = _bufferB.AsSpan(0, rowBytes);
        Span<byte> filterByte = stackalloc byte[1];
        for (int y = 0; y < height; y++)
        {
            // Inflating a wide row takes tens of microseconds: a cancellation check every 16 rows is free.
            if ((y & 15) == 0)
            {
                KernelCancellation.ThrowIfRequested();
            }

            int imageY = pass < 0 ? y : Adam7.ImageRow(pass, y);
            Span<byte> current = inPlace ? pixels8.AsSpan(imageY * rowBytes, rowBytes) : spare;
            ReadExactly(filterByte);
            ReadExactly(current);
            if (filterByte[0] > (byte)PngFilterType.Paeth)
            {
                ThrowHelper.ThrowFormat($"scanline {y}{(pass < 0 ? string.Empty : $" of pass {pass + 1}")} has unknown filter type {filterByte[0]}");
            }

            PngUnfilter.Apply((PngFilterType)filterByte[0], current, previous, bpp);
            if (!inPlace)
            {
                if (pixels8 is not null)
                {
                    Span<byte> target = pixels8.AsSpan(imageY * imageRowSamples, imageRowSamples);
                    if (pass < 0)
                    {
                        _expander.Expand(current, width, target);
                    }
                    else
                    {
                        _expander.Expand(current, width, _passRow8);
                        Adam7.Scatter<byte>(_passRow8, target, pass, width, channels);
                    }
                }
                else
                {
                    Span<ushort> target = pixels16.AsSpan(imageY * imageRowSamples, imageRowSamples);
                    if (pass < 0)
                    {
                        _expander.Expand(current, width, target);
                    }
                    else
                    {
                        _expander.Expand(current, width, _passRow16);
                        Adam7.Scatter<ushort>(_passRow16, target, pass, width, channels);
                    }
                }

                spare = previous;
            }

            previous = current;
        }
    }

    /// <summary>Fills <paramref name="destination"/> with the next inflated bytes.</summary>
    private void ReadExactly(Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            if (_stagingStart == _stagingEnd && Fill() == 0)
            {
                ThrowHelper.ThrowFormat($"image data is truncated: the IDAT stream inflates to {_inflated} of the {_expected} bytes the image needs");
            }

            int n = Math.Min(destination.Length, _stagingEnd - _stagingStart);
            _staging.AsSpan(_stagingStart, n).CopyTo(destination);
            _stagingStart += n;
            destination = destination[n..];
        }
    }

    /// <summary>Refills the empty staging buffer with up to one byte more than the image still needs; folds it into the Adler-32.</summary>
    private int Fill()
    {
        long wanted = Math.Min(StagingSize, _expected - _inflated + 1);
        int n = _inflater.Read(_staging.AsSpan(0, (int)wanted));
        _inflated += n;
        _stagingStart = 0;
        _stagingEnd = n;
        _adler = Adler32.Append(_adler, _staging.AsSpan(0, n));
        return n;
    }
}

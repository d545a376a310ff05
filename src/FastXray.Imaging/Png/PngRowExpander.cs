using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Imaging.Png;

/// <summary>Turns one reconstructed scanline into decoded pixels: unpacks sub-byte samples, expands the palette, adds tRNS alpha, reads 16-bit big-endian samples.</summary>
/// <remarks>
/// Decoded layout (also the canonical layout of tools/fixtures/pngsuite.py): interleaved samples;
/// 1/2/4-bit gray scaled to 8 bits by v·255/(2^d−1) (bit replication: ×255, ×85, ×17); palette indices
/// replaced by R, G, B (and A when tRNS is present; entries past tRNS are opaque); a tRNS colour key on a
/// gray or RGB image adds an alpha sample, 0 where the stored sample(s) equal the key, else the maximum
/// (255 or 65535); 16-bit samples in native order. A palette index past the PLTE entries is an error.
/// </remarks>
internal sealed class PngRowExpander
{
    private readonly Mode _mode;
    private readonly int _bitDepth;
    private readonly byte[]? _palette;
    private readonly int _paletteCount;
    private readonly ushort _keyGray;
    private readonly ushort _keyR;
    private readonly ushort _keyG;
    private readonly ushort _keyB;

    public PngRowExpander(PngLayout layout)
    {
        PngHeader h = layout.Header;
        _bitDepth = h.BitDepth;
        _palette = layout.Palette;
        _paletteCount = layout.PaletteCount;
        _keyGray = layout.TransparentGray;
        _keyR = layout.TransparentR;
        _keyG = layout.TransparentG;
        _keyB = layout.TransparentB;
        bool trns = layout.HasTransparency;
        Channels = PngInfo.DecodedChannels(h.ColorType, trns);
        Is16Bit = h.BitDepth == 16;
        _mode = h.ColorType switch
        {
            PngColorType.Palette => Mode.Palette,
            PngColorType.Gray when h.BitDepth < 8 => trns ? Mode.GrayLowAlpha : Mode.GrayLow,
            PngColorType.Gray when trns => Is16Bit ? Mode.Gray16Alpha : Mode.Gray8Alpha,
            PngColorType.Rgb when trns => Is16Bit ? Mode.Rgb16Alpha : Mode.Rgb8Alpha,
            _ => Is16Bit ? Mode.Swap16 : Mode.Copy8,
        };
    }

    private enum Mode
    {
        Copy8,
        Swap16,
        GrayLow,
        GrayLowAlpha,
        Gray8Alpha,
        Rgb8Alpha,
        Gray16Alpha,
        Rgb16Alpha,
        Palette,
    }

    /// <summary>Samples per decoded pixel.</summary>
    public int Channels { get; }

    /// <summary>True when the output samples are 16-bit.</summary>
    public bool Is16Bit { get; }

    /// <summary>True when the reconstructed scanline already is the 8-bit decoded row (the decoder may then reconstruct in place).</summary>
    public bool IsIdentity => _mode == Mode.Copy8;

    /// <summary>Expands <paramref name="width"/> pixels of <paramref name="raw"/> into 8-bit samples.</summary>
    public void Expand(ReadOnlySpan<byte> raw, int width, Span<byte> destination)
    {
        Debug.Assert(!Is16Bit && destination.Length >= width * Channels);
        switch (_mode)
        {
            case Mode.Copy8:
                raw[..(width * Channels)].CopyTo(destination);
                break;
            case Mode.GrayLow:
            case Mode.GrayLowAlpha:
                GrayLow(raw, width, destination);
                break;
            case Mode.Gray8Alpha:
                for (int x = 0; x < width; x++)
                {
                    byte g = raw[x];
                    destination[2 * x] = g;
                    destination[(2 * x) + 1] = g == _keyGray ? (byte)0 : (byte)255;
                }

                break;
            case Mode.Rgb8Alpha:
                for (int x = 0; x < width; x++)
                {
                    byte r = raw[3 * x], g = raw[(3 * x) + 1], b = raw[(3 * x) + 2];
                    destination[4 * x] = r;
                    destination[(4 * x) + 1] = g;
                    destination[(4 * x) + 2] = b;
                    destination[(4 * x) + 3] = r == _keyR && g == _keyG && b == _keyB ? (byte)0 : (byte)255;
                }

                break;
            default:
                Debug.Assert(_mode == Mode.Palette);
                Palette(raw, width, destination);
                break;
        }
    }

    /// <summary>Expands <paramref name="width"/> pixels of <paramref name="raw"/> (big-endian 16-bit samples) into native 16-bit samples.</summary>
    public void Expand(ReadOnlySpan<byte> raw, int width, Span<ushort> destination)
    {
        Debug.Assert(Is16Bit && destination.Length >= width * Channels);
        switch (_mode)
        {
            case Mode.Swap16:
                SwapToNative(raw[..(2 * width * Channels)], destination);
                break;
            case Mode.Gray16Alpha:
                for (int x = 0; x < width; x++)
                {
                    ushort g = BinaryPrimitives.ReadUInt16BigEndian(raw[(2 * x)..]);
                    destination[2 * x] = g;
                    destination[(2 * x) + 1] = g == _keyGray ? (ushort)0 : ushort.MaxValue;
                }

                break;
            default:
                Debug.Assert(_mode == Mode.Rgb16Alpha);
                for (int x = 0; x < width; x++)
                {
                    ushort r = BinaryPrimitives.ReadUInt16BigEndian(raw[(6 * x)..]);
                    ushort g = BinaryPrimitives.ReadUInt16BigEndian(raw[((6 * x) + 2)..]);
                    ushort b = BinaryPrimitives.ReadUInt16BigEndian(raw[((6 * x) + 4)..]);
                    destination[4 * x] = r;
                    destination[(4 * x) + 1] = g;
                    destination[(4 * x) + 2] = b;
                    destination[(4 * x) + 3] = r == _keyR && g == _keyG && b == _keyB ? (ushort)0 : ushort.MaxValue;
                }

                break;
        }
    }

    /// <summary>Big-endian 16-bit samples to native order (the BCL's vectorised byte swap).</summary>
    public static void SwapToNative(ReadOnlySpan<byte> bigEndian, Span<ushort> destination)
    {
        ReadOnlySpan<ushort> source = MemoryMarshal.Cast<byte, ushort>(bigEndian);
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(source, destination);
        }
        else
        {
            source.CopyTo(destination);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Sample(ReadOnlySpan<byte> raw, int x, int depth)
    {
        int bit = x * depth;
        return (raw[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    }

    private void GrayLow(ReadOnlySpan<byte> raw, int width, Span<byte> destination)
    {
        int depth = _bitDepth;
        int scale = 255 / ((1 << depth) - 1);
        if (_mode == Mode.GrayLow)
        {
            for (int x = 0; x < width; x++)
            {
                destination[x] = (byte)(Sample(raw, x, depth) * scale);
            }

            return;
        }

        for (int x = 0; x < width; x++)
        {
            int v = Sample(raw, x, depth);
            destination[2 * x] = (byte)(v * scale);
            destination[(2 * x) + 1] = v == _keyGray ? (byte)0 : (byte)255;
        }
    }

    private void Palette(ReadOnlySpan<byte> raw, int width, Span<byte> destination)
    {
        ReadOnlySpan<byte> palette = _palette;
        int depth = _bitDepth;
        int channels = Channels;
        for (int x = 0; x < width; x++)
        {
            int index = depth == 8 ? raw[x] : Sample(raw, x, depth);
            if (index >= _paletteCount)
            {
                ThrowHelper.ThrowFormat($"palette index {index} is past the {_paletteCount} PLTE entries");
            }

            palette.Slice(4 * index, channels).CopyTo(destination.Slice(channels * x, channels));
        }
    }
}

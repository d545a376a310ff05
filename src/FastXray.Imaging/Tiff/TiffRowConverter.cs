using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using FastXray.Imaging.Png;

namespace FastXray.Imaging.Tiff;

/// <summary>One decompressed row of a strip or tile to grey output samples: byte order, predictor, MinIsWhite, colour.</summary>
/// <remarks>
/// Order matters and follows libtiff: 16-bit samples are swapped to host order first, then the predictor is
/// undone on the whole chunk row (columns past the image edge only depend on those before them, so clipping
/// afterwards is exact), then the columns inside the image are reduced to grey: sample 0 for grey (extra
/// samples dropped), BT.601 luma through <see cref="PngGrayConversion"/> for RGB (alpha dropped).
/// MinIsWhite is inverted, v → 2^bits − 1 − v, as libtiff's RGBA interface and Pillow do for 1 and 8 bits.
/// 16-bit MinIsWhite is inverted too (0 means white whatever the depth), although Pillow 9.4 returns those
/// samples raw (its mode table maps them to plain "I;16"): checked on g16_miniswhite.tif.
/// 1-bit samples are packed MSB first and become 0 or 255 (Pillow's "1" → "L").
/// </remarks>
internal static class TiffRowConverter
{
    public static void Convert8(TiffDirectory d, Span<byte> row, int columns, Span<byte> destination)
    {
        int spp = d.SamplesPerPixel;
        if (d.BitsPerSample == 1)
        {
            byte zero = d.MinIsWhite ? (byte)255 : (byte)0;
            for (int x = 0; x < columns; x++)
            {
                bool set = (row[x >> 3] & (0x80 >> (x & 7))) != 0;
                destination[x] = set ? (byte)~zero : zero;
            }

            return;
        }

        if (d.Predictor)
        {
            TiffPredictor.Accumulate(row, spp);
        }

        ToGray(d, row[..(columns * spp)], columns, destination);
    }

    public static void Convert16(TiffDirectory d, Span<byte> row, int columns, Span<ushort> destination)
    {
        int spp = d.SamplesPerPixel;
        Span<ushort> samples = MemoryMarshal.Cast<byte, ushort>(row);
        if (d.BigEndian == BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(samples, samples);
        }

        if (d.Predictor)
        {
            TiffPredictor.Accumulate(samples, spp);
        }

        ToGray(d, samples[..(columns * spp)], columns, destination);
    }

    /// <summary>The decoded samples of one row to grey: BT.601 of RGB, the first sample of several, MinIsWhite inverted.</summary>
    private static void ToGray<T>(TiffDirectory d, ReadOnlySpan<T> source, int columns, Span<T> destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        int spp = d.SamplesPerPixel;
        if (d.Rgb)
        {
            PngGrayConversion.ToGray(source, spp, destination[..columns]);
        }
        else if (spp == 1)
        {
            source.CopyTo(destination);
        }
        else
        {
            for (int x = 0; x < columns; x++)
            {
                destination[x] = source[x * spp];
            }
        }

        if (d.MinIsWhite)
        {
            for (int x = 0; x < columns; x++)
            {
                destination[x] = ~destination[x];
            }
        }
    }
}

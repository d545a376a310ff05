using System.Buffers.Binary;
using FastXray.Imaging.Formats;

namespace FastXray.Imaging.Stb;

/// <summary>
/// Checks a TGA the way StbImageSharp will read it, before it allocates: a type and depth it reads, the palette
/// inside the file, and the pixels inside the file (raw: width·height·bytes; RLE: a walk over the packets).
/// </summary>
internal static class TgaStructure
{
    private const int HeaderSize = 18;

    public static FormatInfo Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderSize)
        {
            ThrowHelper.ThrowFormat($"truncated: TGA of {data.Length} bytes (the header alone is {HeaderSize})");
        }

        int idLength = data[0];
        int mapType = data[1];
        int type = data[2];
        int mapStart = BinaryPrimitives.ReadUInt16LittleEndian(data[3..]);
        int mapLength = BinaryPrimitives.ReadUInt16LittleEndian(data[5..]);
        int mapBits = data[7];
        int width = BinaryPrimitives.ReadUInt16LittleEndian(data[12..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(data[14..]);
        int bits = data[16];
        bool indexed = mapType == 1;

        // stb_image's TGA test, so that StbImageSharp takes the file for the TGA it is.
        bool known = mapType switch
        {
            0 => type is 2 or 3 or 10 or 11 && bits is 8 or 15 or 16 or 24 or 32,
            1 => type is 1 or 9 && mapBits is 8 or 15 or 16 or 24 or 32 && bits is 8 or 16,
            _ => false,
        };
        if (!known)
        {
            ThrowHelper.ThrowFormat($"unsupported TGA: colour-map type {mapType}, image type {type}, {bits} bits per pixel");
        }

        if (width == 0 || height == 0)
        {
            ThrowHelper.ThrowFormat($"corrupt TGA: size {width}x{height}");
        }

        bool grey = type is 3 or 11;
        int channels = Channels(indexed ? mapBits : bits, !indexed && grey, out bool rgb16);
        if (channels == 0)
        {
            ThrowHelper.ThrowFormat($"unsupported TGA: {(indexed ? mapBits : bits)} bits per {(indexed ? "palette entry" : "pixel")}");
        }

        long pos = HeaderSize + idLength;
        if (indexed)
        {
            if (mapLength == 0)
            {
                ThrowHelper.ThrowFormat("corrupt TGA: empty colour map");
            }

            // StbImageSharp skips the colour-map start index before the entries (as stb_image does).
            pos += mapStart + ((long)mapLength * (rgb16 ? 2 : channels));
        }

        int pixelBytes = indexed ? bits / 8 : rgb16 ? 2 : channels;
        long pixels = (long)width * height;
        bool rle = type >= 8;
        if (!rle)
        {
            long needed = pos + (pixels * pixelBytes);
            if (needed > data.Length)
            {
                ThrowHelper.ThrowFormat($"truncated: TGA {width}x{height} needs {needed} bytes, file has {data.Length}");
            }
        }
        else
        {
            WalkRle(data, pos, pixels, pixelBytes);
        }

        string colour = indexed ? "palette" : channels switch { 1 => "grey", 2 => "grey+alpha", 3 => "rgb", _ => "rgba" };
        int depth = indexed ? bits : rgb16 ? 5 : 8;
        return new FormatInfo(ImageContainer.Tga, width, height, depth, "uint8", colour, rle ? "RLE" : "");
    }

    /// <summary>stb_image's tga_get_comp: grey 8 (or 16 with alpha), 15/16-bit RGB, 24 RGB, 32 RGBA; 0 otherwise.</summary>
    private static int Channels(int bits, bool grey, out bool rgb16)
    {
        rgb16 = false;
        switch (bits)
        {
            case 8:
                return 1;
            case 15 or 16:
                if (bits == 16 && grey)
                {
                    return 2;
                }

                rgb16 = true;
                return 3;
            case 24 or 32:
                return bits / 8;
            default:
                return 0;
        }
    }

    /// <summary>Proves the run-length packets cover every pixel before the end of the file.</summary>
    private static void WalkRle(ReadOnlySpan<byte> data, long pos, long pixels, int pixelBytes)
    {
        long done = 0;
        while (done < pixels)
        {
            if (pos >= data.Length)
            {
                ThrowHelper.ThrowFormat($"truncated: TGA RLE data ends after {done} of {pixels} pixels");
            }

            int packet = data[(int)pos++];
            int count = 1 + (packet & 127);
            long bytes = (packet & 128) != 0 ? pixelBytes : (long)count * pixelBytes;

            // StbImageSharp stops reading mid-packet at the last pixel, so only the bytes it reads must exist.
            if ((packet & 128) == 0 && done + count > pixels)
            {
                bytes = (pixels - done) * pixelBytes;
            }

            if (pos + bytes > data.Length)
            {
                ThrowHelper.ThrowFormat($"truncated: TGA RLE data ends after {done} of {pixels} pixels");
            }

            pos += bytes;
            done += count;
        }
    }
}

using FastXray.Imaging.Formats;

namespace FastXray.Imaging.Stb;

/// <summary>
/// Checks a Radiance HDR file the way StbImageSharp will read it, before it allocates: the magic line, a
/// FORMAT=32-bit_rle_rgbe header, the "-Y h +X w" orientation, and a walk over every scanline proving the pixel
/// data lies inside the file.
/// </summary>
internal static class HdrStructure
{
    public static FormatInfo Read(ReadOnlySpan<byte> data)
    {
        int pos = 0;
        ReadOnlySpan<byte> magic = Line(data, ref pos);
        if (!magic.SequenceEqual("#?RADIANCE"u8) && !magic.SequenceEqual("#?RGBE"u8))
        {
            ThrowHelper.ThrowFormat("not a Radiance HDR: no #?RADIANCE line");
        }

        bool rgbe = false;
        while (true)
        {
            ReadOnlySpan<byte> line = Line(data, ref pos);
            if (line.IsEmpty)
            {
                break;
            }

            if (line.StartsWith("FORMAT="u8))
            {
                rgbe = line.SequenceEqual("FORMAT=32-bit_rle_rgbe"u8);
                if (!rgbe)
                {
                    ThrowHelper.ThrowFormat($"unsupported HDR: {System.Text.Encoding.ASCII.GetString(line[..Math.Min(line.Length, 40)])}");
                }
            }
        }

        if (!rgbe)
        {
            ThrowHelper.ThrowFormat("unsupported HDR: no FORMAT=32-bit_rle_rgbe line");
        }

        ReadOnlySpan<byte> size = Line(data, ref pos);
        if (!TryParseSize(size, out int width, out int height))
        {
            ThrowHelper.ThrowFormat("unsupported HDR: resolution line is not \"-Y <height> +X <width>\"");
        }

        if (width < 8 || width >= 32768)
        {
            // StbImageSharp's flat-only path for these widths reads the first row only (its loop never resets
            // the column), leaving the rest of its native buffer uninitialised.
            ThrowHelper.ThrowFormat($"unsupported HDR: width {width} (only 8 to 32767 columns are read)");
        }

        bool rle = WalkScanlines(data, pos, width, height);
        return new FormatInfo(ImageContainer.Hdr, width, height, 32, "float32", "rgb", rle ? "RLE" : "");
    }

    /// <summary>A header line without its newline, up to its first NUL (as stb reads it); a line running past the end (or over 1023 bytes, stb's token limit) is an error.</summary>
    private static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> data, ref int pos)
    {
        int nl = data[pos..].IndexOf((byte)'\n');
        if (nl < 0)
        {
            ThrowHelper.ThrowFormat($"truncated: HDR header ends at byte {data.Length} mid-line");
        }

        if (nl >= 1023)
        {
            ThrowHelper.ThrowFormat($"corrupt HDR: header line of {nl} bytes");
        }

        ReadOnlySpan<byte> line = data.Slice(pos, nl);
        pos += nl + 1;

        // StbImageSharp compares its tokens as C strings, so a line is only what precedes its first NUL: a line
        // starting with NUL ends the header for it, and the next line is its size. Reading past that NUL as text
        // let a 150-byte file pass our limits with "-Y 2 +X 8" while stb allocated for the line before it
        // (2.3 GB; found by afl, tools/fuzz).
        int nul = line.IndexOf((byte)0);
        return nul < 0 ? line : line[..nul];
    }

    private static bool TryParseSize(ReadOnlySpan<byte> line, out int width, out int height)
    {
        width = height = 0;
        if (!line.StartsWith("-Y "u8))
        {
            return false;
        }

        int i = 3;
        if (!Number(line, ref i, out height))
        {
            return false;
        }

        while (i < line.Length && line[i] == (byte)' ')
        {
            i++;
        }

        if (!line[i..].StartsWith("+X "u8))
        {
            return false;
        }

        i += 3;
        return Number(line, ref i, out width) && i == line.Length && width > 0 && height > 0;
    }

    private static bool Number(ReadOnlySpan<byte> s, ref int i, out int value)
    {
        value = 0;
        int start = i;
        while (i < s.Length && s[i] >= (byte)'0' && s[i] <= (byte)'9' && i - start < 9)
        {
            value = (value * 10) + (s[i] - '0');
            i++;
        }

        return i > start && (i == s.Length || s[i] is < (byte)'0' or > (byte)'9');
    }

    /// <summary>True for RLE scanlines. Flat data must hold 4 bytes a pixel; RLE rows are walked packet by packet.</summary>
    private static bool WalkScanlines(ReadOnlySpan<byte> data, int pos, int width, int height)
    {
        if (!IsRleRow(data, pos))
        {
            long needed = pos + (4L * width * height);
            if (needed > data.Length)
            {
                ThrowHelper.ThrowFormat($"truncated: HDR {width}x{height} needs {needed} bytes, file has {data.Length}");
            }

            return false;
        }

        for (int row = 0; row < height; row++)
        {
            if (pos + 4 > data.Length)
            {
                ThrowHelper.ThrowFormat($"truncated: HDR ends after {row} of {height} scanlines");
            }

            if (!IsRleRow(data, pos))
            {
                // StbImageSharp would restart at row 0 in flat mode and overwrite the rows already decoded.
                ThrowHelper.ThrowFormat($"unsupported HDR: scanline {row} is flat after RLE scanlines");
            }

            int length = (data[pos + 2] << 8) | data[pos + 3];
            if (length != width)
            {
                ThrowHelper.ThrowFormat($"corrupt HDR: scanline {row} says {length} pixels, width is {width}");
            }

            pos += 4;
            for (int c = 0; c < 4; c++)
            {
                int x = 0;
                while (x < width)
                {
                    if (pos >= data.Length)
                    {
                        ThrowHelper.ThrowFormat($"truncated: HDR ends inside scanline {row}");
                    }

                    int count = data[pos++];
                    int take = count > 128 ? 1 : count;
                    int run = count > 128 ? count - 128 : count;
                    if (run == 0 || run > width - x)
                    {
                        ThrowHelper.ThrowFormat($"corrupt HDR: run of {run} at column {x} of scanline {row}");
                    }

                    if (pos + take > data.Length)
                    {
                        ThrowHelper.ThrowFormat($"truncated: HDR ends inside scanline {row}");
                    }

                    pos += take;
                    x += run;
                }
            }
        }

        return true;
    }

    private static bool IsRleRow(ReadOnlySpan<byte> data, int pos) =>
        pos + 4 <= data.Length && data[pos] == 2 && data[pos + 1] == 2 && (data[pos + 2] & 0x80) == 0;
}

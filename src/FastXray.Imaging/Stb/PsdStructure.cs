using System.Buffers.Binary;
using FastXray.Imaging.Formats;

namespace FastXray.Imaging.Stb;

/// <summary>
/// Checks a Photoshop file the way StbImageSharp will read its composite image, before it allocates: version 1,
/// RGB colour mode, 8-bit channels, the three skipped sections inside the file, raw or PackBits compression,
/// and enough bytes for the planes StbImageSharp reads (at most four).
/// </summary>
internal static class PsdStructure
{
    private const int HeaderSize = 26;

    public static FormatInfo Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderSize || !data.StartsWith("8BPS"u8))
        {
            ThrowHelper.ThrowFormat(data.Length < HeaderSize ? $"truncated: PSD of {data.Length} bytes" : "not a PSD: no 8BPS signature");
        }

        int version = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        int channels = BinaryPrimitives.ReadUInt16BigEndian(data[12..]);
        long height = BinaryPrimitives.ReadUInt32BigEndian(data[14..]);
        long width = BinaryPrimitives.ReadUInt32BigEndian(data[18..]);
        int depth = BinaryPrimitives.ReadUInt16BigEndian(data[22..]);
        int mode = BinaryPrimitives.ReadUInt16BigEndian(data[24..]);
        if (version != 1)
        {
            ThrowHelper.ThrowFormat(version == 2 ? "unsupported PSD: large document format (PSB)" : $"unsupported PSD: version {version}");
        }

        if (mode != 3)
        {
            string name = mode switch { 0 => "bitmap", 1 => "greyscale", 2 => "indexed", 4 => "CMYK", 7 => "multichannel", 8 => "duotone", 9 => "Lab", _ => $"mode {mode}" };
            ThrowHelper.ThrowFormat($"unsupported PSD: {name} colour mode (only RGB is read)");
        }

        if (depth != 8)
        {
            ThrowHelper.ThrowFormat($"unsupported PSD: {depth}-bit channels (only 8-bit is read)");
        }

        if (channels is < 3 or > 16)
        {
            ThrowHelper.ThrowFormat($"unsupported PSD: {channels} channels in RGB mode");
        }

        if (width == 0 || height == 0 || width > 1 << 24 || height > 1 << 24)
        {
            ThrowHelper.ThrowFormat($"corrupt PSD: size {width}x{height}");
        }

        long pos = HeaderSize;
        for (int section = 0; section < 3; section++)
        {
            if (pos + 4 > data.Length)
            {
                ThrowHelper.ThrowFormat($"truncated: PSD ends at byte {data.Length} inside its section headers");
            }

            long length = BinaryPrimitives.ReadUInt32BigEndian(data[(int)pos..]);
            pos += 4 + length;
            if (pos > data.Length)
            {
                ThrowHelper.ThrowFormat($"truncated: PSD section of {length} bytes runs past the end ({data.Length} bytes)");
            }
        }

        if (pos + 2 > data.Length)
        {
            ThrowHelper.ThrowFormat("truncated: PSD ends before the image data");
        }

        int compression = BinaryPrimitives.ReadUInt16BigEndian(data[(int)pos..]);
        pos += 2;
        int planes = Math.Min(channels, 4);
        long planeBytes = width * height;
        if (compression == 0)
        {
            long needed = pos + (planes * planeBytes);
            if (needed > data.Length)
            {
                ThrowHelper.ThrowFormat($"truncated: PSD {width}x{height} needs {needed} bytes, file has {data.Length}");
            }
        }
        else if (compression == 1)
        {
            CheckPackBits(data, pos, width, height, channels, planes);
        }
        else
        {
            ThrowHelper.ThrowFormat($"unsupported PSD: compression {compression}{(compression is 2 or 3 ? " (ZIP)" : "")}");
        }

        return new FormatInfo(ImageContainer.Psd, (int)width, (int)height, 8, "uint8", channels >= 4 ? "rgba" : "rgb", compression == 1 ? "RLE" : "");
    }

    /// <summary>The row byte-count table and the rows it counts for the planes read must lie inside the file.</summary>
    private static void CheckPackBits(ReadOnlySpan<byte> data, long pos, long width, long height, int channels, int planes)
    {
        long table = height * channels * 2;
        if (pos + table > data.Length)
        {
            ThrowHelper.ThrowFormat($"truncated: PSD row table needs {table} bytes, {data.Length - pos} remain");
        }

        // PackBits codes at most 128 pixels per two bytes: a floor on each row whatever the table says.
        long rowFloor = (width + 127) / 128 * 2;
        long total = 0;
        for (long row = 0; row < height * planes; row++)
        {
            int count = BinaryPrimitives.ReadUInt16BigEndian(data[(int)(pos + (2 * row))..]);
            total += Math.Max(count, rowFloor);
        }

        long needed = pos + table + total;
        if (needed > data.Length)
        {
            ThrowHelper.ThrowFormat($"truncated: PSD PackBits data needs {needed} bytes, file has {data.Length}");
        }
    }
}

namespace FastXray.Imaging.Gif;

/// <summary>GIF's variable-width LZW decompressor for one frame's concatenated sub-block payload.</summary>
/// <remarks>
/// The table stores each code as (prefix code, last byte, first byte, length); a string is written back to
/// front by walking prefixes, so no string is ever copied. The width grows when the table size reaches
/// <c>1 &lt;&lt; width</c> (at most 12 bits); a full table stops growing until a clear code ("deferred clear").
/// Invalid codes (a code above the next free one, or a non-literal right after a clear) throw; output past
/// the frame's pixel count is dropped. Every iteration consumes input bits, so the loop always ends.
/// </remarks>
internal static class LzwDecoder
{
    public const int MaxCodes = 4096;

    /// <summary>Table scratch for <see cref="Decode"/>: prefix, suffix, first byte and length per code.</summary>
    public ref struct Table
    {
        public Span<ushort> Prefix;
        public Span<byte> Suffix;
        public Span<byte> First;
        public Span<ushort> Length;
    }

    /// <summary>Decodes into <paramref name="output"/> and returns the number of indices produced.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int minCodeSize, Span<byte> output, Table table)
    {
        int clear = 1 << minCodeSize;
        int endOfInformation = clear + 1;
        for (int i = 0; i < clear; i++)
        {
            table.Suffix[i] = (byte)i;
            table.First[i] = (byte)i;
            table.Length[i] = 1;
        }

        int width = minCodeSize + 1;
        int next = endOfInformation + 1;
        int previous = -1;
        ulong bits = 0;
        int bitCount = 0;
        int position = 0;
        int produced = 0;
        while (produced < output.Length)
        {
            while (bitCount < width && position < data.Length)
            {
                bits |= (ulong)data[position++] << bitCount;
                bitCount += 8;
            }

            if (bitCount < width)
            {
                break;
            }

            int code = (int)(bits & ((1u << width) - 1));
            bits >>= width;
            bitCount -= width;
            if (code == clear)
            {
                width = minCodeSize + 1;
                next = endOfInformation + 1;
                previous = -1;
                continue;
            }

            if (code == endOfInformation)
            {
                break;
            }

            if (previous < 0)
            {
                if (code > clear)
                {
                    ThrowHelper.ThrowFormat($"invalid LZW code {code} after a clear code");
                }
            }
            else
            {
                if (code > next || (code == next && next == MaxCodes))
                {
                    ThrowHelper.ThrowFormat($"invalid LZW code {code} (next free code is {next})");
                }

                if (next < MaxCodes)
                {
                    // The new entry is the previous string plus the first byte of the current one, which for the
                    // not-yet-defined code (code == next) is the previous string's own first byte.
                    table.Prefix[next] = (ushort)previous;
                    table.Suffix[next] = code < next ? table.First[code] : table.First[previous];
                    table.First[next] = table.First[previous];
                    table.Length[next] = (ushort)(table.Length[previous] + 1);
                    next++;
                    if (next == 1 << width && width < 12)
                    {
                        width++;
                    }
                }
            }

            int length = table.Length[code];
            int end = produced + length;
            int c = code;
            for (int i = end - 1; i >= produced; i--)
            {
                if (i < output.Length)
                {
                    output[i] = table.Suffix[c];
                }

                c = table.Prefix[c];
            }

            produced = Math.Min(end, output.Length);
            previous = code;
        }

        return produced;
    }
}

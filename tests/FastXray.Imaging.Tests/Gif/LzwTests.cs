using System.Globalization;
using FastXray.Imaging.Gif;
using Xunit;

namespace FastXray.Imaging.Tests.Gif;

/// <summary>The LZW coder against a textbook decoder written independently here (a list of byte strings).</summary>
public class LzwTests
{
    public static TheoryData<int> CodeSizes() => [2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(CodeSizes))]
    public void RoundTrip_EveryShortLength(int minCodeSize)
    {
        for (int n = 1; n <= 700; n++)
        {
            byte[] input = GifTestImages.Noise(n, (uint)((n * 7919) + minCodeSize), 1 << minCodeSize);
            Check(input, minCodeSize);
        }
    }

    [Theory]
    [MemberData(nameof(CodeSizes))]
    public void RoundTrip_LongNoise_CrossesClearCodes(int minCodeSize)
    {
        byte[] input = GifTestImages.Noise(60_000, (uint)minCodeSize, 1 << minCodeSize);
        Reference r = Check(input, minCodeSize);
        Assert.True(r.Clears >= 3, $"only {r.Clears} clear codes");
        Assert.Equal(12, r.MaxWidth);
    }

    [Fact]
    public void RoundTrip_StructuredInputs()
    {
        Check([42], 8);
        Check([0], 2);
        Check(GifTestImages.Constant(1 << 20, 200), 8);
        Check(GifTestImages.Constant(100_000, 3), 2);
        Check(GifTestImages.Levels(256 * 64), 8);
        Check(Enumerable.Range(0, 50_000).Select(i => (byte)(i / 97 % 4)).ToArray(), 2);
        Check(Enumerable.Range(0, 50_000).Select(i => (byte)((i * i) >> 5)).ToArray(), 8);
    }

    [Fact]
    public void RoundTrip_AroundEveryWidthChange()
    {
        // Constant input emits strings of length 1, 2, 3, ...; the j-th code emitted is followed by adding
        // entry 257 + j (minimum code size 8). So k(k+1)/2 samples end the data exactly after k codes; k near
        // 255, 767 and 1791 puts the end on each width change (entries 512, 1024, 2048).
        foreach (int centre in new[] { 255, 767, 1791 })
        {
            for (int k = centre - 2; k <= centre + 2; k++)
            {
                int n = k * (k + 1) / 2;
                Check(GifTestImages.Constant(n - 1, 9), 8);
                Check(GifTestImages.Constant(n, 9), 8);
                Check(GifTestImages.Constant(n + 1, 9), 8);
            }
        }
    }

    [Fact]
    public void RoundTrip_EndingAroundEveryWidthChangeAndTheFirstClear()
    {
        // 8-bit noise emits about one code per sample. Find where the full input widens its codes and clears
        // the table, then end the data at every length near those points.
        byte[] noise = GifTestImages.Noise(4600, 99);
        Reference full = Check(noise, 8);
        Assert.Equal(2, full.Events.Count(e => e.What == "clear"));
        Assert.Equal([10, 11, 12], full.Events.Where(e => e.What.StartsWith("width", StringComparison.Ordinal)).Select(e => int.Parse(e.What[6..], CultureInfo.InvariantCulture)).Take(3));
        foreach ((int at, _) in full.Events.Where(e => e.Position > 0))
        {
            for (int n = Math.Max(1, at - 10); n <= Math.Min(noise.Length, at + 10); n++)
            {
                Check(noise[..n], 8);
            }
        }
    }

    [Fact]
    public void Output_IsWellFormedSubBlocks()
    {
        byte[] stream = Encode(GifTestImages.Noise(10_000, 1), 8);
        Assert.Equal(8, stream[0]);
        int p = 1;
        while (stream[p] != 0)
        {
            Assert.InRange(stream[p], 1, 255);
            p += stream[p] + 1;
        }

        Assert.Equal(stream.Length - 1, p);
    }

    [Fact]
    public void Decoder_RejectsInvalidCodes()
    {
        // minCodeSize 2: clear = 4, eoi = 5, first free = 6; widths start at 3 bits.
        var table = NewTable();
        Assert.Throws<ImageFormatException>(() => LzwDecoder.Decode(Pack(3, 4, 7), 2, new byte[10], table.AsTable()));
        Assert.Throws<ImageFormatException>(() => LzwDecoder.Decode(Pack(3, 4, 1, 7), 2, new byte[10], table.AsTable()));
        var output = new byte[10];
        Assert.Equal(3, LzwDecoder.Decode(Pack(3, 4, 1, 6, 5), 2, output, table.AsTable()));
        Assert.Equal([1, 1, 1], output[..3]);
    }

    private static Reference Check(byte[] input, int minCodeSize)
    {
        byte[] encoded = Encode(input, minCodeSize);
        Reference r = Reference.Decode(encoded);
        Assert.Equal(minCodeSize, r.MinCodeSize);
        Assert.True(input.AsSpan().SequenceEqual(r.Output.ToArray()), $"reference decoder: {input.Length} samples, min code size {minCodeSize}");
        Assert.True(r.SawEnd, "no end-of-information code");

        var ours = new byte[input.Length];
        var table = NewTable();
        Assert.Equal(input.Length, LzwDecoder.Decode(Payload(encoded), minCodeSize, ours, table.AsTable()));
        Assert.Equal(input, ours);
        return r;
    }

    private static byte[] Encode(byte[] input, int minCodeSize)
    {
        using var lzw = new LzwEncoder();
        using var s = new MemoryStream();
        lzw.Encode(input, minCodeSize, s);
        return s.ToArray();
    }

    private static byte[] Payload(byte[] encoded)
    {
        var data = new List<byte>();
        for (int p = 1; encoded[p] != 0; p += encoded[p] + 1)
        {
            data.AddRange(encoded.AsSpan(p + 1, encoded[p]).ToArray());
        }

        return data.ToArray();
    }

    /// <summary>Packs codes LSB first, all at the given width.</summary>
    private static byte[] Pack(int width, params int[] codes)
    {
        var bytes = new List<byte>();
        int acc = 0, n = 0;
        foreach (int c in codes)
        {
            acc |= c << n;
            n += width;
            while (n >= 8)
            {
                bytes.Add((byte)acc);
                acc >>= 8;
                n -= 8;
            }
        }

        if (n > 0)
        {
            bytes.Add((byte)acc);
        }

        return bytes.ToArray();
    }

    private static TableArrays NewTable() => new(new ushort[4096], new byte[4096], new byte[4096], new ushort[4096]);

    private sealed record TableArrays(ushort[] Prefix, byte[] Suffix, byte[] First, ushort[] Length)
    {
        public LzwDecoder.Table AsTable() => new() { Prefix = Prefix, Suffix = Suffix, First = First, Length = Length };
    }

    /// <summary>A deliberately plain GIF LZW decoder: the table is a list of byte arrays.</summary>
    private sealed class Reference
    {
        public int MinCodeSize { get; private set; }

        public List<byte> Output { get; } = [];

        public int Clears { get; private set; }

        public int MaxWidth { get; private set; }

        public bool SawEnd { get; private set; }

        /// <summary>Output length at each clear code and width change ("clear", "width 10", ...).</summary>
        public List<(int Position, string What)> Events { get; } = [];

        public static Reference Decode(byte[] encoded)
        {
            var r = new Reference { MinCodeSize = encoded[0] };
            byte[] data = Payload(encoded);
            int clear = 1 << r.MinCodeSize;
            var table = new List<byte[]>();
            void Reset()
            {
                table.Clear();
                for (int i = 0; i < clear + 2; i++)
                {
                    table.Add(i < clear ? [(byte)i] : []);
                }
            }

            Reset();
            int width = r.MinCodeSize + 1;
            byte[]? previous = null;
            long bitPos = 0;
            while (bitPos + width <= data.Length * 8L)
            {
                int code = 0;
                for (int b = 0; b < width; b++, bitPos++)
                {
                    code |= ((data[bitPos >> 3] >> (int)(bitPos & 7)) & 1) << b;
                }

                if (code == clear)
                {
                    r.Events.Add((r.Output.Count, "clear"));
                    r.Clears++;
                    Reset();
                    width = r.MinCodeSize + 1;
                    previous = null;
                    continue;
                }

                if (code == clear + 1)
                {
                    r.SawEnd = true;
                    break;
                }

                byte[] entry;
                if (code < table.Count)
                {
                    entry = table[code];
                }
                else if (code == table.Count && previous is not null)
                {
                    entry = [.. previous, previous[0]];
                }
                else
                {
                    throw new InvalidOperationException($"code {code} with {table.Count} entries");
                }

                r.Output.AddRange(entry);
                if (previous is not null && table.Count < 4096)
                {
                    table.Add([.. previous, entry[0]]);
                    if (table.Count == 1 << width && width < 12)
                    {
                        width++;
                        r.Events.Add((r.Output.Count, "width " + width.ToString(CultureInfo.InvariantCulture)));
                    }
                }

                r.MaxWidth = Math.Max(r.MaxWidth, width);
                previous = entry;
            }

            return r;
        }
    }
}

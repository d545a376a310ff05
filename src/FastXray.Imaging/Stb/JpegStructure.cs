using System.Buffers.Binary;
using FastXray.Imaging.Formats;

namespace FastXray.Imaging.Stb;

/// <summary>
/// Walks a JPEG's markers before StbImageSharp sees it: SOI first, every segment inside the file, one frame
/// header of a process StbImageSharp decodes (8-bit Huffman baseline, extended or progressive), entropy data
/// ending in a marker, EOI before the end, and enough entropy data for the frame's blocks.
/// </summary>
internal static class JpegStructure
{
    public static FormatInfo Read(ReadOnlySpan<byte> data) => Read(data, out _);

    /// <summary>As <see cref="Read(ReadOnlySpan{byte})"/>, and whether the file is YCbCr, so its grey is its Y channel.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="lumaIsGrey">
    /// True for 3 components that StbImageSharp treats as YCbCr whatever else the file says: component ids other
    /// than 'R','G','B' and no Adobe APP14 segment with colour transform 0. Its rule (stbi__load_jpeg_image) is
    /// RGB when the ids are 'R','G','B' or when transform 0 comes without JFIF; deciding without looking at JFIF
    /// keeps us on the colour path in every case it could call RGB (the C# port's JFIF test compares APP0 with the
    /// "Adobe" tag, so its JFIF flag is not relied on). Asked for one channel in a case it calls RGB it would
    /// return its own (77R + 150G + 29B) >> 8, which is not our BT.601 rule.
    /// </param>
    public static FormatInfo Read(ReadOnlySpan<byte> data, out bool lumaIsGrey)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            ThrowHelper.ThrowFormat(data.Length < 4 ? $"truncated: JPEG of {data.Length} bytes" : "not a JPEG: no SOI marker");
        }

        Frame? frame = null;
        int pos = 2;
        bool sawScan = false;
        bool adobeRgb = false;
        while (true)
        {
            // Fill bytes (0xFF) may precede a marker.
            if (pos >= data.Length)
            {
                ThrowHelper.ThrowFormat($"truncated: JPEG ends at byte {data.Length} without an EOI marker");
            }

            if (data[pos] != 0xFF)
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG: expected a marker at byte {pos}, found 0x{data[pos]:x2}");
            }

            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++;
            }

            if (pos >= data.Length)
            {
                ThrowHelper.ThrowFormat($"truncated: JPEG ends at byte {data.Length} without an EOI marker");
            }

            byte marker = data[pos++];
            if (marker == 0xD9)
            {
                break;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // standalone markers without a length
            }

            if (marker == 0xD8 || marker == 0x00)
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG: marker 0x{marker:x2} at byte {pos - 1}");
            }

            if (pos + 2 > data.Length)
            {
                ThrowHelper.ThrowFormat($"truncated: JPEG segment 0x{marker:x2} at byte {pos - 2} has no length");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length)
            {
                ThrowHelper.ThrowFormat(length < 2
                    ? $"corrupt JPEG: segment 0x{marker:x2} at byte {pos - 2} has length {length}"
                    : $"truncated: JPEG segment 0x{marker:x2} at byte {pos - 2} needs {length} bytes, {data.Length - pos} remain");
            }

            ReadOnlySpan<byte> segment = data.Slice(pos + 2, length - 2);
            pos += length;
            adobeRgb |= marker == 0xEE && IsAdobeTransformZero(segment);
            if (marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC))
            {
                if (frame != null)
                {
                    ThrowHelper.ThrowFormat("corrupt JPEG: more than one frame header (SOF)");
                }

                frame = Frame.Parse(marker, segment);
            }
            else if (marker == 0xDA)
            {
                if (frame == null)
                {
                    ThrowHelper.ThrowFormat("corrupt JPEG: scan (SOS) before the frame header (SOF)");
                }

                int end = EntropyEnd(data, pos);
                frame.AddScan(segment, end - pos);
                pos = end;
                sawScan = true;
            }
        }

        if (frame == null || !sawScan)
        {
            ThrowHelper.ThrowFormat(frame == null ? "corrupt JPEG: no frame header (SOF)" : "corrupt JPEG: no scan (SOS)");
        }

        frame.CheckEnoughData();
        lumaIsGrey = frame.IsYCbCr && !adobeRgb;
        return frame.ToInfo();
    }

    /// <summary>
    /// An APP14 segment as StbImageSharp reads it (at least 12 bytes, "Adobe\0", transform at offset 11)
    /// saying transform 0: the three components are stored as R, G, B with no colour transform.
    /// </summary>
    private static bool IsAdobeTransformZero(ReadOnlySpan<byte> segment) =>
        segment.Length >= 12 && segment[..6].SequenceEqual("Adobe\0"u8) && segment[11] == 0;

    /// <summary>The offset of the marker that ends the entropy-coded data starting at <paramref name="pos"/>.</summary>
    private static int EntropyEnd(ReadOnlySpan<byte> data, int pos)
    {
        while (true)
        {
            int ff = data[pos..].IndexOf((byte)0xFF);
            if (ff < 0)
            {
                ThrowHelper.ThrowFormat($"truncated: JPEG entropy-coded data runs to the end of the file ({data.Length} bytes) without EOI");
            }

            int at = pos + ff;
            if (at + 1 >= data.Length)
            {
                ThrowHelper.ThrowFormat($"truncated: JPEG ends at byte {data.Length} inside entropy-coded data");
            }

            byte next = data[at + 1];
            if (next == 0x00 || next is >= 0xD0 and <= 0xD7 || next == 0xFF)
            {
                pos = next == 0xFF ? at + 1 : at + 2; // stuffed byte, restart marker, or fill before a marker
                continue;
            }

            return at;
        }
    }

    private sealed class Frame
    {
        private readonly int _width;
        private readonly int _height;
        private readonly string _process;
        private readonly byte[] _ids;
        private readonly long[] _blocks;
        private readonly bool[] _hasDc;

        private Frame(int width, int height, string process, byte[] ids, long[] blocks)
        {
            _width = width;
            _height = height;
            _process = process;
            _ids = ids;
            _blocks = blocks;
            _hasDc = new bool[ids.Length];
        }

        public static Frame Parse(byte marker, ReadOnlySpan<byte> s)
        {
            string? unsupported = marker switch
            {
                0xC3 => "lossless (SOF3)",
                0xC5 => "hierarchical (SOF5)",
                0xC6 => "hierarchical progressive (SOF6)",
                0xC7 => "hierarchical lossless (SOF7)",
                0xC9 => "arithmetic-coded (SOF9)",
                0xCA => "arithmetic-coded progressive (SOF10)",
                0xCB => "arithmetic-coded lossless (SOF11)",
                0xCD => "hierarchical arithmetic-coded (SOF13)",
                0xCE => "hierarchical arithmetic-coded progressive (SOF14)",
                0xCF => "hierarchical arithmetic-coded lossless (SOF15)",
                _ => null,
            };
            if (unsupported != null)
            {
                ThrowHelper.ThrowFormat($"unsupported JPEG: {unsupported}");
            }

            if (s.Length < 6)
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG: frame header of {s.Length + 2} bytes");
            }

            int precision = s[0];
            int height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
            int width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
            int n = s[5];
            if (precision != 8)
            {
                ThrowHelper.ThrowFormat($"unsupported JPEG: {precision}-bit samples (only 8-bit is read)");
            }

            if (height == 0)
            {
                ThrowHelper.ThrowFormat("unsupported JPEG: height defined by a DNL marker");
            }

            if (width == 0)
            {
                ThrowHelper.ThrowFormat("corrupt JPEG: width 0");
            }

            if (n is not (1 or 3 or 4))
            {
                ThrowHelper.ThrowFormat($"unsupported JPEG: {n} components");
            }

            if (s.Length < 6 + (3 * n))
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG: frame header of {s.Length + 2} bytes for {n} components");
            }

            var ids = new byte[n];
            var h = new int[n];
            var v = new int[n];
            int hMax = 1, vMax = 1;
            for (int i = 0; i < n; i++)
            {
                ids[i] = s[6 + (3 * i)];
                h[i] = s[7 + (3 * i)] >> 4;
                v[i] = s[7 + (3 * i)] & 15;
                if (h[i] is < 1 or > 4 || v[i] is < 1 or > 4)
                {
                    ThrowHelper.ThrowFormat($"corrupt JPEG: sampling factors {h[i]}x{v[i]}");
                }

                hMax = Math.Max(hMax, h[i]);
                vMax = Math.Max(vMax, v[i]);
            }

            var blocks = new long[n];
            for (int i = 0; i < n; i++)
            {
                // The component's own size (ITU T.81 A.1.1), in 8x8 blocks: a lower bound on what any DC scan codes.
                long cw = ((long)width * h[i] + hMax - 1) / hMax;
                long ch = ((long)height * v[i] + vMax - 1) / vMax;
                blocks[i] = ((cw + 7) / 8) * ((ch + 7) / 8);
            }

            return new Frame(width, height, marker switch { 0xC0 => "baseline", 0xC1 => "extended", _ => "progressive" }, ids, blocks);
        }

        public void AddScan(ReadOnlySpan<byte> s, int entropyBytes)
        {
            if (s.Length < 1 || s.Length < 1 + (2 * s[0]) + 3)
            {
                ThrowHelper.ThrowFormat($"corrupt JPEG: scan header of {s.Length + 2} bytes");
            }

            int n = s[0];
            int ss = s[1 + (2 * n)];
            if (ss != 0)
            {
                return; // AC-only progressive scan
            }

            // Every block of every component in a DC scan gets at least one Huffman code of at least one bit.
            long needed = 0;
            for (int k = 0; k < n; k++)
            {
                int c = Array.IndexOf(_ids, s[1 + (2 * k)]);
                if (c < 0)
                {
                    ThrowHelper.ThrowFormat($"corrupt JPEG: scan names component {s[1 + (2 * k)]}, not in the frame");
                }

                _hasDc[c] = true;
                needed += _blocks[c];
            }

            if ((long)entropyBytes * 8 < needed)
            {
                ThrowHelper.ThrowFormat($"truncated: JPEG scan has {entropyBytes} bytes of entropy data for {needed} blocks of a {_width}x{_height} image");
            }
        }

        public void CheckEnoughData()
        {
            int missing = Array.IndexOf(_hasDc, false);
            if (missing >= 0)
            {
                ThrowHelper.ThrowFormat($"truncated: JPEG component {_ids[missing]} has no DC scan");
            }
        }

        /// <summary>Three components whose ids are not 'R','G','B' (StbImageSharp's RGB-by-id test).</summary>
        public bool IsYCbCr => _ids.Length == 3 && !_ids.AsSpan().SequenceEqual("RGB"u8);

        public FormatInfo ToInfo()
        {
            string colour = _ids.Length switch { 1 => "grey", 3 => "rgb", _ => "cmyk" };
            return new FormatInfo(ImageContainer.Jpeg, _width, _height, 8, "uint8", colour, _process);
        }
    }
}

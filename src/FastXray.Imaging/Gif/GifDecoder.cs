using System.Buffers;

namespace FastXray.Imaging.Gif;

/// <summary>Reads GIF87a/GIF89a files into composed RGB frames, strictly and with bounded memory.</summary>
/// <remarks>
/// Each frame is drawn onto the canvas as a viewer would: its rectangle (clipped to the canvas) gets the
/// frame's colours from the local palette, else the global one; the transparent index, if any, leaves the
/// canvas pixel as it was; indices beyond the palette are black. The canvas starts as the global palette's
/// background colour (black without a global palette). After a frame is captured, disposal 2 restores its
/// rectangle to that background and disposal 3 restores the canvas as it was before the frame.
/// Malformed input throws <see cref="ImageFormatException"/> with a one-line message: bad signature,
/// truncated blocks, invalid LZW codes, LZW data that ends before the frame is full, unknown block types, a
/// missing image, a missing trailer (so a file cut at a block boundary is not mistaken for a shorter
/// animation). Bytes after the trailer are ignored. Sizes are checked against
/// <see cref="DecodeLimits"/> before anything is allocated, and so is the total of all composed frames.
/// </remarks>
public static class GifDecoder
{
    /// <summary>Decodes a GIF held in memory.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid GIF or exceeds <paramref name="limits"/>.</exception>
    public static GifAnimation Decode(ReadOnlySpan<byte> data, DecodeLimits? limits = null)
    {
        limits ??= DecodeLimits.Default;
        var reader = new Reader(data);
        ReadOnlySpan<byte> signature = reader.Take(6, "header");
        if (!signature.SequenceEqual("GIF89a"u8) && !signature.SequenceEqual("GIF87a"u8))
        {
            ThrowHelper.ThrowFormat("not a GIF file (bad signature)");
        }

        int width = reader.UInt16("logical screen descriptor");
        int height = reader.UInt16("logical screen descriptor");
        byte packed = reader.Byte("logical screen descriptor");
        byte background = reader.Byte("logical screen descriptor");
        reader.Byte("logical screen descriptor");
        limits.CheckSize(width, height);
        ReadOnlySpan<byte> globalPalette = (packed & 0x80) != 0 ? reader.Take(3 << ((packed & 7) + 1), "global palette") : default;

        long canvasBytes = (long)width * height * 3;
        if (canvasBytes > limits.MaxDecompressedBytes)
        {
            ThrowHelper.ThrowFormat($"GIF canvas {width}x{height} exceeds the decompressed size limit of {limits.MaxDecompressedBytes} bytes");
        }

        var canvas = new byte[canvasBytes];
        Span<byte> backgroundColor = stackalloc byte[3];
        backgroundColor.Clear();
        if (background * 3 < globalPalette.Length)
        {
            globalPalette.Slice(background * 3, 3).CopyTo(backgroundColor);
        }

        Fill(canvas, width, 0, 0, width, height, backgroundColor);

        var frames = new List<GifFrame>();
        int? loopCount = null;
        int delay = 0, disposal = 0, transparent = -1;
        long totalBytes = 0;
        byte[]? indices = null;
        byte[]? lzwData = null;
        byte[]? saved = null;
        ushort[] prefix = ArrayPool<ushort>.Shared.Rent(LzwDecoder.MaxCodes);
        ushort[] lengths = ArrayPool<ushort>.Shared.Rent(LzwDecoder.MaxCodes);
        byte[] suffix = ArrayPool<byte>.Shared.Rent(LzwDecoder.MaxCodes);
        byte[] first = ArrayPool<byte>.Shared.Rent(LzwDecoder.MaxCodes);
        try
        {
            while (true)
            {
                byte introducer = reader.Byte("block list (no trailer)");
                if (introducer == 0x3B)
                {
                    break;
                }

                if (introducer == 0x21)
                {
                    byte label = reader.Byte("extension label");
                    if (label == 0xF9)
                    {
                        ReadOnlySpan<byte> gce = reader.SubBlock("graphic control extension");
                        if (gce.Length < 4)
                        {
                            ThrowHelper.ThrowFormat($"graphic control extension has {gce.Length} bytes, expected 4");
                        }

                        disposal = (gce[0] >> 2) & 7;
                        delay = gce[1] | (gce[2] << 8);
                        transparent = (gce[0] & 1) != 0 ? gce[3] : -1;
                        reader.SkipSubBlocks("graphic control extension");
                    }
                    else if (label == 0xFF)
                    {
                        ReadOnlySpan<byte> id = reader.SubBlock("application extension");
                        bool looping = id.SequenceEqual("NETSCAPE2.0"u8) || id.SequenceEqual("ANIMEXTS1.0"u8);
                        while (id.Length > 0)
                        {
                            id = reader.SubBlock("application extension");
                            if (looping && id.Length >= 3 && id[0] == 1)
                            {
                                loopCount = id[1] | (id[2] << 8);
                            }
                        }
                    }
                    else
                    {
                        reader.SkipSubBlocks("extension");
                    }

                    continue;
                }

                if (introducer != 0x2C)
                {
                    ThrowHelper.ThrowFormat($"unknown block type 0x{introducer:X2} at offset {reader.Position - 1}");
                }

                int left = reader.UInt16("image descriptor");
                int top = reader.UInt16("image descriptor");
                int fw = reader.UInt16("image descriptor");
                int fh = reader.UInt16("image descriptor");
                byte flags = reader.Byte("image descriptor");
                ReadOnlySpan<byte> palette = (flags & 0x80) != 0 ? reader.Take(3 << ((flags & 7) + 1), "local palette") : globalPalette;
                bool interlaced = (flags & 0x40) != 0;
                int minCodeSize = reader.Byte("LZW minimum code size");
                if (minCodeSize is < 1 or > 8)
                {
                    ThrowHelper.ThrowFormat($"LZW minimum code size {minCodeSize} is outside 1..8");
                }

                int dataLength = reader.MeasureSubBlocks("image data");
                if (lzwData is null || lzwData.Length < dataLength)
                {
                    ReturnTo(ref lzwData);
                    lzwData = ArrayPool<byte>.Shared.Rent(Math.Max(dataLength, 1));
                }

                reader.CopySubBlocks(lzwData);
                totalBytes += canvasBytes;
                if (totalBytes > limits.MaxDecompressedBytes)
                {
                    ThrowHelper.ThrowFormat($"GIF frames exceed the decompressed size limit of {limits.MaxDecompressedBytes} bytes after {frames.Count} frames");
                }

                if (fw > 0 && fh > 0)
                {
                    limits.CheckSize(fw, fh);
                    int pixels = fw * fh;
                    if (indices is null || indices.Length < pixels)
                    {
                        ReturnTo(ref indices);
                        indices = ArrayPool<byte>.Shared.Rent(pixels);
                    }

                    var table = new LzwDecoder.Table { Prefix = prefix, Suffix = suffix, First = first, Length = lengths };
                    int produced = LzwDecoder.Decode(lzwData.AsSpan(0, dataLength), minCodeSize, indices.AsSpan(0, pixels), table);
                    if (produced < pixels)
                    {
                        ThrowHelper.ThrowFormat($"frame {frames.Count}: LZW data ends after {produced} of {pixels} pixels");
                    }

                    if (disposal == 3)
                    {
                        saved ??= new byte[canvasBytes];
                        canvas.CopyTo(saved, 0);
                    }

                    Draw(canvas, width, height, indices.AsSpan(0, pixels), left, top, fw, fh, interlaced, palette, transparent);
                }

                frames.Add(new GifFrame((byte[])canvas.Clone(), width, height, delay, disposal, left, top, fw, fh, interlaced));
                if (disposal == 2)
                {
                    Fill(canvas, width, left, top, Math.Min(fw, width - left), Math.Min(fh, height - top), backgroundColor);
                }
                else if (disposal == 3 && saved is not null)
                {
                    saved.CopyTo(canvas, 0);
                }

                delay = 0;
                disposal = 0;
                transparent = -1;
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(prefix);
            ArrayPool<ushort>.Shared.Return(lengths);
            ArrayPool<byte>.Shared.Return(suffix);
            ArrayPool<byte>.Shared.Return(first);
            ReturnTo(ref indices);
            ReturnTo(ref lzwData);
        }

        if (frames.Count == 0)
        {
            ThrowHelper.ThrowFormat("GIF has no image");
        }

        return new GifAnimation(width, height, loopCount, frames);
    }

    /// <summary>Reads and decodes a file; errors name it.</summary>
    /// <exception cref="ImageFormatException">The file is not a valid GIF or exceeds <paramref name="limits"/>.</exception>
    public static GifAnimation DecodeFile(string path, DecodeLimits? limits = null)
    {
        try
        {
            return Decode(File.ReadAllBytes(path), limits);
        }
        catch (ImageFormatException e)
        {
            throw e.WithFile(path);
        }
    }

    private static void ReturnTo(ref byte[]? array)
    {
        if (array is not null)
        {
            ArrayPool<byte>.Shared.Return(array);
            array = null;
        }
    }

    private static void Fill(byte[] canvas, int width, int left, int top, int w, int h, ReadOnlySpan<byte> color)
    {
        for (int y = top; y < top + h; y++)
        {
            for (int x = left; x < left + w; x++)
            {
                color.CopyTo(canvas.AsSpan(((y * width) + x) * 3, 3));
            }
        }
    }

    private static void Draw(byte[] canvas, int width, int height, ReadOnlySpan<byte> indices, int left, int top, int fw, int fh, bool interlaced, ReadOnlySpan<byte> palette, int transparent)
    {
        int colors = palette.Length / 3;
        int row = 0, pass = 0, step = interlaced ? 8 : 1;
        for (int r = 0; r < fh; r++)
        {
            int y = top + row;
            if (y < height)
            {
                ReadOnlySpan<byte> src = indices.Slice(r * fw, fw);
                for (int x = 0; x < fw && left + x < width; x++)
                {
                    int k = src[x];
                    if (k == transparent)
                    {
                        continue;
                    }

                    Span<byte> px = canvas.AsSpan(((y * width) + left + x) * 3, 3);
                    if (k < colors)
                    {
                        palette.Slice(k * 3, 3).CopyTo(px);
                    }
                    else
                    {
                        px.Clear();
                    }
                }
            }

            // Interlaced rows arrive as rows 0, 8, 16, ..., then 4, 12, ..., then 2, 6, ..., then 1, 3, ...
            row += step;
            while (interlaced && row >= fh && pass < 3)
            {
                pass++;
                (row, step) = pass switch { 1 => (4, 8), 2 => (2, 4), _ => (1, 2) };
            }
        }
    }

    /// <summary>Bounds-checked cursor over the file.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position >= _data.Length;

        public ReadOnlySpan<byte> Take(int count, string what)
        {
            if (count > _data.Length - Position)
            {
                ThrowHelper.ThrowFormat($"GIF is truncated in the {what} at offset {Position}");
            }

            ReadOnlySpan<byte> s = _data.Slice(Position, count);
            Position += count;
            return s;
        }

        public byte Byte(string what) => Take(1, what)[0];

        public int UInt16(string what)
        {
            ReadOnlySpan<byte> s = Take(2, what);
            return s[0] | (s[1] << 8);
        }

        /// <summary>One sub-block's payload (empty for the terminator).</summary>
        public ReadOnlySpan<byte> SubBlock(string what) => Take(Byte(what), what);

        public void SkipSubBlocks(string what)
        {
            while (SubBlock(what).Length > 0)
            {
            }
        }

        /// <summary>Total payload of the sub-blocks starting here, without moving.</summary>
        public readonly int MeasureSubBlocks(string what)
        {
            int p = Position, total = 0;
            while (true)
            {
                if (p >= _data.Length)
                {
                    ThrowHelper.ThrowFormat($"GIF is truncated in the {what} at offset {p}");
                }

                int n = _data[p++];
                if (n == 0)
                {
                    return total;
                }

                if (n > _data.Length - p)
                {
                    ThrowHelper.ThrowFormat($"GIF is truncated in the {what} at offset {p}");
                }

                p += n;
                total += n;
            }
        }

        public void CopySubBlocks(Span<byte> destination)
        {
            int o = 0;
            ReadOnlySpan<byte> block;
            while ((block = SubBlock("image data")).Length > 0)
            {
                block.CopyTo(destination[o..]);
                o += block.Length;
            }
        }
    }
}

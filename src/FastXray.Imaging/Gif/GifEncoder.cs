using System.Buffers;

namespace FastXray.Imaging.Gif;

/// <summary>Writes animated GIF89a files: 8-bit gray stacks losslessly, RGB stacks through a per-frame palette.</summary>
/// <remarks>
/// Layout: header, logical screen descriptor (the frame size), for gray a global 256-entry palette
/// <c>(i, i, i)</c>, the NETSCAPE2.0 looping block unless <see cref="GifOptions.LoopCount"/> is null, then per
/// frame a graphic control extension (delay, disposal 0, no transparency), a full-size image descriptor
/// (non-interlaced; RGB frames carry a local palette) and LZW data; finally the trailer.
/// Gray frames store the sample as the palette index, so they read back identical. RGB frames are reduced to
/// at most <see cref="GifOptions.MaxColors"/> colours by <c>ColorQuantizer</c> (exact when the frame has that
/// few distinct colours, else median cut + nearest colour, no dithering). Consecutive identical frames are
/// all written (Pillow would merge them and add their delays).
/// </remarks>
public static class GifEncoder
{
    private const int GrayMinCodeSize = 8;

    /// <summary>Writes 8-bit gray frames (each <c>width*height</c> bytes, rows packed) to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentException">No frames, a frame too short, a size outside 1..65535, or bad options.</exception>
    public static void EncodeGray(Stream stream, IReadOnlyList<ReadOnlyMemory<byte>> frames, int width, int height, GifOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= GifOptions.Default;
        Validate(frames, width, height, 1, options);
        WriteHeader(stream, width, height, globalGray: true, options.LoopCount);
        using var lzw = new LzwEncoder();
        for (int f = 0; f < frames.Count; f++)
        {
            WriteFrameHeader(stream, width, height, options.DelayCentiseconds(f), localPaletteBits: 0);
            lzw.Encode(frames[f].Span[..(width * height)], GrayMinCodeSize, stream);
        }

        stream.WriteByte(0x3B);
    }

    /// <summary>Writes RGB frames (each <c>width*height*3</c> bytes, R G B per pixel, rows packed) to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentException">No frames, a frame too short, a size outside 1..65535, or bad options.</exception>
    public static void EncodeRgb(Stream stream, IReadOnlyList<ReadOnlyMemory<byte>> frames, int width, int height, GifOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= GifOptions.Default;
        Validate(frames, width, height, 3, options);
        WriteHeader(stream, width, height, globalGray: false, options.LoopCount);
        int pixels = width * height;
        byte[] indices = ArrayPool<byte>.Shared.Rent(pixels);
        byte[] palette = ArrayPool<byte>.Shared.Rent(256 * 3);
        try
        {
            using var lzw = new LzwEncoder();
            for (int f = 0; f < frames.Count; f++)
            {
                int colors = ColorQuantizer.Quantize(frames[f].Span, indices.AsSpan(0, pixels), palette, options.MaxColors);

                // The palette size field stores log2(entries) - 1, so tables have 2..256 entries; pad with black.
                int bits = 1;
                while (1 << bits < colors)
                {
                    bits++;
                }

                int entries = 1 << bits;
                palette.AsSpan(colors * 3, (entries - colors) * 3).Clear();
                WriteFrameHeader(stream, width, height, options.DelayCentiseconds(f), localPaletteBits: bits);
                stream.Write(palette, 0, entries * 3);
                lzw.Encode(indices.AsSpan(0, pixels), Math.Max(2, bits), stream);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(indices);
            ArrayPool<byte>.Shared.Return(palette);
        }

        stream.WriteByte(0x3B);
    }

    /// <summary>Writes a gray animation to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void EncodeGrayFile(string path, IReadOnlyList<ReadOnlyMemory<byte>> frames, int width, int height, GifOptions? options = null)
    {
        Validate(frames, width, height, 1, options ?? GifOptions.Default);
        AtomicFile.Write(path, s => EncodeGray(s, frames, width, height, options));
    }

    /// <summary>Writes an RGB animation to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void EncodeRgbFile(string path, IReadOnlyList<ReadOnlyMemory<byte>> frames, int width, int height, GifOptions? options = null)
    {
        Validate(frames, width, height, 3, options ?? GifOptions.Default);
        AtomicFile.Write(path, s => EncodeRgb(s, frames, width, height, options));
    }

    private static void Validate(IReadOnlyList<ReadOnlyMemory<byte>> frames, int width, int height, int channels, GifOptions options)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (width is < 1 or > ushort.MaxValue || height is < 1 or > ushort.MaxValue)
        {
            ThrowHelper.ThrowArgument(nameof(width), $"GIF frames must be 1..65535 pixels on each side, got {width}x{height}.");
        }

        if (frames.Count == 0)
        {
            ThrowHelper.ThrowArgument(nameof(frames), "At least one frame is needed.");
        }

        long needed = (long)width * height * channels;
        for (int f = 0; f < frames.Count; f++)
        {
            if (frames[f].Length < needed)
            {
                ThrowHelper.ThrowArgument(nameof(frames), $"Frame {f} holds {frames[f].Length} bytes; a {width}x{height} frame needs {needed}.");
            }
        }

        options.Validate(frames.Count);
    }

    private static void WriteHeader(Stream stream, int width, int height, bool globalGray, int? loopCount)
    {
        Span<byte> head = stackalloc byte[13 + (256 * 3) + 19];
        "GIF89a"u8.CopyTo(head);
        WriteUInt16(head[6..], width);
        WriteUInt16(head[8..], height);

        // Global table flag, colour resolution 8 bits (7 + 1), not sorted, 256 entries (7 + 1 bits).
        head[10] = globalGray ? (byte)0xF7 : (byte)0x70;
        head[11] = 0;
        head[12] = 0;
        int n = 13;
        if (globalGray)
        {
            for (int i = 0; i < 256; i++)
            {
                head[n++] = (byte)i;
                head[n++] = (byte)i;
                head[n++] = (byte)i;
            }
        }

        if (loopCount is int loops)
        {
            ReadOnlySpan<byte> app = [0x21, 0xFF, 11, (byte)'N', (byte)'E', (byte)'T', (byte)'S', (byte)'C', (byte)'A', (byte)'P', (byte)'E', (byte)'2', (byte)'.', (byte)'0', 3, 1];
            app.CopyTo(head[n..]);
            n += app.Length;
            WriteUInt16(head[n..], loops);
            n += 2;
            head[n++] = 0;
        }

        stream.Write(head[..n]);
    }

    private static void WriteFrameHeader(Stream stream, int width, int height, int delayCentiseconds, int localPaletteBits)
    {
        Span<byte> b = stackalloc byte[18];

        // Graphic control extension: disposal 0, no user input, no transparency.
        b[0] = 0x21;
        b[1] = 0xF9;
        b[2] = 4;
        b[3] = 0;
        WriteUInt16(b[4..], delayCentiseconds);
        b[6] = 0;
        b[7] = 0;

        // Image descriptor at (0, 0), full size, not interlaced.
        b[8] = 0x2C;
        WriteUInt16(b[9..], 0);
        WriteUInt16(b[11..], 0);
        WriteUInt16(b[13..], width);
        WriteUInt16(b[15..], height);
        b[17] = localPaletteBits == 0 ? (byte)0 : (byte)(0x80 | (localPaletteBits - 1));
        stream.Write(b);
    }

    private static void WriteUInt16(Span<byte> destination, int value)
    {
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
    }
}

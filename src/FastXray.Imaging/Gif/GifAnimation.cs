using System.Diagnostics.CodeAnalysis;

namespace FastXray.Imaging.Gif;

/// <summary>A decoded GIF: the canvas size, the loop count and every frame composed onto the canvas.</summary>
public sealed class GifAnimation
{
    internal GifAnimation(int width, int height, int? loopCount, IReadOnlyList<GifFrame> frames)
    {
        Width = width;
        Height = height;
        LoopCount = loopCount;
        Frames = frames;
    }

    /// <summary>Canvas width (logical screen width).</summary>
    public int Width { get; }

    /// <summary>Canvas height (logical screen height).</summary>
    public int Height { get; }

    /// <summary>The NETSCAPE2.0 (or ANIMEXTS1.0) loop count, 0 = forever; null when the file has no looping block.</summary>
    public int? LoopCount { get; }

    /// <summary>The frames in file order.</summary>
    public IReadOnlyList<GifFrame> Frames { get; }
}

/// <summary>One frame as a viewer shows it: the whole canvas after this frame was drawn.</summary>
public sealed class GifFrame
{
    internal GifFrame(byte[] rgb, int width, int height, int delayCentiseconds, int disposal, int left, int top, int frameWidth, int frameHeight, bool interlaced)
    {
        Rgb = rgb;
        Width = width;
        Height = height;
        DelayCentiseconds = delayCentiseconds;
        Disposal = disposal;
        Left = left;
        Top = top;
        FrameWidth = frameWidth;
        FrameHeight = frameHeight;
        Interlaced = interlaced;
    }

    /// <summary>The composed canvas, <c>Width*Height*3</c> bytes, R G B per pixel, rows packed.</summary>
    public byte[] Rgb { get; }

    /// <summary>Canvas width.</summary>
    public int Width { get; }

    /// <summary>Canvas height.</summary>
    public int Height { get; }

    /// <summary>The stored delay in hundredths of a second (0 when the frame has no graphic control extension).</summary>
    public int DelayCentiseconds { get; }

    /// <summary>The delay in milliseconds: <c>DelayCentiseconds * 10</c>.</summary>
    public int DelayMs => DelayCentiseconds * 10;

    /// <summary>The disposal method stored for this frame (0 unspecified, 1 keep, 2 background, 3 previous).</summary>
    public int Disposal { get; }

    /// <summary>Left edge of the stored rectangle on the canvas.</summary>
    public int Left { get; }

    /// <summary>Top edge of the stored rectangle on the canvas.</summary>
    public int Top { get; }

    /// <summary>Width of the stored rectangle.</summary>
    public int FrameWidth { get; }

    /// <summary>Height of the stored rectangle.</summary>
    public int FrameHeight { get; }

    /// <summary>True when the frame's rows were stored interlaced.</summary>
    public bool Interlaced { get; }

    /// <summary>The canvas as 8-bit gray when every pixel has R = G = B; false (and null) otherwise.</summary>
    public bool TryGetGray([NotNullWhen(true)] out byte[]? gray)
    {
        byte[] rgb = Rgb;
        for (int o = 0; o < rgb.Length; o += 3)
        {
            if (rgb[o] != rgb[o + 1] || rgb[o] != rgb[o + 2])
            {
                gray = null;
                return false;
            }
        }

        gray = new byte[rgb.Length / 3];
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = rgb[i * 3];
        }

        return true;
    }
}

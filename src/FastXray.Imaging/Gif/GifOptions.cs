namespace FastXray.Imaging.Gif;

/// <summary>How <see cref="GifEncoder"/> writes an animation: frame delays, looping and colour count.</summary>
public sealed record GifOptions
{
    /// <summary>100 ms per frame, loop forever, up to 256 colours per RGB frame.</summary>
    public static GifOptions Default { get; } = new();

    /// <summary>Delay after each frame in milliseconds (used when <see cref="FrameDelaysMs"/> is null). Default 100.</summary>
    /// <remarks>
    /// GIF stores centiseconds; the stored value is <c>min(ms / 10, 65535)</c> with integer division
    /// (truncation), exactly as Pillow (and so <c>imageio.mimwrite</c>) converts, so 1..9 ms become 0 and
    /// 15 ms becomes 1 cs. Most viewers show delays of 0 or 1 cs as about 100 ms.
    /// </remarks>
    public int DelayMs { get; init; } = 100;

    /// <summary>Per-frame delays in milliseconds, one per frame; overrides <see cref="DelayMs"/> when set.</summary>
    public IReadOnlyList<int>? FrameDelaysMs { get; init; }

    /// <summary>
    /// The NETSCAPE2.0 loop count: 0 = loop forever (the default, as imageio writes), n = n repeats as the
    /// viewer counts them; null writes no NETSCAPE block, so viewers play the animation once.
    /// </summary>
    public int? LoopCount { get; init; } = 0;

    /// <summary>Largest palette for RGB frames (2..256). Frames with at most this many distinct colours are stored exactly.</summary>
    public int MaxColors { get; init; } = 256;

    /// <summary>The stored delay in centiseconds for frame <paramref name="index"/>.</summary>
    internal int DelayCentiseconds(int index)
    {
        int ms = FrameDelaysMs is null ? DelayMs : FrameDelaysMs[index];
        return Math.Min(ms / 10, ushort.MaxValue);
    }

    /// <summary>Throws unless the options are usable for <paramref name="frameCount"/> frames.</summary>
    internal void Validate(int frameCount)
    {
        if (FrameDelaysMs is null)
        {
            if (DelayMs < 0)
            {
                ThrowHelper.ThrowArgument(nameof(DelayMs), $"Delay must be non-negative, got {DelayMs} ms.");
            }
        }
        else
        {
            if (FrameDelaysMs.Count != frameCount)
            {
                ThrowHelper.ThrowArgument(nameof(FrameDelaysMs), $"{FrameDelaysMs.Count} delays given for {frameCount} frames.");
            }

            foreach (int d in FrameDelaysMs)
            {
                if (d < 0)
                {
                    ThrowHelper.ThrowArgument(nameof(FrameDelaysMs), $"Delay must be non-negative, got {d} ms.");
                }
            }
        }

        if (LoopCount is < 0 or > ushort.MaxValue)
        {
            ThrowHelper.ThrowArgument(nameof(LoopCount), $"Loop count must be 0..65535 or null, got {LoopCount}.");
        }

        if (MaxColors is < 2 or > 256)
        {
            ThrowHelper.ThrowArgument(nameof(MaxColors), $"MaxColors must be 2..256, got {MaxColors}.");
        }
    }
}

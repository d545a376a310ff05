namespace FastXray.Imaging.Figures;

/// <summary>A built-in 5x7 pixel font (plus two descender rows) for ASCII 32..126, drawn at integer scales, for figure titles and tick labels.</summary>
/// <remarks>
/// Glyphs were drawn for FastXray in the style of classic 5x7 character-LCD fonts (no font file is read):
/// capitals and digits are 7 rows tall, lowercase letters 5, and g j p q y descend 2 rows below the
/// baseline. Each character advances <see cref="Advance"/> pixels times the scale; lines are
/// <see cref="LineHeight"/> pixels apart. Characters outside 32..126 are drawn as '?'. Drawing clips to the image.
/// </remarks>
public static class BitmapFont
{
    /// <summary>Glyph width in pixels at scale 1.</summary>
    public const int GlyphWidth = 5;

    /// <summary>Glyph cell height in pixels at scale 1, descenders included.</summary>
    public const int GlyphHeight = 9;

    /// <summary>Height of capitals and digits above the baseline at scale 1.</summary>
    public const int CapHeight = 7;

    /// <summary>Horizontal distance between characters at scale 1 (glyph plus one blank column).</summary>
    public const int Advance = 6;

    /// <summary>Vertical distance between lines at scale 1 (glyph cell plus one blank row).</summary>
    public const int LineHeight = 10;

    // One string per character from ' ' (32) to '~' (126): rows of five columns, '#' = ink; seven rows above
    // the baseline, and two more for descenders where given.
    private static readonly string[] s_glyphs =
    [
        ".....|.....|.....|.....|.....|.....|.....", // ' '
        "..#..|..#..|..#..|..#..|..#..|.....|..#..", // !
        ".#.#.|.#.#.|.#.#.|.....|.....|.....|.....", // "
        ".#.#.|.#.#.|#####|.#.#.|#####|.#.#.|.#.#.", // #
        "..#..|.####|#.#..|.###.|..#.#|####.|..#..", // $
        "##...|##..#|...#.|..#..|.#...|#..##|...##", // %
        ".##..|#..#.|#.#..|.#...|#.#.#|#..#.|.##.#", // &
        "..#..|..#..|.#...|.....|.....|.....|.....", // '
        "...#.|..#..|.#...|.#...|.#...|..#..|...#.", // (
        ".#...|..#..|...#.|...#.|...#.|..#..|.#...", // )
        ".....|..#..|#.#.#|.###.|#.#.#|..#..|.....", // *
        ".....|..#..|..#..|#####|..#..|..#..|.....", // +
        ".....|.....|.....|.....|.##..|..#..|.#...", // ,
        ".....|.....|.....|#####|.....|.....|.....", // -
        ".....|.....|.....|.....|.....|.##..|.##..", // .
        ".....|....#|...#.|..#..|.#...|#....|.....", // /
        ".###.|#...#|#..##|#.#.#|##..#|#...#|.###.", // 0
        "..#..|.##..|..#..|..#..|..#..|..#..|.###.", // 1
        ".###.|#...#|....#|...#.|..#..|.#...|#####", // 2
        "#####|...#.|..#..|...#.|....#|#...#|.###.", // 3
        "...#.|..##.|.#.#.|#..#.|#####|...#.|...#.", // 4
        "#####|#....|####.|....#|....#|#...#|.###.", // 5
        "..##.|.#...|#....|####.|#...#|#...#|.###.", // 6
        "#####|....#|...#.|..#..|.#...|.#...|.#...", // 7
        ".###.|#...#|#...#|.###.|#...#|#...#|.###.", // 8
        ".###.|#...#|#...#|.####|....#|...#.|.##..", // 9
        ".....|.##..|.##..|.....|.##..|.##..|.....", // :
        ".....|.##..|.##..|.....|.##..|..#..|.#...", // ;
        "...#.|..#..|.#...|#....|.#...|..#..|...#.", // <
        ".....|.....|#####|.....|#####|.....|.....", // =
        ".#...|..#..|...#.|....#|...#.|..#..|.#...", // >
        ".###.|#...#|....#|...#.|..#..|.....|..#..", // ?
        ".###.|#...#|....#|.##.#|#.#.#|#.#.#|.###.", // @
        ".###.|#...#|#...#|#####|#...#|#...#|#...#", // A
        "####.|#...#|#...#|####.|#...#|#...#|####.", // B
        ".###.|#...#|#....|#....|#....|#...#|.###.", // C
        "###..|#..#.|#...#|#...#|#...#|#..#.|###..", // D
        "#####|#....|#....|####.|#....|#....|#####", // E
        "#####|#....|#....|####.|#....|#....|#....", // F
        ".###.|#...#|#....|#.###|#...#|#...#|.####", // G
        "#...#|#...#|#...#|#####|#...#|#...#|#...#", // H
        ".###.|..#..|..#..|..#..|..#..|..#..|.###.", // I
        "..###|...#.|...#.|...#.|...#.|#..#.|.##..", // J
        "#...#|#..#.|#.#..|##...|#.#..|#..#.|#...#", // K
        "#....|#....|#....|#....|#....|#....|#####", // L
        "#...#|##.##|#.#.#|#.#.#|#...#|#...#|#...#", // M
        "#...#|#...#|##..#|#.#.#|#..##|#...#|#...#", // N
        ".###.|#...#|#...#|#...#|#...#|#...#|.###.", // O
        "####.|#...#|#...#|####.|#....|#....|#....", // P
        ".###.|#...#|#...#|#...#|#.#.#|#..#.|.##.#", // Q
        "####.|#...#|#...#|####.|#.#..|#..#.|#...#", // R
        ".####|#....|#....|.###.|....#|....#|####.", // S
        "#####|..#..|..#..|..#..|..#..|..#..|..#..", // T
        "#...#|#...#|#...#|#...#|#...#|#...#|.###.", // U
        "#...#|#...#|#...#|#...#|#...#|.#.#.|..#..", // V
        "#...#|#...#|#...#|#.#.#|#.#.#|#.#.#|.#.#.", // W
        "#...#|#...#|.#.#.|..#..|.#.#.|#...#|#...#", // X
        "#...#|#...#|#...#|.#.#.|..#..|..#..|..#..", // Y
        "#####|....#|...#.|..#..|.#...|#....|#####", // Z
        ".###.|.#...|.#...|.#...|.#...|.#...|.###.", // [
        ".....|#....|.#...|..#..|...#.|....#|.....", // \
        ".###.|...#.|...#.|...#.|...#.|...#.|.###.", // ]
        "..#..|.#.#.|#...#|.....|.....|.....|.....", // ^
        ".....|.....|.....|.....|.....|.....|#####", // _
        ".#...|..#..|...#.|.....|.....|.....|.....", // `
        ".....|.....|.###.|....#|.####|#...#|.####", // a
        "#....|#....|#.##.|##..#|#...#|#...#|####.", // b
        ".....|.....|.###.|#....|#....|#...#|.###.", // c
        "....#|....#|.##.#|#..##|#...#|#...#|.####", // d
        ".....|.....|.###.|#...#|#####|#....|.###.", // e
        "..##.|.#..#|.#...|###..|.#...|.#...|.#...", // f
        ".....|.....|.####|#...#|#...#|#...#|.####|....#|.###.", // g
        "#....|#....|#.##.|##..#|#...#|#...#|#...#", // h
        "..#..|.....|.##..|..#..|..#..|..#..|.###.", // i
        "...#.|.....|..##.|...#.|...#.|...#.|...#.|#..#.|.##..", // j
        "#....|#....|#..#.|#.#..|##...|#.#..|#..#.", // k
        ".##..|..#..|..#..|..#..|..#..|..#..|.###.", // l
        ".....|.....|##.#.|#.#.#|#.#.#|#...#|#...#", // m
        ".....|.....|#.##.|##..#|#...#|#...#|#...#", // n
        ".....|.....|.###.|#...#|#...#|#...#|.###.", // o
        ".....|.....|####.|#...#|#...#|#...#|####.|#....|#....", // p
        ".....|.....|.####|#...#|#...#|#...#|.####|....#|....#", // q
        ".....|.....|#.##.|##..#|#....|#....|#....", // r
        ".....|.....|.###.|#....|.###.|....#|####.", // s
        ".#...|.#...|###..|.#...|.#...|.#..#|..##.", // t
        ".....|.....|#...#|#...#|#...#|#..##|.##.#", // u
        ".....|.....|#...#|#...#|#...#|.#.#.|..#..", // v
        ".....|.....|#...#|#...#|#.#.#|#.#.#|.#.#.", // w
        ".....|.....|#...#|.#.#.|..#..|.#.#.|#...#", // x
        ".....|.....|#...#|#...#|#...#|#...#|.####|....#|.###.", // y
        ".....|.....|#####|...#.|..#..|.#...|#####", // z
        "...#.|..#..|..#..|.#...|..#..|..#..|...#.", // {
        "..#..|..#..|..#..|..#..|..#..|..#..|..#..", // |
        ".#...|..#..|..#..|...#.|..#..|..#..|.#...", // }
        ".....|.....|.#...|#.#.#|...#.|.....|.....", // ~
    ];

    // Row bitmaps: bit 4 is the leftmost column. 95 glyphs x 9 rows.
    private static readonly byte[] s_rows = BuildRows();

    /// <summary>Width in pixels of <paramref name="text"/> at <paramref name="scale"/> (no trailing blank column).</summary>
    public static int MeasureWidth(ReadOnlySpan<char> text, int scale = 1) =>
        text.IsEmpty ? 0 : ((text.Length * Advance) - 1) * scale;

    /// <summary>Height in pixels of the glyph cell at <paramref name="scale"/>, descenders included.</summary>
    public static int MeasureHeight(int scale = 1) => GlyphHeight * scale;

    /// <summary>Draws <paramref name="text"/> with its top-left glyph corner at (<paramref name="x"/>, <paramref name="y"/>), clipped to the image.</summary>
    public static void Draw(RgbImage image, ReadOnlySpan<char> text, int x, int y, Rgb color, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (scale < 1)
        {
            ThrowHelper.ThrowArgument(nameof(scale), $"Scale must be at least 1, got {scale}.");
        }

        for (int i = 0; i < text.Length; i++)
        {
            int c = text[i] is >= ' ' and <= '~' ? text[i] - ' ' : '?' - ' ';
            int left = x + (i * Advance * scale);
            for (int row = 0; row < GlyphHeight; row++)
            {
                int bits = s_rows[(c * GlyphHeight) + row];
                for (int col = 0; col < GlyphWidth; col++)
                {
                    if ((bits & (0x10 >> col)) != 0)
                    {
                        image.FillRectangle(left + (col * scale), y + (row * scale), scale, scale, color);
                    }
                }
            }
        }
    }

    /// <summary>The ink of character <paramref name="c"/>: 9 row bitmaps, bit 4 = leftmost column.</summary>
    internal static ReadOnlySpan<byte> Glyph(char c) =>
        s_rows.AsSpan((c is >= ' ' and <= '~' ? c - ' ' : '?' - ' ') * GlyphHeight, GlyphHeight);

    /// <summary><paramref name="text"/> shortened with "..." so that it fits <paramref name="maxWidth"/> pixels at <paramref name="scale"/>.</summary>
    internal static string Fit(string text, int maxWidth, int scale)
    {
        if (MeasureWidth(text, scale) <= maxWidth)
        {
            return text;
        }

        int chars = Math.Max(0, (((maxWidth / scale) + 1) / Advance) - 3);
        return chars == 0 ? string.Empty : string.Concat(text.AsSpan(0, Math.Min(chars, text.Length)), "...");
    }

    private static byte[] BuildRows()
    {
        var rows = new byte[s_glyphs.Length * GlyphHeight];
        for (int g = 0; g < s_glyphs.Length; g++)
        {
            string[] lines = s_glyphs[g].Split('|');
            for (int r = 0; r < lines.Length; r++)
            {
                int bits = 0;
                for (int col = 0; col < GlyphWidth; col++)
                {
                    bits = (bits << 1) | (lines[r][col] == '#' ? 1 : 0);
                }

                rows[(g * GlyphHeight) + r] = (byte)bits;
            }
        }

        return rows;
    }
}

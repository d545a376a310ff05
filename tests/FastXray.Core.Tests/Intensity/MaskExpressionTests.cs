using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Imaging.Npy;
using FastXray.Intensity;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Intensity;

/// <summary>
/// MaskExpression against NumPy (tools/fixtures/mask_expressions.py: SHA-256 of np.where(cond, 1, 0) as 0/1 bytes
/// and of np.where(cond, x, 0)), against the single-comparison kernels, and its parser's errors and bounds.
/// </summary>
public sealed class MaskExpressionTests
{
    private const string Domain = "mask_expressions";

    private static readonly Lazy<JsonElement[]> s_cases = new(() =>
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(TestData.Reference("FastXray.Core.Tests", Domain, "cases.json")));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    });

    private static readonly SimdLevel[] s_levels = [SimdLevel.Scalar, SimdLevel.Vector128, SimdLevel.Vector256, SimdLevel.Vector512];

    public static TheoryData<int> Cases
    {
        get
        {
            var data = new TheoryData<int>();
            for (int i = 0; i < s_cases.Value.Length; i++)
            {
                data.Add(i);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_numpy_exactly(int index)
    {
        JsonElement c = s_cases.Value[index];
        string input = c.GetProperty("input").GetString()!;
        string text = c.GetProperty("expr").GetString()!;
        NpyArray image = NpyFile.Read(TestData.Reference("FastXray.Core.Tests", Domain, input + ".npy"));
        MaskExpression expression = MaskExpression.Parse(text);
        string mask = c.GetProperty("mask_sha256").GetString()!;
        string keep = c.GetProperty("where_sha256").GetString()!;
        string label = $"{input}: {text} (NumPy: {c.GetProperty("count").GetInt32()} true)";
        switch (image.DType)
        {
            case NpyDType.UInt8:
                Check<byte>(expression, image, mask, keep, 77, label);
                break;
            case NpyDType.UInt16:
                Check<ushort>(expression, image, mask, keep, 777, label);
                break;
            default:
                Check(expression, image, mask, keep, 77.5f, label);
                break;
        }
    }

    private static void Check<T>(MaskExpression expression, NpyArray input, string maskHash, string keepHash, T garbage, string label)
        where T : unmanaged
    {
        (int h, int w) = input.Shape2D;
        foreach (SimdLevel level in s_levels)
        {
            SimdLevel? previous = SimdCapabilities.Force(level);
            try
            {
                foreach ((T[] data, int stride) in IntensityGolden.Layouts(input, garbage))
                {
                    var image = new ReadOnlyImageSpan<T>(data, w, h, stride);
                    var mask = new byte[data.Length];
                    expression.Mask(image, new ImageSpan<byte>(mask, w, h, stride));
                    byte[] dense = IntensityGolden.Dense<byte>(mask, w, h, stride);
                    Assert.True(Hash(dense) == maskHash, $"mask {label} at {level}, stride {stride}: {dense.Count(b => b == 1)} true");

                    var floats = new float[data.Length];
                    expression.Mask(image, new ImageSpan<float>(floats, w, h, stride));
                    Assert.Equal(dense.Select(b => (float)b), IntensityGolden.Dense<float>(floats, w, h, stride));

                    var kept = new T[data.Length];
                    expression.Keep(image, new ImageSpan<T>(kept, w, h, stride));
                    Assert.True(Hash(IntensityGolden.Dense<T>(kept, w, h, stride)) == keepHash, $"where {label} at {level}, stride {stride}");

                    // In place.
                    T[] copy = (T[])data.Clone();
                    expression.Keep(new ReadOnlyImageSpan<T>(copy, w, h, stride), new ImageSpan<T>(copy, w, h, stride));
                    Assert.True(Hash(IntensityGolden.Dense<T>(copy, w, h, stride)) == keepHash, $"where in place {label} at {level}, stride {stride}");
                }
            }
            finally
            {
                SimdCapabilities.Force(previous);
            }
        }
    }

    private static string Hash<T>(T[] values)
        where T : unmanaged =>
        Convert.ToHexStringLower(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())));

    public static TheoryData<string> Thresholds => ["0", "1", "-3", "150", "150.5", "0.1", "254.9", "255", "1e300", "-1e300", "3.4e38", "65535", "1e-45", "0.0"];

    /// <summary>x op t and its mirror t op' x give exactly the bytes of Where.Mask / Where.Keep, on every type and width.</summary>
    [Theory]
    [MemberData(nameof(Thresholds))]
    public void A_single_comparison_is_the_single_comparison_kernel(string threshold)
    {
        double t = double.Parse(threshold, System.Globalization.CultureInfo.InvariantCulture);
        var rng = new Random(5);
        const int W = 301, H = 29; // several blocks, odd tails
        byte[] u8 = [.. Enumerable.Range(0, W * H).Select(i => (byte)rng.Next(256))];
        ushort[] u16 = [.. Enumerable.Range(0, W * H).Select(i => i % 7 == 0 ? (ushort)(i % 300) : (ushort)rng.Next(65536))];
        float[] f32 = [.. Enumerable.Range(0, W * H).Select(i => i % 97 == 0 ? float.NaN : i % 89 == 0 ? (float)t : (float)((rng.NextDouble() * 600) - 300))];
        (string Symbol, string Mirror, CompareOp Op)[] ops =
        [
            (">", "<", CompareOp.Greater), (">=", "<=", CompareOp.GreaterOrEqual), ("<", ">", CompareOp.Less),
            ("<=", ">=", CompareOp.LessOrEqual), ("==", "==", CompareOp.Equal), ("!=", "!=", CompareOp.NotEqual),
        ];
        foreach ((string symbol, string mirror, CompareOp op) in ops)
        {
            foreach (string text in new[] { $"x {symbol} {threshold}", $"{threshold} {mirror} x" })
            {
                MaskExpression e = MaskExpression.Parse(text);
                Same(e, u8, op, t, W, H, text);
                Same(e, u16, op, t, W, H, text);
                Same(e, f32, op, t, W, H, text);
            }
        }
    }

    private static void Same<T>(MaskExpression e, T[] data, CompareOp op, double t, int w, int h, string text)
        where T : unmanaged
    {
        foreach (SimdLevel level in s_levels)
        {
            SimdLevel? previous = SimdCapabilities.Force(level);
            try
            {
                var image = new ReadOnlyImageSpan<T>(data, w, h);
                var want = new byte[data.Length];
                var got = new byte[data.Length];
                Where.Mask(image, op, t, new ImageSpan<byte>(want, w, h));
                e.Mask(image, new ImageSpan<byte>(got, w, h));
                Assert.True(want.AsSpan().SequenceEqual(got), $"mask {typeof(T).Name} {text} at {level}");

                var keepWant = new T[data.Length];
                var keepGot = new T[data.Length];
                Where.Keep(image, op, t, new ImageSpan<T>(keepWant, w, h));
                e.Keep(image, new ImageSpan<T>(keepGot, w, h));
                Assert.True(Bytes(keepWant).SequenceEqual(Bytes(keepGot)), $"where {typeof(T).Name} {text} at {level}");
            }
            finally
            {
                SimdCapabilities.Force(previous);
            }
        }
    }

    private static ReadOnlySpan<byte> Bytes<T>(T[] values)
        where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());

    /// <summary>Combinations over several blocks and a strided view against per-pixel booleans of the single-comparison masks.</summary>
    [Fact]
    public void Combinations_over_many_blocks_match_the_per_pixel_logic()
    {
        const int W = 1000, H = 23, Stride = 1003;
        var rng = new Random(11);
        float[] data = [.. Enumerable.Range(0, Stride * H).Select(i => i % 101 == 0 ? float.NaN : (float)rng.Next(-20, 300))];
        bool[] Cmp(CompareOp op, double t)
        {
            var m = new byte[W * H];
            Where.Mask(new ReadOnlyImageSpan<float>(data, W, H, Stride), op, t, new ImageSpan<byte>(m, W, H));
            return [.. m.Select(b => b == 1)];
        }

        bool[] a = Cmp(CompareOp.Greater, 32), b = Cmp(CompareOp.Greater, 64), c = Cmp(CompareOp.LessOrEqual, 5), d = Cmp(CompareOp.NotEqual, 100);
        (string Text, Func<int, bool> Want)[] cases =
        [
            ("(x > 32) & ~(x > 64)", i => a[i] & !b[i]),
            ("(x > 32) | (x <= 5) & (x != 100)", i => a[i] | (c[i] & d[i])),
            ("((x > 32) | (x <= 5)) & (x != 100)", i => (a[i] | c[i]) & d[i]),
            ("(x > 32) ^ (x > 64) | ~(x != 100)", i => (a[i] ^ b[i]) | !d[i]),
            ("~((x > 32) & (x > 64)) ^ ((x <= 5) | (x != 100))", i => !(a[i] & b[i]) ^ (c[i] | d[i])),
        ];
        var image = new ReadOnlyImageSpan<float>(data, W, H, Stride);
        foreach ((string text, Func<int, bool> want) in cases)
        {
            MaskExpression e = MaskExpression.Parse(text);
            foreach (SimdLevel level in s_levels)
            {
                SimdLevel? previous = SimdCapabilities.Force(level);
                try
                {
                    var mask = new byte[Stride * H];
                    var kept = new float[Stride * H];
                    e.Mask(image, new ImageSpan<byte>(mask, W, H, Stride));
                    e.Keep(image, new ImageSpan<float>(kept, W, H, Stride));
                    for (int y = 0; y < H; y++)
                    {
                        for (int x = 0; x < W; x++)
                        {
                            bool expect = want((y * W) + x);
                            Assert.True(mask[(y * Stride) + x] == (expect ? 1 : 0), $"{text} at {level}: pixel ({y},{x})");
                            float kv = expect ? data[(y * Stride) + x] : 0f;
                            Assert.Equal(BitConverter.SingleToInt32Bits(kv), BitConverter.SingleToInt32Bits(kept[(y * Stride) + x]));
                        }
                    }
                }
                finally
                {
                    SimdCapabilities.Force(previous);
                }
            }
        }
    }

    [Theory]
    [InlineData("(x > 32) & ~(x > 64)", "(x > 32) & ~(x > 64)")]
    [InlineData("x>5", "x > 5")]
    [InlineData("5 < x", "x > 5")]
    [InlineData("-3 >= x", "x <= -3")]
    [InlineData("x == - -2.50e1", "x == 25")]
    [InlineData("x != +.5", "x != 0.5")]
    [InlineData("x < 5.", "x < 5")]
    [InlineData("((x > 1)) | (x < 0) & (x == 7)", "(x > 1) | (x < 0) & (x == 7)")]
    [InlineData("((x > 1) | (x < 0)) & (x == 7)", "((x > 1) | (x < 0)) & (x == 7)")]
    [InlineData("~~(x > 1) ^ (x > 2)", "~~(x > 1) ^ (x > 2)")]
    [InlineData("(x > 1) & ((x > 2) & (x > 3))", "(x > 1) & (x > 2) & (x > 3)")]
    [InlineData("(x > 1) ^ (x > 2) | (x > 3) & (x > 4)", "(x > 1) ^ (x > 2) | (x > 3) & (x > 4)")]
    public void Canonical_text_is_python_with_minimal_parentheses(string text, string canonical)
    {
        Assert.Equal(canonical, MaskExpression.Parse(text).ToString());
        Assert.Equal(canonical, MaskExpression.Parse(canonical).ToString());
    }

    [Theory]
    [InlineData("x > 10 | x < 5", 8, "'|' needs comparisons on both sides; write (x > 10) | (x < 5)")]
    [InlineData("x > 5 & x < 10", 7, "'&' needs comparisons on both sides; write (x > 5) & (x < 10)")]
    [InlineData("(x > 1) ^ x < 3", 9, "'^' needs comparisons on both sides; write (x > 1) ^ (x < 3)")]
    [InlineData("(x > 1) & (x > 2 | x < 0)", 18, "write (x > 2) | (x < 0)")]
    [InlineData("x > 32 & ~x > 64", 10, "'~' needs a comparison after it, got the image x; write (x > 32) & ~(x > 64)")]
    [InlineData("~x > 5", 1, "'~' needs a comparison after it, got the image x; write ~(x > 5)")]
    [InlineData("~5 < x", 1, "'~' needs a comparison after it, got a number")]
    [InlineData("x & 5", 3, "'&' needs comparisons on both sides")]
    [InlineData("3 < x < 7", 7, "chained comparison: NumPy cannot chain comparisons on an image; write (3 < x) & (x < 7)")]
    [InlineData("x > 3 > 2", 7, "chained comparison")]
    [InlineData("(x > 3", 1, "unbalanced '(': no matching ')'")]
    [InlineData("x > 3)", 6, "unbalanced ')'")]
    [InlineData("(x > 3))", 8, "unbalanced ')'")]
    [InlineData("((x > 3) & (x < 4)", 1, "unbalanced '('")]
    [InlineData("(x > 3 x)", 8, "expected ')' (for the '(' at column 1), got 'x'")]
    [InlineData("im > 3", 1, "unknown name 'im'; the image is x")]
    [InlineData("x > nan", 5, "unknown name 'nan'")]
    [InlineData("(x > 1) and (x < 3)", 9, "'and' needs a single truth value")]
    [InlineData("", 1, "empty expression")]
    [InlineData("   ", 1, "empty expression")]
    [InlineData("x", 1, "the image x, not a comparison")]
    [InlineData("5", 1, "a number, not a comparison")]
    [InlineData("  (x)", 3, "'(x)' is the image x, not a comparison")]
    [InlineData("x > 3 4", 7, "unexpected '4' after the expression")]
    [InlineData("x > 3 (", 7, "unexpected '(' after the expression")]
    [InlineData("x > ", 5, "the expression ends where a number, x or '(' was expected")]
    [InlineData("x > )", 5, "')' where a number, x or '(' was expected")]
    [InlineData("x = 3", 3, "'=' alone is assignment; write == to compare")]
    [InlineData("!(x > 3)", 1, "'!' alone is not an operator")]
    [InlineData("x > 3 && x < 5", 8, "'&' where a number, x or '(' was expected")]
    [InlineData("x > 1e", 6, "exponent without digits")]
    [InlineData("x > 1.5.2", 8, "'.' inside the number")]
    [InlineData("x > 12abc", 7, "'a' inside the number")]
    [InlineData("x > 3 # note", 7, "unexpected character '#'")]
    [InlineData("x > x", 3, "'>' compares x with a number, got the image x and the image x")]
    [InlineData("5 > 3", 3, "'>' compares x with a number, got a number and a number")]
    [InlineData("(x > 3) == 1", 9, "'==' compares x with a number, got a mask and a number")]
    [InlineData("x > -x", 5, "'-' applies to numbers only, got the image x")]
    [InlineData("-(x > 3)", 1, "'-' applies to numbers only, got a mask")]
    public void Bad_expressions_name_the_column(string text, int column, string message)
    {
        Assert.False(MaskExpression.TryParse(text, out MaskExpression? e, out MaskExpressionError error));
        Assert.Null(e);
        Assert.True(error.Column == column, $"'{text}': column {error.Column}, expected {column}: {error.Message}");
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        FormatException thrown = Assert.Throws<FormatException>(() => MaskExpression.Parse(text));
        Assert.StartsWith($"at column {column}: ", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_and_size_are_bounded_without_deep_recursion()
    {
        // A hostile depth fails at the limit (the parser recurses once per level), not with a stack overflow.
        string deep = new string('(', 100_000) + "x > 1" + new string(')', 100_000);
        Assert.False(MaskExpression.TryParse(deep, out _, out MaskExpressionError error));
        Assert.Equal(MaskExpression.MaxNesting + 1, error.Column);
        Assert.Contains("nested deeper than", error.Message, StringComparison.Ordinal);
        string nots = new string('~', 100_000) + "(x > 1)";
        Assert.False(MaskExpression.TryParse(nots, out _, out error));
        Assert.Contains("nested deeper than", error.Message, StringComparison.Ordinal);

        string atLimit = new string('(', MaskExpression.MaxNesting) + "x > 1" + new string(')', MaskExpression.MaxNesting);
        Assert.True(MaskExpression.TryParse(atLimit, out _, out _));

        string Chain(int n) => string.Join(" | ", Enumerable.Range(0, n).Select(i => $"(x == {i})"));
        Assert.True(MaskExpression.TryParse(Chain(MaskExpression.MaxComparisons), out MaskExpression? longest, out _));
        Assert.Equal(MaskExpression.MaxComparisons, longest.Comparisons);
        Assert.Equal(2, longest.StackDepth);
        Assert.False(MaskExpression.TryParse(Chain(MaskExpression.MaxComparisons + 1), out _, out error));
        Assert.Contains("more than 64 comparisons", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x > 1", 1)]
    [InlineData("~(x > 1)", 1)]
    [InlineData("(x > 32) & ~(x > 64)", 2)]
    [InlineData("(x > 1) & ((x > 2) & ((x > 3) & ((x > 4) & (x > 5))))", 2)]
    [InlineData("((x > 1) & (x > 2)) | ((x > 3) & (x > 4))", 3)]
    public void Operands_needing_more_planes_run_first(string text, int depth)
    {
        MaskExpression e = MaskExpression.Parse(text);
        Assert.Equal(depth, e.StackDepth);
        Assert.Equal(depth * MaskExpression.BlockSize, e.ScratchBytes);
    }

    [Fact]
    public void A_balanced_tree_of_the_most_comparisons_needs_seven_planes()
    {
        static string Balanced(int from, int count) =>
            count == 1 ? $"(x != {from})" : $"({Balanced(from, count / 2)} & {Balanced(from + (count / 2), count - (count / 2))})";
        MaskExpression e = MaskExpression.Parse(Balanced(0, MaskExpression.MaxComparisons));
        Assert.Equal(7, e.StackDepth);
        byte[] values = [.. Enumerable.Range(0, 256).Select(v => (byte)v)];
        var mask = new byte[256];
        e.Mask(new ReadOnlyImageSpan<byte>(values, 256, 1), new ImageSpan<byte>(mask, 256, 1));
        Assert.Equal(Enumerable.Range(0, 256).Select(v => v >= MaskExpression.MaxComparisons ? (byte)1 : (byte)0), mask);
    }

    [Fact]
    public void Evaluating_a_compiled_expression_allocates_nothing()
    {
        MaskExpression e = MaskExpression.Parse("((x > 32) & ~(x > 64)) | (x == 1) ^ (x != 3)");
        const int W = 640, H = 20; // several blocks
        var u8 = new byte[W * H];
        var u16 = new ushort[W * H];
        var f32 = new float[W * H];
        var mask = new byte[W * H];
        var floats = new float[W * H];
        AllocationAssert.None(() => e.Mask(new ReadOnlyImageSpan<byte>(u8, W, H), new ImageSpan<byte>(mask, W, H)), "Mask<byte>");
        AllocationAssert.None(() => e.Mask(new ReadOnlyImageSpan<ushort>(u16, W, H), new ImageSpan<float>(floats, W, H)), "Mask<ushort> to float");
        AllocationAssert.None(() => e.Mask(new ReadOnlyImageSpan<float>(f32, W, H), new ImageSpan<float>(floats, W, H)), "Mask<float> to float");
        AllocationAssert.None(() => e.Keep(new ReadOnlyImageSpan<float>(f32, W, H), new ImageSpan<float>(floats, W, H)), "Keep<float>");
        AllocationAssert.None(() => e.Keep(new ReadOnlyImageSpan<ushort>(u16, W, H), new ImageSpan<ushort>(u16, W, H)), "Keep<ushort> in place");
    }

    [Fact]
    public void Sizes_types_and_empty_images_are_checked()
    {
        MaskExpression e = MaskExpression.Parse("(x > 1) & (x < 3)");
        Assert.Throws<ArgumentException>(() => e.Mask(new ReadOnlyImageSpan<byte>(new byte[6], 3, 2), new ImageSpan<byte>(new byte[6], 2, 3)));
        Assert.Throws<NotSupportedException>(() => e.Mask(new ReadOnlyImageSpan<int>(new int[6], 3, 2), new ImageSpan<byte>(new byte[6], 3, 2)));
        e.Mask(new ReadOnlyImageSpan<byte>([], 0, 5), new ImageSpan<byte>([], 0, 5));
        Assert.Throws<ArgumentNullException>(() => MaskExpression.TryParse(null!, out _, out _));
    }
}

using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace FastXray.Intensity;

/// <summary>
/// A NumPy boolean-mask expression over an image, such as <c>(x &gt; 32) &amp; ~(x &gt; 64)</c>, compiled once into a
/// postfix program of whole-block steps: each comparison writes a 0/1 byte mask with the <see cref="Where"/>
/// kernels, <c>&amp; | ^ ~</c> combine masks with the <see cref="MaskLogic"/> kernels, and the result selects pixels
/// (<see cref="Keep{T}"/>, <c>np.where(cond, x, 0)</c>) or becomes 1/0 (<see cref="Mask{T}(ReadOnlyImageSpan{T}, ImageSpan{byte})"/>,
/// <c>np.where(cond, 1, 0)</c>).
/// </summary>
/// <remarks>
/// <para>
/// Syntax and meaning are Python's with <c>x</c> the image: comparisons <c>&gt; &gt;= &lt; &lt;= == !=</c> between x and a
/// number (either side: <c>5 &lt; x</c> is <c>x &gt; 5</c>), <c>&amp; | ^ ~</c> on comparisons, parentheses, numbers with
/// decimals, exponents and unary minus. Precedence is Python's: <c>~</c> binds tightest, then <c>&amp;</c>, <c>^</c>,
/// <c>|</c>, and comparisons loosest, so <c>x &gt; 10 | x &lt; 5</c> is NumPy's chained <c>x &gt; (10 | x) &lt; 5</c>, which NumPy
/// rejects; so does this parser (bitwise operators on a number or on the image itself, chained comparisons), naming the
/// column and the parenthesised form. Each comparison is exactly <see cref="Where.Mask{T}"/> (NumPy 1.24 value-based
/// casting; NaN pixels match only <c>!=</c>), so <c>x op t</c> here and there give identical bytes.
/// </para>
/// <para>
/// Evaluation walks the image in blocks of <see cref="BlockSize"/> pixels and runs the whole program on each block,
/// so the byte planes stay in cache; the planes (<see cref="StackDepth"/> of them) come from
/// <see cref="ArrayPool{T}.Shared"/> once per call: <see cref="ScratchBytes"/>. Operands of <c>&amp; | ^</c> are
/// evaluated deeper-first (Sethi–Ullman), which is allowed because all three commute, so n comparisons need at
/// most log2(n) + 1 planes (7 for <see cref="MaxComparisons"/>; 2 for the lesson's expressions). An instance is
/// immutable and may be used from several threads at once.
/// </para>
/// </remarks>
public sealed partial class MaskExpression
{
    /// <summary>Pixels per evaluation block: the program runs block by block so its byte planes stay in L1/L2.</summary>
    public const int BlockSize = 4096;

    private readonly Step[] _steps;
    private readonly ThresholdRange<byte>[] _bytes;
    private readonly ThresholdRange<ushort>[] _ushorts;
    private readonly ThresholdRange<float>[] _floats;
    private readonly string _canonical;

    private enum StepKind : byte
    {
        Compare,
        And,
        Or,
        Xor,
        Not,
    }

    private readonly record struct Step(StepKind Kind, CompareOp Op = default, double Threshold = 0);

    private MaskExpression(Step[] steps, int depth, string canonical)
    {
        _steps = steps;
        StackDepth = depth;
        _canonical = canonical;
        _bytes = Ranges<byte>(steps);
        _ushorts = Ranges<ushort>(steps);
        _floats = Ranges<float>(steps);
    }

    /// <summary>Byte planes of <see cref="BlockSize"/> the program needs at once (the deepest point of its stack).</summary>
    public int StackDepth { get; }

    /// <summary>Comparisons in the expression.</summary>
    public int Comparisons => _steps.Count(s => s.Kind == StepKind.Compare);

    /// <summary>Bytes one <see cref="Mask{T}(ReadOnlyImageSpan{T}, ImageSpan{byte})"/> or <see cref="Keep{T}"/> call rents (for memory plans).</summary>
    public int ScratchBytes => StackDepth * BlockSize;

    /// <summary>Parses and compiles <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid mask expression; the message names the column.</exception>
    public static MaskExpression Parse(string text) =>
        TryParse(text, out MaskExpression? expression, out MaskExpressionError error) ? expression : throw new FormatException(error.ToString());

    /// <summary>Parses and compiles <paramref name="text"/>; on failure <paramref name="error"/> names the column and the problem.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out MaskExpression? expression, out MaskExpressionError error)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var parser = new Parser(text);
            int root = parser.Parse();
            expression = Compile(parser.Nodes, root);
            error = default;
            return true;
        }
        catch (SyntaxError e)
        {
            expression = null;
            error = e.Error;
            return false;
        }
    }

    /// <summary>
    /// The expression in canonical form: <c>x op t</c> comparisons with the number in shortest round-trip form,
    /// single spaces, and parentheses exactly where Python needs them.
    /// </summary>
    public override string ToString() => _canonical;

    /// <summary><c>np.where(cond, 1, 0)</c> as a 0/1 byte mask.</summary>
    /// <remarks>Source and destination may be the same buffer for byte images (each block's mask is complete before it is stored).</remarks>
    public void Mask<T>(ReadOnlyImageSpan<T> source, ImageSpan<byte> destination)
        where T : unmanaged => Run<T, byte, ToBytes>(source, destination);

    /// <summary><c>np.where(cond, 1, 0)</c> as float 1 and 0 (NumPy's int64 result, stored as float32).</summary>
    /// <remarks>Source and destination may be the same buffer for float images.</remarks>
    public void Mask<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination)
        where T : unmanaged => Run<T, float, ToFloats>(source, destination);

    /// <summary><c>np.where(cond, x, 0)</c>: the pixel where the expression holds, else 0, in the source type (bits kept: -0.0, NaN).</summary>
    /// <remarks>Source and destination may be the same buffer.</remarks>
    public void Keep<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination)
        where T : unmanaged => Run<T, T, Select>(source, destination);

    private void Run<T, TOut, TFinish>(in ReadOnlyImageSpan<T> source, in ImageSpan<TOut> destination)
        where T : unmanaged
        where TOut : unmanaged
        where TFinish : struct, IFinish
    {
        ImageRows.EnsureSupported<T>();
        ImageSpanValidation.SameSize(source, destination);
        int spans = ImageRows.Count(source, destination);
        if (spans == 0)
        {
            return;
        }

        byte[] planes = ArrayPool<byte>.Shared.Rent(ScratchBytes);
        try
        {
            ReadOnlySpan<ThresholdRange<T>> ranges = RangesFor<T>();
            for (int r = 0; r < spans; r++)
            {
                ReadOnlySpan<T> src = ImageRows.GetSource(source, destination, r);
                Span<TOut> dst = ImageRows.GetDestination(source, destination, r);
                for (int at = 0; at < src.Length; at += BlockSize)
                {
                    int n = Math.Min(BlockSize, src.Length - at);
                    ReadOnlySpan<T> block = src.Slice(at, n);
                    Span<byte> mask = Evaluate(block, ranges, planes);
                    TFinish.Apply(block, mask, dst.Slice(at, n));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(planes);
        }
    }

    /// <summary>Runs the program on one block; returns the result plane (plane 0).</summary>
    private Span<byte> Evaluate<T>(ReadOnlySpan<T> block, ReadOnlySpan<ThresholdRange<T>> ranges, byte[] planes)
        where T : unmanaged
    {
        int n = block.Length;
        int top = 0; // planes in use
        for (int i = 0; i < _steps.Length; i++)
        {
            switch (_steps[i].Kind)
            {
                case StepKind.Compare:
                {
                    Span<byte> d = planes.AsSpan(top++ * BlockSize, n);
                    ref readonly ThresholdRange<T> range = ref ranges[i];
                    switch (range.Outcome)
                    {
                        case ThresholdOutcome.None:
                            d.Clear();
                            break;
                        case ThresholdOutcome.All:
                            d.Fill(1);
                            break;
                        default:
                            Where.MaskRow(block, d, range);
                            break;
                    }

                    break;
                }

                case StepKind.Not:
                {
                    Span<byte> a = planes.AsSpan((top - 1) * BlockSize, n);
                    MaskLogic.Row<NotOperator>(a, a, a);
                    break;
                }

                default:
                {
                    top--;
                    Span<byte> a = planes.AsSpan((top - 1) * BlockSize, n);
                    Span<byte> b = planes.AsSpan(top * BlockSize, n);
                    switch (_steps[i].Kind)
                    {
                        case StepKind.And:
                            MaskLogic.Row<AndOperator>(a, b, a);
                            break;
                        case StepKind.Or:
                            MaskLogic.Row<OrOperator>(a, b, a);
                            break;
                        default:
                            MaskLogic.Row<XorOperator>(a, b, a);
                            break;
                    }

                    break;
                }
            }
        }

        return planes.AsSpan(0, n);
    }

    private ReadOnlySpan<ThresholdRange<T>> RangesFor<T>()
        where T : unmanaged
    {
        // One of the three precompiled tables, by the JIT-constant type test.
        if (typeof(T) == typeof(byte))
        {
            return Unsafe.As<ThresholdRange<T>[]>(_bytes);
        }

        return typeof(T) == typeof(ushort) ? Unsafe.As<ThresholdRange<T>[]>(_ushorts) : Unsafe.As<ThresholdRange<T>[]>(_floats);
    }

    private static ThresholdRange<T>[] Ranges<T>(Step[] steps)
        where T : unmanaged
    {
        var ranges = new ThresholdRange<T>[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            if (steps[i].Kind == StepKind.Compare)
            {
                ranges[i] = ThresholdRange<T>.Create(steps[i].Op, steps[i].Threshold);
            }
        }

        return ranges;
    }

    private static MaskExpression Compile(IReadOnlyList<Node> nodes, int root)
    {
        var steps = new List<Step>();
        int depth = Emit(nodes, root, steps);
        var text = new StringBuilder();
        Write(nodes, root, text, parent: null);
        return new MaskExpression([.. steps], depth, text.ToString());
    }

    /// <summary>Stack planes a sub-tree needs (Sethi–Ullman number); the tree depth is bounded by the parser's limits.</summary>
    private static int Need(IReadOnlyList<Node> nodes, int i)
    {
        Node n = nodes[i];
        if (n.Kind == Kind.Compare)
        {
            return 1;
        }

        if (n.Kind == Kind.Not)
        {
            return Need(nodes, n.Left);
        }

        int l = Need(nodes, n.Left);
        int r = Need(nodes, n.Right);
        return l == r ? l + 1 : Math.Max(l, r);
    }

    /// <summary>Appends the postfix program of node <paramref name="i"/>; returns its stack depth.</summary>
    private static int Emit(IReadOnlyList<Node> nodes, int i, List<Step> steps)
    {
        Node n = nodes[i];
        switch (n.Kind)
        {
            case Kind.Compare:
                steps.Add(new Step(StepKind.Compare, n.Op, n.Value));
                return 1;
            case Kind.Not:
            {
                int d = Emit(nodes, n.Left, steps);
                steps.Add(new Step(StepKind.Not));
                return d;
            }

            default:
            {
                // & | ^ commute: the operand needing more planes goes first, the other on top of its result.
                (int first, int second) = Need(nodes, n.Right) > Need(nodes, n.Left) ? (n.Right, n.Left) : (n.Left, n.Right);
                int a = Emit(nodes, first, steps);
                int b = Emit(nodes, second, steps) + 1;
                steps.Add(new Step(n.Kind switch { Kind.And => StepKind.And, Kind.Or => StepKind.Or, _ => StepKind.Xor }));
                return Math.Max(a, b);
            }
        }
    }

    private static int Precedence(Kind kind) => kind switch
    {
        Kind.Or => 1,
        Kind.Xor => 2,
        Kind.And => 3,
        Kind.Not => 4,
        _ => 0, // a comparison binds loosest of all
    };

    /// <summary>Canonical text; parentheses where Python's precedence needs them (a comparison inside any bitwise operator).</summary>
    private static void Write(IReadOnlyList<Node> nodes, int i, StringBuilder into, Kind? parent)
    {
        Node n = nodes[i];
        bool wrap = parent is { } p && Precedence(n.Kind) < Precedence(p);
        if (wrap)
        {
            into.Append('(');
        }

        switch (n.Kind)
        {
            case Kind.Compare:
                into.Append("x ").Append(Symbol(n.Op)).Append(' ').Append(n.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case Kind.Not:
                into.Append('~');
                Write(nodes, n.Left, into, Kind.Not);
                break;
            default:
                Write(nodes, n.Left, into, n.Kind);
                into.Append(n.Kind switch { Kind.And => " & ", Kind.Or => " | ", _ => " ^ " });
                // A right operand of the same operator loses its parentheses: & | ^ are associative, so the mask is the same.
                Write(nodes, n.Right, into, n.Kind);
                break;
        }

        if (wrap)
        {
            into.Append(')');
        }
    }

    private static string Symbol(CompareOp op) => op switch
    {
        CompareOp.Greater => ">",
        CompareOp.GreaterOrEqual => ">=",
        CompareOp.Less => "<",
        CompareOp.LessOrEqual => "<=",
        CompareOp.Equal => "==",
        _ => "!=",
    };

    /// <summary>The last step of a block: what the 0/1 mask turns into.</summary>
    private interface IFinish
    {
        static abstract void Apply<T, TOut>(ReadOnlySpan<T> source, ReadOnlySpan<byte> mask, Span<TOut> destination)
            where T : unmanaged
            where TOut : unmanaged;
    }

    private readonly struct ToBytes : IFinish
    {
        public static void Apply<T, TOut>(ReadOnlySpan<T> source, ReadOnlySpan<byte> mask, Span<TOut> destination)
            where T : unmanaged
            where TOut : unmanaged =>
            mask.CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<TOut, byte>(destination));
    }

    private readonly struct ToFloats : IFinish
    {
        public static void Apply<T, TOut>(ReadOnlySpan<T> source, ReadOnlySpan<byte> mask, Span<TOut> destination)
            where T : unmanaged
            where TOut : unmanaged =>
            System.Numerics.Tensors.TensorPrimitives.ConvertChecked<byte, float>(mask, System.Runtime.InteropServices.MemoryMarshal.Cast<TOut, float>(destination));
    }

    private readonly struct Select : IFinish
    {
        public static void Apply<T, TOut>(ReadOnlySpan<T> source, ReadOnlySpan<byte> mask, Span<TOut> destination)
            where T : unmanaged
            where TOut : unmanaged =>
            MaskSelect.Row(source, mask, System.Runtime.InteropServices.MemoryMarshal.Cast<TOut, T>(destination));
    }
}

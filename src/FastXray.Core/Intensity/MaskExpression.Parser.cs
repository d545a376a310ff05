using System.Globalization;
using System.Text;

namespace FastXray.Intensity;

/// <summary>Where and why a mask expression does not parse; <see cref="Column"/> counts characters from 1.</summary>
/// <param name="Column">1-based column of the offending character in the expression text.</param>
/// <param name="Message">What is wrong and, where one exists, the parenthesised form to write instead.</param>
public readonly record struct MaskExpressionError(int Column, string Message)
{
    /// <summary><c>at column N: message</c>.</summary>
    public override string ToString() => $"at column {Column}: {Message}";
}

public sealed partial class MaskExpression
{
    /// <summary>Deepest nesting of parentheses and unary operators the parser accepts (it recurses once per level).</summary>
    public const int MaxNesting = 32;

    /// <summary>Most comparisons one expression may hold (bounds the program and the tree walks).</summary>
    public const int MaxComparisons = 64;

    private enum Tok : byte
    {
        End,
        Number,
        Name,
        Compare,
        And,
        Or,
        Xor,
        Not,
        Minus,
        Plus,
        Open,
        Close,
    }

    private enum Kind : byte
    {
        Number,
        Image,
        Compare,
        And,
        Or,
        Xor,
        Not,
    }

    private readonly record struct Token(Tok Type, int Start, int End, double Value = 0, CompareOp Op = default);

    /// <summary>A parsed sub-expression; First/Last are token indexes (for suggestions quoting the source).</summary>
    private readonly record struct Node(Kind Kind, int First, int Last, int Left = -1, int Right = -1, double Value = 0, CompareOp Op = default)
    {
        public bool IsMask => Kind >= Kind.Compare;
    }

    /// <summary>The exception <see cref="Parse"/> throws: parsing failed at a column.</summary>
    private sealed class SyntaxError(MaskExpressionError error) : Exception(error.ToString())
    {
        public MaskExpressionError Error { get; } = error;
    }

    /// <summary>
    /// Recursive descent over Python's grammar for the subset we accept (comparison → | → ^ → &amp; → unary → atom),
    /// typing every node as number, image or mask so that NumPy's own failures (bitwise operators on floats,
    /// chained comparisons on arrays) are caught with a column instead of silently meaning something else.
    /// </summary>
    private sealed class Parser
    {
        private readonly string _text;
        private readonly List<Token> _tokens;
        private readonly List<Node> _nodes = [];
        private int _at;
        private int _depth;
        private int _comparisons;

        public Parser(string text)
        {
            _text = text;
            _tokens = Tokenize(text);
        }

        public IReadOnlyList<Node> Nodes => _nodes;

        public int Parse()
        {
            if (_tokens[0].Type == Tok.End)
            {
                throw Fail(0, "empty expression; write a comparison such as x > 5");
            }

            int root = Comparison();
            Token next = _tokens[_at];
            if (next.Type == Tok.Close)
            {
                throw Fail(next.Start, "unbalanced ')'");
            }

            if (next.Type != Tok.End)
            {
                throw Fail(next.Start, $"unexpected '{Source(next)}' after the expression");
            }

            if (!_nodes[root].IsMask)
            {
                throw Fail(_tokens[_nodes[root].First].Start, $"'{_text.Trim()}' is {Describe(_nodes[root])}, not a comparison; write e.g. x > 5");
            }

            return root;
        }

        // comparison: bitor (cmp bitor)? — a second comparison would be Python's chain a < x < b.
        private int Comparison()
        {
            int left = BitOr();
            if (_tokens[_at].Type != Tok.Compare)
            {
                return left;
            }

            Token op = _tokens[_at++];
            int right = BitOr();
            if (_tokens[_at].Type == Tok.Compare)
            {
                Token second = _tokens[_at];
                _at++;
                int third = BitOr();
                throw Fail(second.Start,
                    $"chained comparison: NumPy cannot chain comparisons on an image; write ({Quote(left)} {Source(op)} {Quote(right)}) & ({Quote(right)} {Source(second)} {Quote(third)})");
            }

            if (++_comparisons > MaxComparisons)
            {
                throw Fail(op.Start, $"more than {MaxComparisons} comparisons");
            }

            Node l = _nodes[left];
            Node r = _nodes[right];
            if (l.Kind == Kind.Image && r.Kind == Kind.Number)
            {
                return Add(new Node(Kind.Compare, l.First, r.Last, Value: r.Value, Op: op.Op));
            }

            if (l.Kind == Kind.Number && r.Kind == Kind.Image)
            {
                // t < x is x > t: mirror the operator, keep the threshold (NaN-safe: both sides false for NaN).
                return Add(new Node(Kind.Compare, l.First, r.Last, Value: l.Value, Op: Mirror(op.Op)));
            }

            throw Fail(op.Start, $"'{Source(op)}' compares x with a number, got {Describe(l)} and {Describe(r)}");
        }

        private int BitOr() => Binary(Tok.Or, Kind.Or, BitXor);

        private int BitXor() => Binary(Tok.Xor, Kind.Xor, BitAnd);

        private int BitAnd() => Binary(Tok.And, Kind.And, Unary);

        private int Binary(Tok type, Kind kind, Func<int> operand)
        {
            int left = operand();
            while (_tokens[_at].Type == type)
            {
                int index = _at;
                Token op = _tokens[_at++];
                int right = operand();
                if (!_nodes[left].IsMask || !_nodes[right].IsMask)
                {
                    throw Fail(op.Start, $"'{Source(op)}' needs comparisons on both sides; {Suggestion(index)}");
                }

                left = Add(new Node(kind, _nodes[left].First, _nodes[right].Last, left, right));
            }

            return left;
        }

        // unary: ('~' | '-' | '+') unary | atom
        private int Unary()
        {
            int index = _at;
            Token t = _tokens[_at];
            if (t.Type is not (Tok.Not or Tok.Minus or Tok.Plus))
            {
                return Atom();
            }

            _at++;
            Enter(t);
            int operand = Unary();
            _depth--;
            Node o = _nodes[operand];
            if (t.Type == Tok.Not)
            {
                return o.IsMask
                    ? Add(new Node(Kind.Not, index, o.Last, operand))
                    : throw Fail(t.Start, $"'~' needs a comparison after it, got {Describe(o)}; {Suggestion(index)}");
            }

            return o.Kind == Kind.Number
                ? Add(new Node(Kind.Number, index, o.Last, Value: t.Type == Tok.Minus ? -o.Value : o.Value))
                : throw Fail(t.Start, $"'{Source(t)}' applies to numbers only, got {Describe(o)}");
        }

        private int Atom()
        {
            int index = _at;
            Token t = _tokens[_at];
            switch (t.Type)
            {
                case Tok.Number:
                    _at++;
                    return Add(new Node(Kind.Number, index, index, Value: t.Value));
                case Tok.Name:
                    _at++;
                    return Add(new Node(Kind.Image, index, index));
                case Tok.Open:
                {
                    _at++;
                    Enter(t);
                    int inner = Comparison();
                    _depth--;
                    if (_tokens[_at].Type != Tok.Close)
                    {
                        throw _tokens[_at].Type == Tok.End
                            ? Fail(t.Start, "unbalanced '(': no matching ')'")
                            : Fail(_tokens[_at].Start, $"expected ')' (for the '(' at column {t.Start + 1}), got '{Source(_tokens[_at])}'");
                    }

                    _at++;
                    Node n = _nodes[inner];
                    return Add(n with { First = index, Last = _at - 1 });
                }

                case Tok.End:
                    throw Fail(_text.Length, "the expression ends where a number, x or '(' was expected");
                case Tok.Close:
                    throw Fail(t.Start, "')' where a number, x or '(' was expected");
                default:
                    throw Fail(t.Start, $"'{Source(t)}' where a number, x or '(' was expected");
            }
        }

        private void Enter(Token t)
        {
            if (++_depth > MaxNesting)
            {
                throw Fail(t.Start, $"nested deeper than {MaxNesting} levels");
            }
        }

        private int Add(Node node)
        {
            _nodes.Add(node);
            return _nodes.Count - 1;
        }

        private static CompareOp Mirror(CompareOp op) => op switch
        {
            CompareOp.Greater => CompareOp.Less,
            CompareOp.GreaterOrEqual => CompareOp.LessOrEqual,
            CompareOp.Less => CompareOp.Greater,
            CompareOp.LessOrEqual => CompareOp.GreaterOrEqual,
            _ => op,
        };

        private static string Describe(Node n) => n.Kind switch
        {
            Kind.Number => "a number",
            Kind.Image => "the image x",
            _ => "a mask",
        };

        private string Source(Token t) => _text[t.Start..t.End];

        private string Quote(int node) => _text[_tokens[_nodes[node].First].Start.._tokens[_nodes[node].Last].End].Trim();

        /// <summary>
        /// The group around token <paramref name="i"/> (inside its parentheses) rewritten the way NumPy needs it: each
        /// operand of <c>&amp; | ^</c> that holds a bare comparison gets parentheses, a leading <c>~</c> moves outside them.
        /// </summary>
        private string Suggestion(int i)
        {
            int first = i;
            for (int depth = 0; first > 0; first--)
            {
                Tok type = _tokens[first - 1].Type;
                depth += type == Tok.Close ? 1 : type == Tok.Open ? -1 : 0;
                if (depth < 0)
                {
                    break;
                }
            }

            int last = i;
            for (int depth = 0; _tokens[last].Type != Tok.End; last++)
            {
                Tok type = _tokens[last].Type;
                depth += type == Tok.Open ? 1 : type == Tok.Close ? -1 : 0;
                if (depth < 0)
                {
                    break;
                }
            }

            // Tokens first..last-1 form the group; split it at its own & | ^.
            var rewritten = new StringBuilder();
            int start = first;
            for (int k = first, depth = 0; k <= last; k++)
            {
                Tok type = k < last ? _tokens[k].Type : Tok.End;
                depth += type == Tok.Open ? 1 : type == Tok.Close ? -1 : 0;
                if (k < last && (depth != 0 || type is not (Tok.And or Tok.Or or Tok.Xor)))
                {
                    continue;
                }

                if (!Segment(start, k, rewritten))
                {
                    return "write each side as a comparison in parentheses, e.g. (x > 10) | (x < 5)";
                }

                if (k < last)
                {
                    rewritten.Append(' ').Append(Source(_tokens[k])).Append(' ');
                }

                start = k + 1;
            }

            return "write " + rewritten;
        }

        /// <summary>Appends tokens [from, to) as one operand of a bitwise operator; false if it holds no comparison.</summary>
        private bool Segment(int from, int to, StringBuilder into)
        {
            int nots = from;
            while (nots < to && _tokens[nots].Type == Tok.Not)
            {
                nots++;
            }

            if (nots >= to)
            {
                return false;
            }

            bool compares = false;
            for (int k = nots, depth = 0; k < to; k++)
            {
                depth += _tokens[k].Type == Tok.Open ? 1 : _tokens[k].Type == Tok.Close ? -1 : 0;
                compares |= depth == 0 && _tokens[k].Type == Tok.Compare;
            }

            string body = _text[_tokens[nots].Start.._tokens[to - 1].End].Trim();
            bool wrapped = _tokens[nots].Type == Tok.Open && !compares;
            if (!compares && !wrapped)
            {
                return false;
            }

            into.Append('~', nots - from).Append(compares ? $"({body})" : body);
            return true;
        }

        private SyntaxError Fail(int position, string message) => new(new MaskExpressionError(position + 1, message));

        private static List<Token> Tokenize(string text)
        {
            var tokens = new List<Token>();
            int i = 0;
            while (true)
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i >= text.Length)
                {
                    tokens.Add(new Token(Tok.End, text.Length, text.Length));
                    return tokens;
                }

                char c = text[i];
                char n = i + 1 < text.Length ? text[i + 1] : '\0';
                if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(n)))
                {
                    tokens.Add(NumberAt(text, ref i));
                    continue;
                }

                if (char.IsAsciiLetter(c) || c == '_')
                {
                    int start = i;
                    while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    {
                        i++;
                    }

                    string name = text[start..i];
                    if (name != "x")
                    {
                        string why = name is "and" or "or" or "not"
                            ? $"'{name}' needs a single truth value (NumPy: ambiguous for an image); write &, | or ~ with parentheses around comparisons"
                            : $"unknown name '{name}'; the image is x";
                        throw new SyntaxError(new MaskExpressionError(start + 1, why));
                    }

                    tokens.Add(new Token(Tok.Name, start, i));
                    continue;
                }

                (Tok type, int length, CompareOp op) = (c, n) switch
                {
                    ('>', '=') => (Tok.Compare, 2, CompareOp.GreaterOrEqual),
                    ('<', '=') => (Tok.Compare, 2, CompareOp.LessOrEqual),
                    ('=', '=') => (Tok.Compare, 2, CompareOp.Equal),
                    ('!', '=') => (Tok.Compare, 2, CompareOp.NotEqual),
                    ('>', _) => (Tok.Compare, 1, CompareOp.Greater),
                    ('<', _) => (Tok.Compare, 1, CompareOp.Less),
                    ('&', _) => (Tok.And, 1, default),
                    ('|', _) => (Tok.Or, 1, default),
                    ('^', _) => (Tok.Xor, 1, default),
                    ('~', _) => (Tok.Not, 1, default),
                    ('-', _) => (Tok.Minus, 1, default),
                    ('+', _) => (Tok.Plus, 1, default),
                    ('(', _) => (Tok.Open, 1, default),
                    (')', _) => (Tok.Close, 1, default),
                    _ => (Tok.End, 0, default(CompareOp)),
                };
                if (length == 0)
                {
                    string why = c switch
                    {
                        '=' => "'=' alone is assignment; write == to compare",
                        '!' => "'!' alone is not an operator; write != or ~",
                        _ => $"unexpected character '{c}'",
                    };
                    throw new SyntaxError(new MaskExpressionError(i + 1, why));
                }

                tokens.Add(new Token(type, i, i + length, Op: op));
                i += length;
            }
        }

        /// <summary>A Python number literal: digits, an optional fraction, an optional exponent (1, 2.5, .5, 5., 1e-3).</summary>
        private static Token NumberAt(string text, ref int i)
        {
            int start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i < text.Length && text[i] == '.')
            {
                i++;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }

            if (i < text.Length && text[i] is 'e' or 'E')
            {
                int e = i++;
                if (i < text.Length && text[i] is '+' or '-')
                {
                    i++;
                }

                if (i >= text.Length || !char.IsAsciiDigit(text[i]))
                {
                    throw new SyntaxError(new MaskExpressionError(e + 1, $"exponent without digits in '{text[start..i]}'"));
                }

                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }

            if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_' || text[i] == '.'))
            {
                throw new SyntaxError(new MaskExpressionError(i + 1, $"'{text[i]}' inside the number '{text[start..i]}'"));
            }

            // Python parses the literal exactly and rounds once to float64, as double.Parse does.
            double value = double.Parse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
            return new Token(Tok.Number, start, i, value);
        }
    }
}

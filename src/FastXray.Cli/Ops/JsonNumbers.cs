using System.Globalization;

namespace FastXray.Cli.Ops;

/// <summary>
/// A number, a 1-D array or a rectangular 2-D array parsed from JSON text (<c>2</c>, <c>[2,1]</c>,
/// <c>[[1,1,1],[0,0,0],[-1,-1,-1]]</c>). Values are row-major; a scalar has <see cref="Rank"/> 0.
/// </summary>
internal sealed class JsonNumbers
{
    private JsonNumbers(int rank, int rows, int columns, double[] values)
    {
        Rank = rank;
        Rows = rows;
        Columns = columns;
        Values = values;
    }

    /// <summary>0 for a number, 1 for a flat array, 2 for an array of arrays.</summary>
    public int Rank { get; }

    /// <summary>Rows of a 2-D array; 1 otherwise.</summary>
    public int Rows { get; }

    /// <summary>Columns of a 2-D array, length of a 1-D array, 1 for a number.</summary>
    public int Columns { get; }

    /// <summary>All values, row-major.</summary>
    public double[] Values { get; }

    /// <summary>
    /// Parses numbers and arrays of them, nested at most twice. Numbers as JSON or Python write them
    /// (<c>-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?</c>: <c>0.11</c>, <c>.11</c>, <c>1.</c>), whitespace allowed between tokens; a
    /// nested array must be rectangular and non-empty.
    /// </summary>
    public static bool TryParse(string text, out JsonNumbers? result, out string error)
    {
        result = null;
        int pos = 0;
        SkipSpace(text, ref pos);
        if (pos >= text.Length)
        {
            error = "is empty";
            return false;
        }

        if (text[pos] != '[')
        {
            if (!TryNumber(text, ref pos, out double v, out error))
            {
                return false;
            }

            SkipSpace(text, ref pos);
            if (pos != text.Length)
            {
                error = $"has unexpected text '{text[pos..]}' after the number";
                return false;
            }

            result = new JsonNumbers(0, 1, 1, [v]);
            return true;
        }

        var values = new List<double>();
        int rows = 0;
        int columns = -1;
        int rank = 0;
        pos++;
        SkipSpace(text, ref pos);
        if (pos < text.Length && text[pos] == ']')
        {
            error = "is an empty array";
            return false;
        }

        while (true)
        {
            SkipSpace(text, ref pos);
            if (pos < text.Length && text[pos] == '[')
            {
                if (rank == 1)
                {
                    error = "mixes numbers and arrays";
                    return false;
                }

                rank = 2;
                pos++;
                int count = 0;
                while (true)
                {
                    SkipSpace(text, ref pos);
                    if (pos < text.Length && text[pos] == '[')
                    {
                        error = "is nested deeper than two levels (only 2-D arrays are accepted)";
                        return false;
                    }

                    if (!TryNumber(text, ref pos, out double v, out error))
                    {
                        return false;
                    }

                    values.Add(v);
                    count++;
                    if (!TrySeparator(text, ref pos, out bool closed, out error))
                    {
                        return false;
                    }

                    if (closed)
                    {
                        break;
                    }
                }

                if (columns >= 0 && count != columns)
                {
                    error = $"is not rectangular (row {rows + 1} has {count} values, row 1 has {columns})";
                    return false;
                }

                columns = count;
                rows++;
            }
            else
            {
                if (rank == 2)
                {
                    error = "mixes numbers and arrays";
                    return false;
                }

                rank = 1;
                if (!TryNumber(text, ref pos, out double v, out error))
                {
                    return false;
                }

                values.Add(v);
            }

            if (!TrySeparator(text, ref pos, out bool done, out error))
            {
                return false;
            }

            if (done)
            {
                break;
            }
        }

        SkipSpace(text, ref pos);
        if (pos != text.Length)
        {
            error = $"has unexpected text '{text[pos..]}' after the array";
            return false;
        }

        result = rank == 1
            ? new JsonNumbers(1, 1, values.Count, [.. values])
            : new JsonNumbers(2, rows, columns, [.. values]);
        error = "";
        return true;
    }

    /// <summary>The canonical JSON text: shortest round-trip numbers, no spaces.</summary>
    public override string ToString()
    {
        if (Rank == 0)
        {
            return Format(Values[0]);
        }

        if (Rank == 1)
        {
            return "[" + string.Join(",", Values.Select(Format)) + "]";
        }

        var rows = new string[Rows];
        for (int r = 0; r < Rows; r++)
        {
            rows[r] = "[" + string.Join(",", Values.Skip(r * Columns).Take(Columns).Select(Format)) + "]";
        }

        return "[" + string.Join(",", rows) + "]";
    }

    /// <summary>Shortest text that parses back to the same double.</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static void SkipSpace(string s, ref int pos)
    {
        while (pos < s.Length && s[pos] is ' ' or '\t' or '\n' or '\r')
        {
            pos++;
        }
    }

    // After a value: ',' (more follow) or ']' (array closed).
    private static bool TrySeparator(string s, ref int pos, out bool closed, out string error)
    {
        SkipSpace(s, ref pos);
        closed = false;
        error = "";
        if (pos < s.Length && s[pos] == ',')
        {
            pos++;
            return true;
        }

        if (pos < s.Length && s[pos] == ']')
        {
            pos++;
            closed = true;
            return true;
        }

        error = pos < s.Length ? $"has unexpected '{s[pos]}' where ',' or ']' was expected" : "has an unclosed '['";
        return false;
    }

    private static bool TryNumber(string s, ref int pos, out double value, out string error)
    {
        value = 0;
        error = "";
        SkipSpace(s, ref pos);
        int start = pos;
        if (pos < s.Length && s[pos] == '-')
        {
            pos++;
        }

        int intStart = pos;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            pos++;
        }

        // Python's float literals as well as JSON's: the lesson writes weights as .11 and 1. is as common.
        bool intDigits = pos > intStart;
        bool ok = intDigits && !(s[intStart] == '0' && pos - intStart > 1);
        if (pos < s.Length && s[pos] == '.')
        {
            pos++;
            int fracStart = pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            {
                pos++;
            }

            ok = (ok || !intDigits) && (intDigits || pos > fracStart);
        }

        if (ok && pos < s.Length && s[pos] is 'e' or 'E')
        {
            pos++;
            if (pos < s.Length && s[pos] is '+' or '-')
            {
                pos++;
            }

            int expStart = pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            {
                pos++;
            }

            ok = pos > expStart;
        }

        if (!ok)
        {
            int end = start;
            while (end < s.Length && s[end] is not (',' or ']' or '[' or ' '))
            {
                end++;
            }

            string bad = end > start ? s[start..end] : pos < s.Length ? s[pos].ToString() : "end of text";
            error = $"has '{bad}' where a number was expected";
            return false;
        }

        value = double.Parse(s.AsSpan(start, pos - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            error = $"has '{s[start..pos]}', which is out of range";
            return false;
        }

        return true;
    }
}

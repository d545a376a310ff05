namespace FastXray.Cli.Batch;

/// <summary>
/// Glob patterns expanded by FastXray itself, identically on every OS: <c>*</c> (any run of characters within
/// one path segment), <c>?</c> (one character), <c>[abc]</c>, <c>[a-z]</c>, <c>[!a-z]</c> or <c>[^a-z]</c>, and
/// <c>**</c> as a whole segment (zero or more folders). Matching is ordinal and case-sensitive everywhere.
/// <c>/</c> separates segments (and <c>\</c> too on Windows). Names starting with '.' match only a pattern
/// segment that starts with '.', and <c>**</c> does not enter hidden or symbolically linked folders.
/// </summary>
internal static class Glob
{
    /// <summary>True when <paramref name="s"/> contains a wildcard character.</summary>
    public static bool HasWildcards(ReadOnlySpan<char> s) => s.IndexOfAny('*', '?', '[') >= 0;

    /// <summary>Splits a pattern into its literal root folder and the remaining segments.</summary>
    /// <returns>The root as written (empty for the working directory) and the segments from the first wildcard on.</returns>
    public static (string Root, string[] Segments) Split(string pattern)
    {
        char[] separators = OperatingSystem.IsWindows() ? ['/', '\\'] : ['/'];
        string[] parts = pattern.Split(separators);
        int first = 0;
        while (first < parts.Length && !HasWildcards(parts[first]))
        {
            first++;
        }

        // Keep the literal prefix exactly as written (including a leading '/' or drive) so messages match the user's text.
        int rootLength = 0;
        for (int i = 0; i < first; i++)
        {
            rootLength += parts[i].Length + 1;
        }

        string root = rootLength == 0 ? "" : pattern[..(rootLength - 1)];
        if (root.Length == 0 && first > 0)
        {
            root = pattern[..1]; // the pattern started with '/'
        }

        string[] segments = [.. parts[first..].Where(p => p.Length > 0)];
        return (root, segments);
    }

    /// <summary>Matches one path segment (a file or folder name) against one pattern segment.</summary>
    public static bool MatchSegment(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        if (name.Length > 0 && name[0] == '.' && (pattern.Length == 0 || pattern[0] != '.'))
        {
            return false;
        }

        // Iterative wildcard matching with one backtrack point for the last '*'.
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = ++p;
                starN = n;
                continue;
            }

            if (p < pattern.Length && MatchOne(pattern, ref p, name[n]))
            {
                n++;
                continue;
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP;
            n = ++starN;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    // Matches one character at pattern[p] ('?', a class or a literal) and advances p past it on success.
    private static bool MatchOne(ReadOnlySpan<char> pattern, ref int p, char c)
    {
        char head = pattern[p];
        if (head == '?')
        {
            p++;
            return true;
        }

        if (head == '[' && TryClass(pattern, p, c, out int end, out bool matched))
        {
            if (matched)
            {
                p = end;
            }

            return matched;
        }

        if (head == c)
        {
            p++;
            return true;
        }

        return false;
    }

    // A character class starting at pattern[start] == '['. A ']' right after '[' (or '[!') is literal.
    // An unclosed '[' is not a class (the caller then treats it as a literal character).
    private static bool TryClass(ReadOnlySpan<char> pattern, int start, char c, out int end, out bool matched)
    {
        int i = start + 1;
        bool negate = i < pattern.Length && pattern[i] is '!' or '^';
        if (negate)
        {
            i++;
        }

        bool any = false;
        bool firstItem = true;
        while (i < pattern.Length && (pattern[i] != ']' || firstItem))
        {
            char lo = pattern[i];
            char hi = lo;
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                hi = pattern[i + 2];
                i += 2;
            }

            any |= c >= lo && c <= hi;
            firstItem = false;
            i++;
        }

        if (i >= pattern.Length)
        {
            end = start;
            matched = false;
            return false;
        }

        end = i + 1;
        matched = any != negate;
        return true;
    }
}

using System.Globalization;

namespace FastXray.Cli.Memory;

/// <summary>
/// Memory sizes as people type them: <c>512M</c>, <c>1.5G</c>, <c>2GiB</c>, <c>1073741824</c>. K, M, G and T are
/// binary (1024-based, as Docker's <c>--memory</c>, <c>ulimit</c> and cgroup files count), with or without <c>B</c>
/// or <c>iB</c>: <c>1G</c> = <c>1GB</c> = <c>1GiB</c> = 2^30 bytes. A bare number is bytes.
/// </summary>
internal static class ByteSize
{
    /// <summary>Parses a size; null when the text is not one (or is zero, negative or beyond 2^62).</summary>
    public static long? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string s = text.Trim();
        int end = 0;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] == '.'))
        {
            end++;
        }

        if (end == 0 || !double.TryParse(s.AsSpan(0, end), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
        {
            return null;
        }

        string unit = s[end..].Trim().ToUpperInvariant();
        int shift = unit switch
        {
            "" or "B" => 0,
            "K" or "KB" or "KIB" => 10,
            "M" or "MB" or "MIB" => 20,
            "G" or "GB" or "GIB" => 30,
            "T" or "TB" or "TIB" => 40,
            _ => -1,
        };
        if (shift < 0)
        {
            return null;
        }

        double bytes = Math.Floor(number * Math.Pow(2, shift));
        return bytes is >= 1 and <= (double)(1L << 62) ? (long)bytes : null;
    }

    /// <summary>A size for messages: <c>3.2 GiB</c>, <c>512.0 MiB</c>, <c>900 B</c>.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}

using System.Globalization;

namespace FastXray.Cli.Memory;

/// <summary>
/// Hidden diagnostic for the memory tests and the README's table: with <c>FASTXRAY_REPORT_PEAK=1</c> the process
/// prints its kernel-measured peak resident set (VmHWM from /proc/self/status) on stderr as it exits:
/// <c>fastxray: peak-rss BYTES</c>. The kernel's figure does not depend on timing or machine load.
/// </summary>
internal static class PeakReport
{
    public const string Variable = "FASTXRAY_REPORT_PEAK";

    public static void WriteIfAsked(TextWriter error)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1" || PeakBytes(SafeRead("/proc/self/status")) is not { } peak)
        {
            return;
        }

        error.WriteLine("fastxray: peak-rss " + peak.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>VmHWM in bytes from the text of /proc/PID/status.</summary>
    internal static long? PeakBytes(string? status)
    {
        foreach (string line in (status ?? "").Split('\n'))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                string[] parts = line[6..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kb))
                {
                    return kb * 1024;
                }
            }
        }

        return null;
    }

    private static string? SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

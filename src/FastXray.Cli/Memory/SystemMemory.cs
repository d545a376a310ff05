using System.Globalization;

namespace FastXray.Cli.Memory;

/// <summary>
/// The memory this process may use, for the default budget: the smaller of the cgroup limit (v2
/// <c>memory.max</c> of the process's cgroup and its ancestors, or v1 <c>memory.limit_in_bytes</c>) and
/// <c>MemAvailable</c> from <c>/proc/meminfo</c>; elsewhere the runtime's view
/// (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>).
/// </summary>
/// <remarks>
/// Files are read through a delegate so tests can hand in a fake /proc and /sys (a Raspberry Pi's meminfo, a
/// container's cgroup) without touching the machine's.
/// </remarks>
internal static class SystemMemory
{
    /// <summary>Where the numbers came from, for messages and tests.</summary>
    internal readonly record struct Available(long Bytes, string Source);

    private static readonly Lazy<Available> s_current = new(() => Read(ReadFileOrNull, () => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));

    /// <summary>This machine, read once per process.</summary>
    public static Available Current => s_current.Value;

    /// <summary>Reads the available memory through <paramref name="readFile"/> (null for a missing file).</summary>
    /// <param name="readFile">Returns a file's text or null.</param>
    /// <param name="fallback">Used when neither /proc/meminfo nor a cgroup limit can be read.</param>
    public static Available Read(Func<string, string?> readFile, Func<long> fallback)
    {
        long? meminfo = MemAvailable(readFile("/proc/meminfo"));
        long? cgroup = CgroupLimit(readFile);
        if (cgroup is { } limit && (meminfo is null || limit < meminfo))
        {
            return new Available(limit, "cgroup memory limit");
        }

        if (meminfo is { } available)
        {
            return new Available(available, "MemAvailable");
        }

        return new Available(Math.Max(fallback(), 0), "runtime's available memory");
    }

    /// <summary><c>MemAvailable:   123456 kB</c> in bytes.</summary>
    internal static long? MemAvailable(string? meminfo)
    {
        if (meminfo is null)
        {
            return null;
        }

        foreach (string line in meminfo.Split('\n'))
        {
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                string[] parts = line["MemAvailable:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kb))
                {
                    return parts.Length >= 2 && parts[1] == "kB" ? kb * 1024 : kb;
                }
            }
        }

        return null;
    }

    /// <summary>The tightest memory limit on this process's cgroup (v2 or v1), or null when unlimited or unknown.</summary>
    internal static long? CgroupLimit(Func<string, string?> readFile)
    {
        string? cgroups = readFile("/proc/self/cgroup");
        if (cgroups is null)
        {
            return null;
        }

        long? best = null;
        foreach (string raw in cgroups.Split('\n'))
        {
            // hierarchy-ID:controller-list:path; v2 is "0::/path", v1 memory is "N:memory:/path" (or "memory,x").
            string[] f = raw.Trim().Split(':', 3);
            if (f.Length != 3)
            {
                continue;
            }

            if (f[0] == "0" && f[1].Length == 0)
            {
                best = Min(best, Walk(readFile, "/sys/fs/cgroup", f[2], "memory.max"));
            }
            else if (f[1].Split(',').Contains("memory"))
            {
                best = Min(best, Walk(readFile, "/sys/fs/cgroup/memory", f[2], "memory.limit_in_bytes"));
            }
        }

        return best;
    }

    // A limit on any ancestor applies too; inside a container the path may be "/" with the limit at the mount root.
    private static long? Walk(Func<string, string?> readFile, string mount, string path, string file)
    {
        long? best = null;
        string p = path.TrimEnd('/');
        while (true)
        {
            best = Min(best, ParseLimit(readFile(mount + p + "/" + file)));
            if (p.Length == 0)
            {
                return best;
            }

            int slash = p.LastIndexOf('/');
            p = slash <= 0 ? "" : p[..slash];
        }
    }

    // "max" (v2) or a huge page-rounded number (v1's "unlimited", 2^63 rounded down to a page) mean no limit.
    private static long? ParseLimit(string? text)
    {
        string? t = text?.Trim();
        if (t is null || t == "max" || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long v) || v <= 0 || v >= 1L << 60)
        {
            return null;
        }

        return v;
    }

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static string? ReadFileOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

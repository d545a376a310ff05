using System.Text.RegularExpressions;

namespace FastXray.Cli.Tests.Support;

/// <summary>
/// The shared libraries one program asked the glibc loader for, read from its <c>LD_DEBUG=libs</c> log on
/// stderr: every <c>find library=NAME</c> (a NEEDED entry or a dlopen by name, found or not), every
/// <c>file=PATH [n]; dynamically loaded</c> (a dlopen by path) and every <c>calling init: PATH</c>.
/// </summary>
/// <remarks>
/// Only the last program of the log counts: a wrapper script (the arm64 binary runs through
/// <c>exec qemu-aarch64-static ...</c>) is a program of its own whose loader log ends at its
/// <c>transferring control:</c> line, and the static qemu logs nothing, so what follows the last
/// <c>transferring control</c> but one is the fastxray process's start-up plus whatever it loads later.
/// </remarks>
public static partial class LoaderLog
{
    /// <summary>File names (no folders) of the libraries the last program of <paramref name="stderr"/> asked for.</summary>
    public static SortedSet<string> Libraries(string stderr)
    {
        string[] lines = stderr.Split('\n');
        int start = 0;
        int transfers = 0;
        for (int i = lines.Length - 1; i >= 0; i--)
        {
            // The second transfer from the end closes the previous program's log (or there is none).
            if (lines[i].Contains("transferring control:", StringComparison.Ordinal) && ++transfers == 2)
            {
                start = i + 1;
                break;
            }
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(start))
        {
            Match m = Request().Match(line);
            if (m.Success)
            {
                names.Add(Path.GetFileName(m.Groups["path"].Value));
            }
        }

        return names;
    }

    /// <summary>True when the log shows the loader wrote anything at all (LD_DEBUG took effect).</summary>
    public static bool Present(string stderr) => stderr.Contains("calling init:", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*\d+:\s+(find library=(?<path>\S+) \[|file=(?<path>\S+) \[\d+\];\s+dynamically loaded|calling init: (?<path>\S+))")]
    private static partial Regex Request();
}

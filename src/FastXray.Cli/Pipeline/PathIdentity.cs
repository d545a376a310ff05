namespace FastXray.Cli.Pipeline;

/// <summary>
/// Decides whether two paths name the same file, so an output can never replace an input: full paths with
/// every symbolic link resolved (each folder on the way and the file itself), compared case-insensitively on
/// Windows and macOS. Hard links are not detected (.NET exposes no inode numbers portably).
/// Folder results are cached, so checking thousands of files in a few folders stays cheap.
/// </summary>
internal sealed class PathIdentity
{
    private const int MaxLinkDepth = 40;
    private readonly Dictionary<string, string> _folders = new(Comparer);

    /// <summary>Ordinal on case-sensitive systems, ordinal-ignore-case on Windows and macOS.</summary>
    public static StringComparer Comparer { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>The canonical form of an absolute path (which need not exist).</summary>
    public string Canonical(string fullPath) => Canonical(fullPath, 0);

    private string Canonical(string fullPath, int depth)
    {
        string trimmed = Path.TrimEndingDirectorySeparator(fullPath);
        string? parent = Path.GetDirectoryName(trimmed);
        if (parent is null)
        {
            return trimmed;
        }

        if (!_folders.TryGetValue(parent, out string? canonicalParent))
        {
            canonicalParent = Canonical(parent, depth);
            _folders[parent] = canonicalParent;
        }

        string path = Path.Join(canonicalParent, Path.GetFileName(trimmed));
        return ResolveLink(path, depth) is { } target ? Canonical(target, depth + 1) : path;
    }

    private static string? ResolveLink(string path, int depth)
    {
        if (depth >= MaxLinkDepth)
        {
            return null;
        }

        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is null)
            {
                return null;
            }

            // One step at a time: the target may itself sit under linked folders.
            return info.ResolveLinkTarget(returnFinalTarget: false)?.FullName;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

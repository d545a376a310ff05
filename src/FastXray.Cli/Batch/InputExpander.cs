using FastXray.Cli.Pipeline;
using FastXray.Imaging;

namespace FastXray.Cli.Batch;

/// <summary>
/// Turns batch arguments into a sorted, de-duplicated input list. Each argument is a file, a folder or a glob
/// (expanded by <see cref="Glob"/>); lines of <c>--files-from</c> are files or folders (never globs, since file
/// names may contain '[').
/// <list type="bullet">
/// <item>A file is one input; its output goes to the top of OUTDIR.</item>
/// <item>A folder gives its image files (*.png, *.npy, *.jpg, *.jpeg, *.tif, *.tiff, *.dcm, *.dicom, *.bmp, *.tga, *.psd, *.hdr; any case, and DICOM files without extension), with --recursive those of every sub-folder too;
/// outputs mirror the sub-folders with --recursive.</item>
/// <item>A glob gives every file it matches; outputs mirror the folders below the glob's literal root with --recursive.</item>
/// <item>A literal path that does not exist is kept as a missing input (reported, exit code 1); a glob that
/// matches nothing adds nothing.</item>
/// </list>
/// Hidden names, symbolically linked folders (when walking), FastXray's own temporary files and, below an
/// input folder or glob root, the output folder are skipped (so outputs are not read back as inputs). The list is sorted by display path, ordinal, so every machine sees the same order.
/// </summary>
internal sealed class InputExpander
{
    private static readonly EnumerationOptions s_listing = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    private readonly CliContext _context;
    private readonly bool _recursive;
    private readonly string? _skipFolder;
    private readonly Dictionary<string, BatchInput> _found = new(PathIdentity.Comparer);

    /// <param name="context">Resolves relative paths.</param>
    /// <param name="recursive">Whether folders are walked recursively.</param>
    /// <param name="skipFolder">A full path (the output folder) never walked into.</param>
    public InputExpander(CliContext context, bool recursive, string? skipFolder)
    {
        _context = context;
        _recursive = recursive;
        _skipFolder = skipFolder is null ? null : Path.TrimEndingDirectorySeparator(skipFolder);
    }

    /// <summary>The inputs found so far, sorted by display path (ordinal).</summary>
    public List<BatchInput> Result()
    {
        var list = _found.Values.ToList();
        list.Sort((a, b) => string.CompareOrdinal(a.Display, b.Display));
        return list;
    }

    /// <summary>Adds a command-line argument: file, folder or glob.</summary>
    public void AddArgument(string arg)
    {
        string full = _context.FullPath(arg);
        if (File.Exists(full) || Directory.Exists(full) || !Glob.HasWildcards(arg))
        {
            AddPath(arg, full);
            return;
        }

        (string root, string[] segments) = Glob.Split(arg);
        string rootFull = _context.FullPath(root.Length == 0 ? "." : root);
        if (Directory.Exists(rootFull))
        {
            Walk(rootFull, root, "", segments, 0);
        }
    }

    /// <summary>Adds a line of a --files-from list: a file or a folder, no wildcards.</summary>
    public void AddListed(string path) => AddPath(path, _context.FullPath(path));

    private void AddPath(string display, string full)
    {
        if (Directory.Exists(full))
        {
            AddFolder(full, display, "");
        }
        else
        {
            Add(new BatchInput(full, display, "", Missing: !File.Exists(full)));
        }
    }

    private void AddFolder(string folderFull, string display, string relative)
    {
        foreach (FileSystemInfo entry in List(folderFull))
        {
            string name = entry.Name;
            if (name.StartsWith('.'))
            {
                continue;
            }

            string childRel = relative.Length == 0 ? name : relative + "/" + name;
            if (entry is DirectoryInfo)
            {
                if (_recursive && !IsLink(entry) && !IsSkipped(entry.FullName))
                {
                    AddFolder(entry.FullName, display, childRel);
                }
            }
            else if (IsImageName(name) || (!name.Contains('.', StringComparison.Ordinal) && IsDicomContent(entry.FullName)))
            {
                Add(new BatchInput(entry.FullName, Join(display, childRel), relative));
            }
        }
    }

    private void Walk(string folderFull, string root, string relative, string[] segments, int index)
    {
        if (index >= segments.Length)
        {
            return;
        }

        string segment = segments[index];
        bool last = index == segments.Length - 1;
        if (segment == "**")
        {
            if (last)
            {
                // Trailing '**': every file below.
                foreach (FileSystemInfo entry in List(folderFull))
                {
                    if (entry.Name.StartsWith('.'))
                    {
                        continue;
                    }

                    string childRel = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                    if (entry is DirectoryInfo)
                    {
                        if (!IsLink(entry) && !IsSkipped(entry.FullName))
                        {
                            Walk(entry.FullName, root, childRel, segments, index);
                        }
                    }
                    else
                    {
                        AddFound(entry, root, relative);
                    }
                }

                return;
            }

            Walk(folderFull, root, relative, segments, index + 1);
            foreach (FileSystemInfo entry in List(folderFull))
            {
                if (entry is DirectoryInfo && !entry.Name.StartsWith('.') && !IsLink(entry) && !IsSkipped(entry.FullName))
                {
                    Walk(entry.FullName, root, relative.Length == 0 ? entry.Name : relative + "/" + entry.Name, segments, index);
                }
            }

            return;
        }

        foreach (FileSystemInfo entry in List(folderFull))
        {
            if (!Glob.MatchSegment(segment, entry.Name))
            {
                continue;
            }

            if (last)
            {
                if (entry is FileInfo)
                {
                    AddFound(entry, root, relative);
                }
            }
            else if (entry is DirectoryInfo && !IsSkipped(entry.FullName))
            {
                Walk(entry.FullName, root, relative.Length == 0 ? entry.Name : relative + "/" + entry.Name, segments, index + 1);
            }
        }
    }

    private void AddFound(FileSystemInfo file, string root, string relative)
    {
        if (file.Name.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal))
        {
            return;
        }

        string rel = relative.Length == 0 ? file.Name : relative + "/" + file.Name;
        Add(new BatchInput(file.FullName, root.Length == 0 ? rel : Join(root, rel), relative));
    }

    private void Add(BatchInput input) => _found.TryAdd(input.FullPath, input);

    private bool IsSkipped(string folderFull) =>
        _skipFolder is not null && PathIdentity.Comparer.Equals(Path.TrimEndingDirectorySeparator(folderFull), _skipFolder);

    private static IEnumerable<FileSystemInfo> List(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).EnumerateFileSystemInfos("*", s_listing)
                .OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsLink(FileSystemInfo entry) => (entry.Attributes & FileAttributes.ReparsePoint) != 0;

    /// <summary>The extensions a folder is searched for (the file's content, not its name, then decides how it is read).</summary>
    private static readonly string[] s_imageExtensions = [".png", ".npy", ".jpg", ".jpeg", ".tif", ".tiff", ".dcm", ".dicom", ".bmp", ".tga", ".psd", ".hdr"];

    /// <summary>
    /// A file without extension is an input when it holds DICOM (PACS exports and DICOMDIR trees name files like
    /// IM000001): "DICM" at byte 128 or a preamble-less data set. Only the first 132 bytes are read.
    /// </summary>
    private static bool IsDicomContent(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            Span<byte> head = stackalloc byte[264];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return FastXray.Imaging.Formats.FileSignature.IsDicom(head[..n]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsImageName(string name)
    {
        foreach (string extension in s_imageExtensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Join(string root, string relative) =>
        root.EndsWith('/') || (OperatingSystem.IsWindows() && root.EndsWith('\\')) ? root + relative : root + "/" + relative;
}

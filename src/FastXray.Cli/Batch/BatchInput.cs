namespace FastXray.Cli.Batch;

/// <summary>One input of a batch, as found by <see cref="InputExpander"/>.</summary>
/// <param name="FullPath">Absolute path.</param>
/// <param name="Display">The path as the user would write it (argument text joined with the part found under it); sort key and message name.</param>
/// <param name="RelativeFolder">The folder below the directory or glob root ('/'-separated, empty at the root); mirrored with --recursive.</param>
/// <param name="Missing">A literal path that does not exist: reported as a failed input.</param>
internal sealed record BatchInput(string FullPath, string Display, string RelativeFolder, bool Missing = false)
{
    /// <summary>The file name without its last extension.</summary>
    public string Stem => Path.GetFileNameWithoutExtension(FullPath);
}

namespace FastXray.Cli.Batch;

/// <summary>One input of a batch, as found by <see cref="InputExpander"/>.</summary>
/// <param name="FullPath">Absolute path.</param>
/// <param name="Display">The path as the user would write it (argument text joined with the part found under it); sort key and message name.</param>
/// <param name="RelativeFolder">The folder below the directory or glob root ('/'-separated, empty at the root); mirrored with --recursive.</param>
/// <param name="Missing">A literal path that does not exist: reported as a failed input.</param>
/// <param name="Frame">With <c>--frame all</c>: the frame of a multi-frame DICOM file this input stands for (its output is <c>STEM.fNNNN</c>); null otherwise.</param>
internal sealed record BatchInput(string FullPath, string Display, string RelativeFolder, bool Missing = false, int? Frame = null)
{
    /// <summary>The file name without its last extension, and <c>.fNNNN</c> for one frame of a multi-frame file.</summary>
    public string Stem => Path.GetFileNameWithoutExtension(FullPath) + (Frame is { } f ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $".f{f:D4}") : "");
}

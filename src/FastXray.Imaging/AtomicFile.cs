namespace FastXray.Imaging;

/// <summary>Writes a file so that readers only ever see the old file or the whole new one.</summary>
/// <remarks>
/// The bytes go to a temporary file in the target folder (same file system, so the rename is atomic),
/// are flushed to disk, and the temporary file is renamed over the target. On any failure the temporary
/// file is deleted and the target is left untouched: a kill at any moment leaves only whole files under
/// final names (at worst a stray <c>.fastxray-tmp</c> file).
/// </remarks>
public static class AtomicFile
{
    /// <summary>The suffix of temporary files; batch runs clean up leftovers that carry it.</summary>
    public const string TempSuffix = ".fastxray-tmp";

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Environment.ProcessId + "." + Environment.CurrentManagedThreadId + TempSuffix);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure is what the caller needs to see.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}

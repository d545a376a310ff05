using FastXray.Imaging;

namespace FastXray.Cli.Pipeline;

/// <summary>Reading inputs and writing outputs with errors turned into one-line, per-file problems.</summary>
internal static class FileIO
{
    /// <summary>Reads a whole input file; <paramref name="display"/> is the name used in messages.</summary>
    public static byte[] ReadInput(string fullPath, string display)
    {
        try
        {
            if (Directory.Exists(fullPath))
            {
                throw new FileProblemException(display, "is a directory");
            }

            return File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileProblemException(display, "no such file", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FileProblemException(display, "permission denied", e);
        }
        catch (IOException e)
        {
            throw new FileProblemException(display, e.Message, e);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> through <see cref="AtomicFile"/>: a reader sees the old file or the whole new one.</summary>
    public static void WriteOutput(string fullPath, string display, byte[] bytes) => WriteOutput(fullPath, display, s => s.Write(bytes));

    /// <summary>Writes what <paramref name="write"/> puts into the stream through <see cref="AtomicFile"/>: a reader sees the old file or the whole new one.</summary>
    public static void WriteOutput(string fullPath, string display, Action<Stream> write)
    {
        try
        {
            AtomicFile.Write(fullPath, write);
        }
        catch (Exception e) when (e is DirectoryNotFoundException)
        {
            throw new FileProblemException(display, "cannot write: the folder does not exist", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FileProblemException(display, "cannot write: permission denied", e);
        }
        catch (IOException e)
        {
            throw new FileProblemException(display, "cannot write: " + e.Message, e);
        }
    }
}

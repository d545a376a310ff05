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

            return ReadCancellable(fullPath);
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

    /// <summary>
    /// <see cref="File.ReadAllBytes"/>, but a large file is read through <see cref="CancellableIO"/>: reading a
    /// 16384² input takes seconds on a loaded machine or slow disk.
    /// </summary>
    private static byte[] ReadCancellable(string fullPath)
    {
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        long length = stream.CanSeek ? stream.Length : 0;
        if (length <= 16 << 20 || length > Array.MaxLength)
        {
            // Small files, files without a length (/proc, pipes) and oversized ones keep ReadAllBytes's own rules.
            stream.Dispose();
            return File.ReadAllBytes(fullPath);
        }

        byte[] bytes = GC.AllocateUninitializedArray<byte>((int)length);
        int read = CancellableIO.Read(stream, bytes);
        return read == bytes.Length ? bytes : bytes[..read]; // the file shrank while being read
    }

    /// <summary>Writes <paramref name="bytes"/> through <see cref="AtomicFile"/>: a reader sees the old file or the whole new one.</summary>
    /// <remarks>Cancellable between 16 MB pieces; a cancelled write leaves no temporary file, as any failure inside AtomicFile.</remarks>
    public static void WriteOutput(string fullPath, string display, byte[] bytes) => WriteOutput(fullPath, display, s => CancellableIO.Write(s, bytes));

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

namespace FastXray.Imaging;

/// <summary>The one exception type for malformed, unsupported or over-limit image files.</summary>
/// <remarks><see cref="Exception.Message"/> is one line naming the problem, and the file when known.</remarks>
public sealed class ImageFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImageFormatException(string message, string? fileName = null, Exception? innerException = null)
        : base(fileName is null ? message : $"{fileName}: {message}", innerException)
    {
        FileName = fileName;
        Problem = message;
    }

    /// <summary>The file being read, when known.</summary>
    public string? FileName { get; }

    /// <summary>The problem, without the file name.</summary>
    public string Problem { get; }

    /// <summary>The same problem attributed to <paramref name="fileName"/>.</summary>
    public ImageFormatException WithFile(string fileName) =>
        FileName is null ? new ImageFormatException(Problem, fileName, InnerException ?? this) : this;
}

using System.Diagnostics.CodeAnalysis;

namespace FastXray.Imaging;

/// <summary>Throw sites for the codecs, kept out of hot methods.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowFormat(string message) => throw new ImageFormatException(message);

    [DoesNotReturn]
    public static T ThrowFormat<T>(string message) => throw new ImageFormatException(message);

    [DoesNotReturn]
    public static void ThrowArgument(string paramName, string message) => throw new ArgumentException(message, paramName);
}

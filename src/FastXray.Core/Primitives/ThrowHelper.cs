using System.Diagnostics.CodeAnalysis;

namespace FastXray;

/// <summary>Throw sites kept out of hot methods so the JIT can inline the callers.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgument(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static T ThrowArgument<T>(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    public static T ThrowArgumentOutOfRange<T>(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    public static void ThrowDestinationTooSmall() =>
        throw new ArgumentException("Destination is too small for the image.", "destination");

    [DoesNotReturn]
    public static void ThrowOverlap() =>
        throw new ArgumentException("Source and destination must not overlap (except exactly, where documented).", "destination");

    [DoesNotReturn]
    public static void ThrowNotSupportedType<T>() =>
        throw new NotSupportedException($"Pixel type {typeof(T).Name} is not supported; use byte, ushort or float.");
}

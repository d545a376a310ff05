using System.Diagnostics.CodeAnalysis;

namespace FastXray.Imaging.Dicom.JpegLs;

/// <summary>The decoder's recurring messages, kept out of the hot methods.</summary>
internal static class JpegLsErrors
{
    /// <summary>The data ran out before all samples were decoded.</summary>
    [DoesNotReturn]
    public static void ThrowTruncated() => ThrowHelper.ThrowFormat("truncated JPEG-LS data");

    /// <summary>The scan data cannot have come from an encoder.</summary>
    [DoesNotReturn]
    public static void ThrowCorrupt(string what) => ThrowHelper.ThrowFormat("corrupt JPEG-LS data: " + what);

    /// <summary>A valid JPEG-LS feature this decoder does not implement.</summary>
    [DoesNotReturn]
    public static void ThrowUnsupported(string what) => ThrowHelper.ThrowFormat("unsupported JPEG-LS: " + what);
}

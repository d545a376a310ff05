using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace FastXray.Imaging.Dicom.JpegLs;

/// <summary>The decoder's recurring messages, kept out of the hot methods (never inlined: the message building would crowd their registers).</summary>
internal static class JpegLsErrors
{
    /// <summary>The data ran out before all samples were decoded.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowTruncated() => ThrowHelper.ThrowFormat("truncated JPEG-LS data");

    /// <summary>The scan data cannot have come from an encoder.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowCorrupt(string what) => ThrowHelper.ThrowFormat("corrupt JPEG-LS data: " + what);

    /// <summary>A valid JPEG-LS feature this decoder does not implement.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnsupported(string what) => ThrowHelper.ThrowFormat("unsupported JPEG-LS: " + what);
}

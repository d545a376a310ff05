using System.Runtime.Intrinsics;

namespace FastXray;

/// <summary>The vector width a kernel runs with.</summary>
public enum SimdLevel
{
    /// <summary>Plain scalar code (the reference path).</summary>
    Scalar = 0,
    /// <summary>128-bit vectors (SSE, ARM NEON).</summary>
    Vector128 = 128,
    /// <summary>256-bit vectors (AVX2).</summary>
    Vector256 = 256,
    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512 = 512,
}

/// <summary>
/// Which vector width kernels use. It is the widest the hardware accelerates, lowered (never raised) by
/// the environment variable <c>FASTXRAY_ISA</c> (<c>scalar</c>, <c>128</c>, <c>256</c>, <c>512</c>) for a whole
/// process, or by <see cref="Force"/> for the current thread (tests and benchmarks reach every path this way).
/// </summary>
/// <remarks>Kernels read <see cref="Active"/> once per call, never per pixel.</remarks>
public static class SimdCapabilities
{
    [ThreadStatic]
    private static SimdLevel? t_forced;

    /// <summary>The widest width the hardware (and runtime configuration) accelerates.</summary>
    public static SimdLevel Hardware { get; } =
        Vector512.IsHardwareAccelerated ? SimdLevel.Vector512
        : Vector256.IsHardwareAccelerated ? SimdLevel.Vector256
        : Vector128.IsHardwareAccelerated ? SimdLevel.Vector128
        : SimdLevel.Scalar;

    /// <summary>The process-wide cap from <c>FASTXRAY_ISA</c>, or <see cref="Hardware"/>.</summary>
    public static SimdLevel ProcessLevel { get; } = Min(Hardware, Parse(Environment.GetEnvironmentVariable("FASTXRAY_ISA")) ?? Hardware);

    /// <summary>The width kernels on this thread use now.</summary>
    public static SimdLevel Active => t_forced is { } f ? Min(f, ProcessLevel) : ProcessLevel;

    /// <summary>Caps the width for the current thread (null restores the process level). Returns the previous cap.</summary>
    public static SimdLevel? Force(SimdLevel? level)
    {
        SimdLevel? previous = t_forced;
        t_forced = level;
        return previous;
    }

    /// <summary>Parses <c>scalar</c>, <c>128</c>, <c>256</c>, <c>512</c> (also <c>vector128</c>...).</summary>
    public static SimdLevel? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "scalar" or "0" or "none" => SimdLevel.Scalar,
        "128" or "vector128" or "sse" or "neon" => SimdLevel.Vector128,
        "256" or "vector256" or "avx2" => SimdLevel.Vector256,
        "512" or "vector512" or "avx512" => SimdLevel.Vector512,
        _ => null,
    };

    private static SimdLevel Min(SimdLevel a, SimdLevel b) => a < b ? a : b;
}

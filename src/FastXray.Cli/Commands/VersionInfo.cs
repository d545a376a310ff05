using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FastXray.Cli.Commands;

/// <summary>
/// <c>fastxray --version</c>: version, build flavour (native AOT or JIT), the instruction set the binary was
/// compiled for, the SIMD width the kernels use, and what the processor offers. Under native AOT the ISA is
/// fixed at compile time (<c>IlcInstructionSet</c>); under the JIT it follows the CPU and the
/// <c>DOTNET_Enable*</c> variables.
/// </summary>
internal static class VersionInfo
{
    public static string Text()
    {
        bool aot = IsNativeAot;
        string build = aot
            ? $"native-aot, instruction set {BuildInfo.IlcInstructionSet}"
            : "jit (instruction set chosen at run time; DOTNET_Enable* variables apply)";
        return string.Join('\n',
            $"fastxray {BuildInfo.Version}",
            $"build:   {build}",
            $"simd:    {Simd()}; Vector512 {YesNo(Vector512.IsHardwareAccelerated)}, Vector256 {YesNo(Vector256.IsHardwareAccelerated)}, Vector128 {YesNo(Vector128.IsHardwareAccelerated)}",
            $"cpu:     {Cpu()}",
            $"runtime: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier}");
    }

    /// <summary>True in the native-AOT binary, false under the JIT.</summary>
    /// <remarks>
    /// <see cref="RuntimeFeature.IsDynamicCodeSupported"/> alone cannot tell: <c>PublishAot</c> also switches it
    /// off in the JIT build's runtimeconfig (so the JIT build behaves like the binary). The JIT, though, has
    /// always compiled some methods by the time this runs, and native AOT never compiles any.
    /// </remarks>
    public static bool IsNativeAot => !RuntimeFeature.IsDynamicCodeSupported && System.Runtime.JitInfo.GetCompiledMethodCount() == 0;

    /// <summary>The widest accelerated vector width and the instructions behind it, e.g. <c>Vector256 (AVX2+FMA)</c>.</summary>
    public static string Simd()
    {
        string fma = Fma.IsSupported ? "+FMA" : "";
        if (Vector512.IsHardwareAccelerated)
        {
            return $"Vector512 (AVX-512{fma})";
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return $"Vector256 ({(Avx2.IsSupported ? "AVX2" : "AVX")}{fma})";
        }

        if (Vector128.IsHardwareAccelerated)
        {
            string isa = AdvSimd.IsSupported ? "AdvSimd"
                : Sse42.IsSupported ? "SSE4.2"
                : Sse41.IsSupported ? "SSE4.1"
                : "SSE2";
            return $"Vector128 ({isa})";
        }

        return "scalar (no SIMD)";
    }

    /// <summary>What the processor reports, independent of what this build may use.</summary>
    private static string Cpu()
    {
        if (X86Base.IsSupported)
        {
            (_, _, int ecx1, _) = X86Base.CpuId(1, 0);
            (_, int ebx7, _, _) = X86Base.CpuId(7, 0);
            var features = new List<string>();
            if ((ebx7 & (1 << 16)) != 0)
            {
                features.Add("AVX-512F");
            }

            if ((ebx7 & (1 << 5)) != 0)
            {
                features.Add("AVX2");
            }

            if ((ecx1 & (1 << 12)) != 0)
            {
                features.Add("FMA");
            }

            if ((ecx1 & (1 << 20)) != 0)
            {
                features.Add("SSE4.2");
            }

            return (features.Count == 0 ? "x86-64 baseline" : string.Join(' ', features)) + " (CPUID)";
        }

        if (AdvSimd.IsSupported)
        {
            return "arm64 AdvSimd" + (Dp.IsSupported ? " DotProd" : "");
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string YesNo(bool b) => b ? "yes" : "no";
}

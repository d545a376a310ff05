using System.Runtime.CompilerServices;
using Xunit;

namespace FastXray.Tests;

/// <summary>Locates the repository, its committed reference data and the optional ../shared/data inputs.</summary>
public static class TestData
{
    /// <summary>The repository root (the folder holding FastXray.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// The shared inputs: <c>FASTXRAY_SHARED_DATA</c> when set (a clone placed elsewhere, e.g. by CI, can still
    /// reach the data), otherwise ../shared/data beside the repository. May be absent: the tests that need it skip.
    /// </summary>
    public static string SharedData { get; } = Path.GetFullPath(
        Environment.GetEnvironmentVariable("FASTXRAY_SHARED_DATA") is { Length: > 0 } dir ? dir : Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>The tutorial's nine radiographs.</summary>
    public static string XrayDir => Path.Combine(SharedData, "xray");

    /// <summary>The PngSuite conformance files.</summary>
    public static string PngSuiteDir => Path.Combine(SharedData, "pngsuite");

    /// <summary>The tutorial's example radiograph.</summary>
    public static string XrayExample => Path.Combine(XrayDir, "00000011_001.png");

    /// <summary>Path of a committed reference file of the calling test project, e.g. <c>Reference("Filters", "x.npy")</c>.</summary>
    public static string Reference(string projectName, params string[] parts) =>
        Path.Combine([RepoRoot, "tests", projectName, "Reference", .. parts]);

    private static string FindRepoRoot([CallerFilePath] string thisFile = "")
    {
        // Prefer the working directory chain (tests run from bin/), then the source location.
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(thisFile) ?? "." })
        {
            for (string? dir = start; dir != null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "FastXray.sln")))
                {
                    return dir;
                }
            }
        }

        throw new InvalidOperationException("FastXray.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs ../shared/data/xray; it reports itself skipped, with the reason, when the data is absent.</summary>
public sealed class XrayFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when the radiographs are missing.</summary>
    public XrayFactAttribute()
    {
        if (!File.Exists(TestData.XrayExample))
        {
            Skip = $"shared radiographs not found at {TestData.XrayDir}";
        }
    }
}

/// <summary>A theory that needs ../shared/data/pngsuite; skipped with the reason when absent.</summary>
public sealed class PngSuiteTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets the skip reason when PngSuite is missing.</summary>
    public PngSuiteTheoryAttribute()
    {
        if (!Directory.Exists(TestData.PngSuiteDir))
        {
            Skip = $"PngSuite not found at {TestData.PngSuiteDir}";
        }
    }
}

/// <summary>A fact that needs ../shared/data/pngsuite; skipped with the reason when absent.</summary>
public sealed class PngSuiteFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when PngSuite is missing.</summary>
    public PngSuiteFactAttribute()
    {
        if (!Directory.Exists(TestData.PngSuiteDir))
        {
            Skip = $"PngSuite not found at {TestData.PngSuiteDir}";
        }
    }
}

/// <summary>A theory that needs ../shared/data/xray; skipped with the reason when the radiographs are absent.</summary>
public sealed class XrayTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets the skip reason when the radiographs are missing.</summary>
    public XrayTheoryAttribute()
    {
        if (!File.Exists(TestData.XrayExample))
        {
            Skip = $"shared radiographs not found at {TestData.XrayDir}";
        }
    }
}

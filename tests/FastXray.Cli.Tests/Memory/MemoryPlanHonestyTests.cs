using System.Globalization;
using System.Text.RegularExpressions;
using FastXray.Cli.Tests.Support;
using Xunit;

namespace FastXray.Cli.Tests.Memory;

/// <summary>
/// The plan is an honest upper bound: a real process (the native binary with FASTXRAY_CLI_BINARY, else the JIT
/// build) runs the op on a 2048x2048 textured PNG and reports the kernel's peak resident set (VmHWM, through the
/// hidden FASTXRAY_REPORT_PEAK); the same op on a 64x64 image gives the runtime's baseline. The difference must
/// not exceed the plan, and the plan must not exceed twice the difference plus 64 MiB.
/// </summary>
/// <remarks>
/// Deterministic: resident-set sizes do not depend on machine load or timing. One thread (--threads 1), except
/// the case that checks the per-band scratch, where the band layout is fixed by --threads 2 (not by the cores).
/// Every run passes --max-memory 1T so a busy machine's small default budget cannot refuse it.
/// The JIT build also compiles the hot loops again at tier 1 on the large image (on-stack replacement), a few
/// MiB the native binary never spends: that build gets 16 MiB of slack.
/// </remarks>
public sealed class MemoryPlanHonestyTests
{
    private const int Size = 2048;
    private static readonly long s_slack = CliRunner.Binary is null ? 16L << 20 : 0;
    private static readonly Regex s_peak = new(@"^fastxray: peak-rss (\d+)$", RegexOptions.Multiline);
    private static readonly Regex s_total = new(@"total \((\d+) bytes\)");

    public static TheoryData<string, string, string> Cases => new()
    {
        { "sobel_magnitude", "png", "1" },
        { "gaussian_filter:sigma=2", "png", "1" },
        { "gaussian_gradient_magnitude:sigma=2", "png", "1" },
        { "median_filter:size=3", "png", "1" },
        { "canny:sigma=2", "png", "1" },
        { "fft_gaussian:sigma=2", "png", "1" },
        { "binary_opening", "png", "1" },
        { "equalize", "png", "1" },
        { "mask:gt=100", "png", "1" },
        { "mask:expr=(x > 32) & ~(x > 64)", "png", "1" },
        { "where:expr=(x > 10) | (x < 5) & (x != 3)", "npy", "2" },
        { "sobel_magnitude", "npy", "1" },
        { "gaussian_filter:sigma=2", "png", "2" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_plan_bounds_the_measured_peak(string op, string format, string threads)
    {
        using var dir = new TempDir();
        MemoryRefusalTests.Png(dir, "big.png", Size, Size);
        MemoryRefusalTests.Png(dir, "tiny.png", 64, 64);
        string[] args = ["--op", op, "--threads", threads, "--max-memory", "1T"];
        AssertFilterPlanBounds(dir, "big.png", "tiny.png", format, args, $"{op} -> .{format}, {threads} thread(s)");
    }

    /// <summary>Plans and measures <c>filter BIG -o out.FORMAT ARGS</c>, subtracts TINY's peak (the runtime's baseline) and checks both bounds.</summary>
    internal static void AssertFilterPlanBounds(TempDir dir, string big, string tiny, string format, string[] args, string label)
    {
        long planned = Planned(dir, ["filter", big, "-o", "out." + format, .. args]);
        long bigPeak = Peak(dir, ["filter", big, "-o", "out." + format, .. args]);
        long tinyPeak = Peak(dir, ["filter", tiny, "-o", "small." + format, .. args]);
        long actual = bigPeak - tinyPeak;
        string report = $"{label}: planned {planned >> 20} MiB, measured {actual >> 20} MiB ({bigPeak >> 20} - {tinyPeak >> 20})";
        Assert.True(planned + s_slack >= actual, "plan below the measured peak: " + report);
        Assert.True(planned <= (2 * actual) + (64L << 20), "plan far above the measured peak: " + report);
    }

    public static TheoryData<string, string> FormatCases => new()
    {
        { "jpg", "png" },
        { "tif", "png" },
        { "bmp", "tga" },
        { "tga", "png" },
        { "png", "jpg" },
        { "png", "tif" },
        { "png", "bmp" },
    };

    /// <summary>The same bound for the other decoders (their own <c>PeakBytes</c>) and encoders: inputs are the textured PNG converted by filter.</summary>
    [Theory]
    [MemberData(nameof(FormatCases))]
    public void The_plan_bounds_the_measured_peak_of_other_formats(string input, string output)
    {
        using var dir = new TempDir();
        MemoryRefusalTests.Png(dir, "big.png", Size, Size);
        MemoryRefusalTests.Png(dir, "tiny.png", 64, 64);
        foreach (string name in new[] { "big", "tiny" })
        {
            CliResult made = CliRunner.Run(["filter", name + ".png", "-o", $"{name}-in.{input}"], dir.Path);
            Assert.True(made.ExitCode == 0, made.ToString());
        }

        string[] args = ["--op", "sobel_magnitude", "--threads", "1", "--max-memory", "1T"];
        AssertFilterPlanBounds(dir, $"big-in.{input}", $"tiny-in.{input}", output, args, $".{input} -> .{output}");
    }

    /// <summary>DICOM (signed 16-bit with a rescale, so modality values are float32): the viewer rendering with no op, and an op chain.</summary>
    [Theory]
    [InlineData("png")]
    [InlineData("npy")]
    public void The_plan_bounds_the_measured_peak_of_dicom(string output)
    {
        using var dir = new TempDir();
        foreach ((string name, int n) in new[] { ("big", Size), ("tiny", 64) })
        {
            ushort[] words = [.. Enumerable.Range(0, n * n).Select(i => (ushort)((i * 7919) % 4096))];
            dir.Bytes(name + ".dcm", FastXray.Tests.DicomWriter.Image(n, n, 16, 16, signed: true).Rescale(1, -1024).Window(40, 400).Pixels(words).ToArray());
        }

        foreach (string[] ops in new[] { Array.Empty<string>(), ["--op", "sobel_magnitude"] })
        {
            string[] args = [.. ops, "--threads", "1", "--max-memory", "1T"];
            AssertFilterPlanBounds(dir, "big.dcm", "tiny.dcm", output, args, $"DICOM -> .{output} {string.Join(' ', ops)}");
        }
    }

    [Fact]
    public void The_tutorial_plan_bounds_its_measured_peak()
    {
        using var dir = new TempDir();
        MemoryRefusalTests.Png(dir, "big.png", Size, Size);
        MemoryRefusalTests.Png(dir, "tiny.png", 64, 64);
        long planned = Planned(dir, ["tutorial", "big.png", "--jobs", "1", "--max-memory", "1T"]);
        long actual = Peak(dir, ["tutorial", "big.png", "-o", "t1", "--jobs", "1", "--max-memory", "1T"]) - Peak(dir, ["tutorial", "tiny.png", "-o", "t0", "--jobs", "1", "--max-memory", "1T"]);
        string report = $"tutorial: planned {planned >> 20} MiB, measured {actual >> 20} MiB";
        Assert.True(planned + s_slack >= actual, "plan below the measured peak: " + report);
        Assert.True(planned <= (2 * actual) + (64L << 20), "plan far above the measured peak: " + report);
    }

    [Fact]
    public void The_demo_plan_bounds_its_measured_peak()
    {
        using var dir = new TempDir();
        long planned = Planned(dir, ["demo", "--size", "1536", "--max-memory", "1T"]);
        long actual = Peak(dir, ["demo", "--size", "1536", "-o", "d1", "--max-memory", "1T"]) - Peak(dir, ["demo", "--size", "64", "-o", "d0", "--max-memory", "1T"]);
        string report = $"demo: planned {planned >> 20} MiB, measured {actual >> 20} MiB";
        Assert.True(planned + s_slack >= actual, "plan below the measured peak: " + report);
        Assert.True(planned <= (2 * actual) + (64L << 20), "plan far above the measured peak: " + report);
    }

    private static long Planned(TempDir dir, string[] args)
    {
        CliResult r = CliRunner.Run([.. args, "--plan"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        return long.Parse(s_total.Match(r.Stdout).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static long Peak(TempDir dir, string[] args)
    {
        using var process = CliRunner.Start(args, dir.Path, new Dictionary<string, string> { ["FASTXRAY_REPORT_PEAK"] = "1" });
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(300_000), "fastxray did not finish");
        Assert.True(process.ExitCode == 0, stderr.Result);
        Match m = s_peak.Match(stderr.Result);
        Assert.True(m.Success, "no peak-rss line in: " + stderr.Result + stdout.Result);
        return long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}

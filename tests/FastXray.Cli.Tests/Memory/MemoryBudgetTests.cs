using FastXray.Cli.Memory;
using FastXray.Cli.Tests.Support;
using Xunit;

namespace FastXray.Cli.Tests.Memory;

/// <summary>Sizes, the option/variable/default precedence and the default read from a fake /proc and /sys.</summary>
public sealed class MemoryBudgetTests
{
    private static readonly SystemMemory.Available s_machine = new(8L << 30, "MemAvailable");

    [Theory]
    [InlineData("1073741824", 1073741824L)]
    [InlineData("512M", 512L << 20)]
    [InlineData("512m", 512L << 20)]
    [InlineData("1.5G", 3L << 29)]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("2GB", 2L << 30)]
    [InlineData("64KiB", 64L << 10)]
    [InlineData("1T", 1L << 40)]
    [InlineData(" 300 MB ", 300L << 20)]
    [InlineData("100B", 100L)]
    public void Sizes_use_binary_units(string text, long bytes) => Assert.Equal(bytes, ByteSize.TryParse(text));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1G")]
    [InlineData("lots")]
    [InlineData("1.5X")]
    [InlineData("G")]
    [InlineData("1..5G")]
    [InlineData("99999999T")]
    public void Bad_sizes_are_rejected(string text) => Assert.Null(ByteSize.TryParse(text));

    [Fact]
    public void The_option_wins_over_the_variable_which_wins_over_the_default()
    {
        Assert.Equal(1L << 30, MemoryBudget.Resolve("1G", "2G", () => s_machine).Bytes);
        Assert.Equal(2L << 30, MemoryBudget.Resolve(null, "2G", () => s_machine).Bytes);
        MemoryBudget fallback = MemoryBudget.Resolve(null, null, () => s_machine);
        Assert.Equal(4L << 30, fallback.Bytes);
        Assert.Equal("half of MemAvailable", fallback.Source);
        // An empty variable is unset (as shells often leave it).
        Assert.Equal(4L << 30, MemoryBudget.Resolve(null, "", () => s_machine).Bytes);
    }

    [Fact]
    public void A_bad_value_is_a_usage_error_naming_where_it_came_from()
    {
        Assert.Contains("--max-memory 12Q", Assert.Throws<UsageException>(() => MemoryBudget.Resolve("12Q", null, () => s_machine)).Message);
        Assert.Contains("FASTXRAY_MAX_MEMORY=much", Assert.Throws<UsageException>(() => MemoryBudget.Resolve(null, "much", () => s_machine)).Message);
        // The option wins even over a bad variable.
        Assert.Equal(1L << 20, MemoryBudget.Resolve("1M", "much", () => s_machine).Bytes);
    }

    private const string PiMeminfo = "MemTotal:        3885532 kB\nMemFree:         3300000 kB\nMemAvailable:    3600000 kB\nBuffers:           20000 kB\n";

    private static Func<string, string?> Files(params (string Path, string Text)[] files) =>
        path => files.FirstOrDefault(f => f.Path == path).Text;

    [Fact]
    public void Default_is_MemAvailable_without_a_cgroup_limit()
    {
        SystemMemory.Available a = SystemMemory.Read(Files(("/proc/meminfo", PiMeminfo), ("/proc/self/cgroup", "0::/user.slice/session-1.scope\n"),
            ("/sys/fs/cgroup/user.slice/session-1.scope/memory.max", "max\n")), () => 1);
        Assert.Equal(3600000L * 1024, a.Bytes);
        Assert.Equal("MemAvailable", a.Source);
    }

    [Fact]
    public void A_smaller_cgroup_v2_limit_wins_and_ancestors_count()
    {
        Func<string, string?> files = Files(("/proc/meminfo", PiMeminfo), ("/proc/self/cgroup", "0::/system.slice/job.service\n"),
            ("/sys/fs/cgroup/system.slice/job.service/memory.max", "max\n"),
            ("/sys/fs/cgroup/system.slice/memory.max", "1073741824\n"));
        SystemMemory.Available a = SystemMemory.Read(files, () => 1);
        Assert.Equal(1L << 30, a.Bytes);
        Assert.Equal("cgroup memory limit", a.Source);
        Assert.Equal(1L << 29, MemoryBudget.Resolve(null, null, () => a).Bytes);
    }

    [Fact]
    public void A_larger_cgroup_limit_leaves_MemAvailable()
    {
        SystemMemory.Available a = SystemMemory.Read(Files(("/proc/meminfo", PiMeminfo), ("/proc/self/cgroup", "0::/\n"),
            ("/sys/fs/cgroup/memory.max", "68719476736\n")), () => 1);
        Assert.Equal(3600000L * 1024, a.Bytes);
    }

    [Fact]
    public void A_cgroup_v1_limit_is_read_and_its_unlimited_value_ignored()
    {
        string cgroup = "12:cpuset:/\n11:memory:/docker/abc\n0::/\n";
        SystemMemory.Available limited = SystemMemory.Read(Files(("/proc/meminfo", PiMeminfo), ("/proc/self/cgroup", cgroup),
            ("/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes", "536870912\n")), () => 1);
        Assert.Equal(512L << 20, limited.Bytes);

        SystemMemory.Available unlimited = SystemMemory.Read(Files(("/proc/meminfo", PiMeminfo), ("/proc/self/cgroup", cgroup),
            ("/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes", "9223372036854771712\n")), () => 1);
        Assert.Equal(3600000L * 1024, unlimited.Bytes);
    }

    [Fact]
    public void Without_proc_the_runtime_figure_is_used()
    {
        SystemMemory.Available a = SystemMemory.Read(_ => null, () => 123456789);
        Assert.Equal(123456789, a.Bytes);
        Assert.Equal("runtime's available memory", a.Source);
    }

    [Fact]
    public void The_peak_is_read_from_proc_status() =>
        Assert.Equal(175152L * 1024, PeakReport.PeakBytes("Name:\tfastxray\nVmPeak:\t  300000 kB\nVmHWM:\t  175152 kB\nVmRSS:\t 1000 kB\n"));

    [Fact]
    public void Commands_reject_a_bad_budget_as_a_usage_error_before_reading()
    {
        using var dir = new TempDir();
        dir.Npy8("in.npy", 16, 16);
        CliResult byOption = CliRunner.Run(["filter", "in.npy", "-o", "out.png", "--op", "sobel", "--max-memory", "lots"], dir.Path);
        Assert.Equal(2, byOption.ExitCode);
        Assert.Contains("--max-memory lots", byOption.Stderr, StringComparison.Ordinal);

        CliResult byVariable = CliRunner.Run(["stats", "in.npy"], dir.Path, environment: new Dictionary<string, string> { ["FASTXRAY_MAX_MEMORY"] = "-5" });
        Assert.Equal(2, byVariable.ExitCode);
        Assert.Contains("FASTXRAY_MAX_MEMORY=-5", byVariable.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["out.png"]));
    }
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastXray.Benchmarks;

/// <summary>
/// Shared configuration: MemoryDiagnoser always on (kernels must show 0 B), an MPix/s column, and with
/// FASTXRAY_BENCH_ISA=1 extra jobs that turn off AVX-512 and AVX2 to compare ISA levels.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        IConfig defaults = DefaultConfig.Instance;
        AddLogger(defaults.GetLoggers().ToArray());
        AddColumnProvider(defaults.GetColumnProviders().ToArray());
        AddExporter(defaults.GetExporters().ToArray());
        AddAnalyser(defaults.GetAnalysers().ToArray());
        AddValidator(defaults.GetValidators().ToArray());
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new MegapixelsPerSecondColumn());
        Job baseJob = Job.Default;
        if (Environment.GetEnvironmentVariable("FASTXRAY_BENCH_SHORT") == "1")
        {
            baseJob = baseJob.WithWarmupCount(3).WithIterationCount(8).WithLaunchCount(1);
        }

        if (Environment.GetEnvironmentVariable("FASTXRAY_BENCH_ISA") != "1")
        {
            AddJob(baseJob.WithId("Default"));
        }
        else
        {
            AddJob(baseJob.WithId("Default").AsBaseline());
            AddJob(baseJob.WithEnvironmentVariable("DOTNET_EnableAVX512F", "0").WithEnvironmentVariable("DOTNET_EnableAVX512", "0").WithId("NoAvx512"));
            AddJob(baseJob.WithEnvironmentVariable("DOTNET_EnableAVX512F", "0").WithEnvironmentVariable("DOTNET_EnableAVX512", "0").WithEnvironmentVariable("DOTNET_EnableAVX2", "0").WithId("Vector128"));
            AddJob(baseJob.WithEnvironmentVariable("DOTNET_EnableHWIntrinsic", "0").WithId("Scalar"));
        }

        WithOptions(ConfigOptions.JoinSummary);
        HideColumns(Column.Error, Column.RatioSD, Column.AllocRatio);
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
    }
}

/// <summary>Benchmarks that process a known number of pixels per op report it through this interface.</summary>
public interface IPixelCount
{
    long Pixels { get; }
}

/// <summary>Megapixels per second from the mean time and the benchmark's <see cref="IPixelCount"/>.</summary>
public sealed class MegapixelsPerSecondColumn : IColumn
{
    public string Id => "MPixPerSec";

    public string ColumnName => "MPix/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Megapixels processed per second (higher is better)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        if (report?.ResultStatistics is null || Activator.CreateInstance(benchmarkCase.Descriptor.Type) is not IPixelCount counter)
        {
            return "-";
        }

        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            benchmarkCase.Descriptor.Type.GetProperty(parameter.Name)?.SetValue(counter, parameter.Value);
        }

        double seconds = report.ResultStatistics.Mean / 1e9;
        return (counter.Pixels / 1e6 / seconds).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

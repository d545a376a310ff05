using BenchmarkDotNet.Attributes;
using FastXray.Filters;
using FastXray.Rank;

namespace FastXray.Benchmarks.Kernels;

/// <summary>
/// Rank and uniform filters on the 1024x1024 8-bit radiograph, float32 output, one thread. Issue targets and
/// anchors (OpenCV 4.6 / scipy 1.10) in the comments.
/// </summary>
public class RankBenchmarks : IPixelCount
{
    private byte[] _source8 = [];
    private ushort[] _source16 = [];
    private float[] _sourceFloat = [];
    private float[] _destination = [];
    private byte[] _destination8 = [];
    private int _width;
    private int _height;

    public long Pixels => 1024L * 1024;

    [GlobalSetup]
    public void Setup()
    {
        (_source8, _width, _height) = BenchImages.Xray8;
        _source16 = BenchImages.Synthetic16(_width, _height);
        _sourceFloat = BenchImages.XrayFloat();
        _destination = new float[_source8.Length];
        _destination8 = new byte[_source8.Length];
    }

    private ReadOnlyImageSpan<byte> Source => new(_source8, _width, _height);

    private ImageSpan<float> Destination => new(_destination, _width, _height);

    /// <summary>Target ≤ 1.0 ms (OpenCV medianBlur 3 1.1 ms, scipy 181 ms).</summary>
    [Benchmark]
    public void Median3x3() => MedianFilter.Apply(Source, Destination, 3);

    /// <summary>byte → byte (no float widening).</summary>
    [Benchmark]
    public void Median3x3_U8Out() => MedianFilter.Apply(Source, new ImageSpan<byte>(_destination8, _width, _height), 3);

    [Benchmark]
    public void Median5x5() => MedianFilter.Apply(Source, Destination, 5);

    /// <summary>Target ≤ 30 ms (scipy 1823 ms).</summary>
    [Benchmark]
    public void Median10x10() => MedianFilter.Apply(Source, Destination, 10);

    /// <summary>The sliding histogram on the same window (forced), for comparison with the radix select.</summary>
    [Benchmark]
    public void Median10x10_Histogram()
    {
        using RankWindow window = RankWindow.Box(10, 10, 0, 0);
        RankEngine.Select(Source, Destination, window, 50, BorderMode.Reflect, 0, RankAlgorithm.Histogram);
    }

    /// <summary>A large window: the sliding histogram (Auto; 961 elements).</summary>
    [Benchmark]
    public void Median31x31() => MedianFilter.Apply(Source, Destination, 31);

    /// <summary>16-bit input, 10x10 (sliding two-level histogram).</summary>
    [Benchmark]
    public void Median10x10_U16() => MedianFilter.Apply(new ReadOnlyImageSpan<ushort>(_source16, _width, _height), Destination, 10);

    /// <summary>float input, 3x3 (network on float keys).</summary>
    [Benchmark]
    public void Median3x3_Float() => MedianFilter.Apply(new ReadOnlyImageSpan<float>(_sourceFloat, _width, _height), Destination, 3);

    /// <summary>Target ≤ 15 ms (scipy 537 ms).</summary>
    [Benchmark]
    public void Percentile25_5x5() => PercentileFilter.Apply(Source, Destination, 25, 5);

    /// <summary>Target ≤ 0.6 ms (OpenCV dilate 5x5 0.31 ms, scipy 33 ms).</summary>
    [Benchmark]
    public void Maximum5x5() => MaximumFilter.Apply(Source, Destination, 5);

    [Benchmark]
    public void Maximum5x5_U8Out() => MaximumFilter.Apply(Source, new ImageSpan<byte>(_destination8, _width, _height), 5);

    [Benchmark]
    public void Minimum25x25() => MinimumFilter.Apply(Source, Destination, 25);

    /// <summary>Target ≤ 2 ms (OpenCV blur 5x5 float 6.3 ms, scipy 24 ms).</summary>
    [Benchmark]
    public void Uniform5x5() => UniformFilter.Apply(Source, Destination, 5);

    [Benchmark]
    public void Uniform31x31() => UniformFilter.Apply(Source, Destination, 31);

    [Benchmark]
    public void Uniform5x5_Float() => UniformFilter.Apply(new ReadOnlyImageSpan<float>(_sourceFloat, _width, _height), Destination, 5);
}

using BenchmarkDotNet.Attributes;
using FastXray.Edges;
using FastXray.Filters;

namespace FastXray.Benchmarks.Kernels;

/// <summary>The tutorial's filters on the 1024x1024 radiograph as float32, one thread (issue targets in comments).</summary>
public class FilterBenchmarks : IPixelCount
{
    private static readonly float[] s_tutorialWeights = [1, 1, 1, 0, 0, 0, -1, -1, -1];
    private float[] _source = [];
    private byte[] _source8 = [];
    private float[] _destination = [];
    private int _width;
    private int _height;

    public long Pixels => 1024L * 1024;

    [GlobalSetup]
    public void Setup()
    {
        (_source8, _width, _height) = BenchImages.Xray8;
        _source = BenchImages.XrayFloat();
        _destination = new float[_source.Length];
    }

    private ReadOnlyImageSpan<float> Source => new(_source, _width, _height);

    private ImageSpan<float> Destination => new(_destination, _width, _height);

    /// <summary>Target ≤ 1.5 ms (OpenCV GaussianBlur float32 3.6 ms, scipy 40 ms).</summary>
    [Benchmark]
    public void GaussianSigma2() => GaussianFilter.Apply(Source, Destination, 2.0);

    /// <summary>The same on the 8-bit image (widened once per call).</summary>
    [Benchmark]
    public void GaussianSigma2_U8() => GaussianFilter.Apply(new ReadOnlyImageSpan<byte>(_source8, _width, _height), Destination, 2.0);

    /// <summary>Target ≤ 1.5 ms (OpenCV one Sobel 0.64 ms, scipy magnitude 52 ms).</summary>
    [Benchmark]
    public void SobelMagnitude() => Sobel.Magnitude(Source, Destination);

    /// <summary>Target ≤ 2.5 ms (scipy 64 ms).</summary>
    [Benchmark]
    public void GaussianLaplaceSigma1() => GaussianLaplace.Apply(Source, Destination, 1.0);

    [Benchmark]
    public void GaussianGradientMagnitudeSigma2() => GaussianGradientMagnitude.Apply(Source, Destination, 2.0);

    [Benchmark]
    public void PrewittMagnitude() => Prewitt.Magnitude(Source, Destination);

    [Benchmark]
    public void Laplace3x3() => Laplace.Apply(Source, Destination);

    [Benchmark]
    public void Convolve3x3() => Convolve.Apply(Source, Destination, s_tutorialWeights, 3, 3);
}

using BenchmarkDotNet.Attributes;
using FastXray.Intensity;

namespace FastXray.Benchmarks.Kernels;

/// <summary>DICOM linear window on the 1024x1024 radiograph, float and byte outputs.</summary>
public class WindowBenchmarks : IPixelCount
{
    private byte[] _image = [];
    private float[] _outputF = [];
    private byte[] _outputB = [];
    private int _width;
    private int _height;

    public long Pixels => 1024L * 1024;

    [GlobalSetup]
    public void Setup()
    {
        (_image, _width, _height) = BenchImages.Xray8;
        _outputF = new float[_image.Length];
        _outputB = new byte[_image.Length];
    }

    [Benchmark(Description = "window c=128 w=100 -> float")]
    public void ToFloat() =>
        Window.Apply(new ReadOnlyImageSpan<byte>(_image, _width, _height), new ImageSpan<float>(_outputF, _width, _height), 128, 100);

    [Benchmark(Description = "window c=128 w=100 -> byte")]
    public void ToByte() =>
        Window.Apply(new ReadOnlyImageSpan<byte>(_image, _width, _height), new ImageSpan<byte>(_outputB, _width, _height), 128, 100);
}

using BenchmarkDotNet.Attributes;
using FastXray.Intensity;

namespace FastXray.Benchmarks.Kernels;

/// <summary>CLAHE on the 1024x1024 radiograph, 8x8 tiles (target 4 ms), and its 16-bit variant.</summary>
public class ClaheBenchmarks : IPixelCount
{
    private byte[] _image = [];
    private byte[] _output = [];
    private ushort[] _image16 = [];
    private ushort[] _output16 = [];
    private int _width;
    private int _height;

    public long Pixels => 1024L * 1024;

    [GlobalSetup]
    public void Setup()
    {
        (_image, _width, _height) = BenchImages.Xray8;
        _output = new byte[_image.Length];
        _image16 = Array.ConvertAll(_image, b => (ushort)(b * 257));
        _output16 = new ushort[_image.Length];
    }

    [Benchmark(Description = "clahe 8-bit clip 2, 8x8")]
    public void Clahe8() =>
        Clahe.Apply(new ReadOnlyImageSpan<byte>(_image, _width, _height), new ImageSpan<byte>(_output, _width, _height), 2.0, 8, 8);

    [Benchmark(Description = "clahe 16-bit clip 2, 8x8, 65536 bins")]
    public void Clahe16() =>
        Clahe.Apply(new ReadOnlyImageSpan<ushort>(_image16, _width, _height), new ImageSpan<ushort>(_output16, _width, _height), 2.0, 8, 8);

    [Benchmark(Description = "clahe 16-bit clip 2, 8x8, 4096 bins")]
    public void Clahe16Bins4096() =>
        Clahe.Apply(new ReadOnlyImageSpan<ushort>(_image16, _width, _height), new ImageSpan<ushort>(_output16, _width, _height), 2.0, 8, 8, 4096);
}

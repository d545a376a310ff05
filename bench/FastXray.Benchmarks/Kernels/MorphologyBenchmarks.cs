using BenchmarkDotNet.Attributes;
using FastXray.Morphology;

namespace FastXray.Benchmarks.Kernels;

/// <summary>Binary morphology on the 1024x1024 radiograph thresholded at its mean (scipy anchor: dilation x5 22 ms).</summary>
public class MorphologyBenchmarks : IPixelCount
{
    private byte[] _mask = [];
    private byte[] _output = [];
    private int _width;
    private int _height;

    public long Pixels => 1024L * 1024;

    [GlobalSetup]
    public void Setup()
    {
        (byte[] pixels, _width, _height) = BenchImages.Xray8;
        double mean = pixels.Average(b => (double)b);
        _mask = Array.ConvertAll(pixels, b => (byte)(b > mean ? 1 : 0));
        _output = new byte[_mask.Length];
    }

    [Benchmark(Description = "binary_dilation x5 (cross)")]
    public void DilationCross5() =>
        BinaryDilation.Apply(new ReadOnlyImageSpan<byte>(_mask, _width, _height), new ImageSpan<byte>(_output, _width, _height), iterations: 5);

    [Benchmark(Description = "binary_erosion x1 (cross)")]
    public void ErosionCross1() =>
        BinaryErosion.Apply(new ReadOnlyImageSpan<byte>(_mask, _width, _height), new ImageSpan<byte>(_output, _width, _height));

    [Benchmark(Description = "binary_opening x2 (3x3 square)")]
    public void OpeningSquare2() =>
        BinaryOpening.Apply(new ReadOnlyImageSpan<byte>(_mask, _width, _height), new ImageSpan<byte>(_output, _width, _height), BinaryStructure.Square, 2);
}

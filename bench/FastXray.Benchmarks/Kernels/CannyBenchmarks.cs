using BenchmarkDotNet.Attributes;
using FastXray.Edges;
using FastXray.Imaging.Png;
using FastXray.Synthetic;

namespace FastXray.Benchmarks.Kernels;

/// <summary>
/// Canny (skimage.feature.canny semantics) on the 1024x1024 radiograph, one thread. Anchors on the same image and
/// machine: skimage 0.19 canny(sigma=2) in float64, and OpenCV's cv2.Canny (~4.3 ms, a different algorithm: no
/// Gaussian, L1 norm, integer thresholds). Target: at most 8 ms for sigma 2.
/// </summary>
public class CannyBenchmarks : IPixelCount
{
    private byte[] _image = [];
    private byte[] _edges = [];
    private int _width;
    private int _height;

    public long Pixels => 1024L * 1024;

    [GlobalSetup]
    public void Setup()
    {
        // The real radiograph when ../shared/data is present (decoded here: BenchImages.Xray8 is still synthetic
        // noise, which has far more edge candidates than an X-ray), else the built-in chest phantom.
        if (BenchImages.HasRealXray)
        {
            PngImage png = PngDecoder.DecodeFile(BenchImages.XrayPath);
            if (!png.IsGray || png.Is16Bit)
            {
                throw new InvalidOperationException($"{BenchImages.XrayPath}: expected an 8-bit gray PNG");
            }

            (_image, _width, _height) = (png.Pixels8!, png.Width, png.Height);
        }
        else
        {
            Console.Error.WriteLine("note: radiograph not found, benchmarking the built-in chest phantom");
            (_width, _height) = (1024, 1024);
            _image = ChestPhantom.Generate(_width, _height);
        }

        _edges = new byte[_image.Length];
    }

    [Benchmark(Description = "canny sigma 2 (default thresholds)", Baseline = true)]
    public void Sigma2() =>
        Canny.Apply(new ReadOnlyImageSpan<byte>(_image, _width, _height), new ImageSpan<byte>(_edges, _width, _height), 2.0);

    [Benchmark(Description = "canny sigma 2, low 10, high 30")]
    public void Sigma2Thresholds() =>
        Canny.Apply(new ReadOnlyImageSpan<byte>(_image, _width, _height), new ImageSpan<byte>(_edges, _width, _height), 2.0, 10, 30);

    [Benchmark(Description = "canny sigma 1")]
    public void Sigma1() =>
        Canny.Apply(new ReadOnlyImageSpan<byte>(_image, _width, _height), new ImageSpan<byte>(_edges, _width, _height), 1.0);

    [Benchmark(Description = "canny sigma 2, quantiles 0.8/0.95")]
    public void Sigma2Quantiles() =>
        Canny.Apply(new ReadOnlyImageSpan<byte>(_image, _width, _height), new ImageSpan<byte>(_edges, _width, _height), 2.0, 0.8, 0.95, useQuantiles: true);
}

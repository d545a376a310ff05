using BenchmarkDotNet.Attributes;
using FastXray.Fourier;

namespace FastXray.Benchmarks.Kernels;

/// <summary>
/// 2-D FFTs on the 1024x1024 radiograph (float32), one thread. Anchors measured on the reference machine:
/// scipy.fft (pocketfft) rfft2 6.8 ms, fft2 11.8 ms, rfft2+irfft2 15.9 ms; FFTW 3 r2c 4.9 ms, c2c 9.2 ms;
/// OpenCV dft 24.6 ms. Targets: rfft2 &lt;= 6 ms, fft2 &lt;= 10 ms, fft_gaussian round trip &lt;= 14 ms.
/// 1023x1021 (both lengths non-powers of two: Bluestein) shows the cost of an awkward size.
/// </summary>
public class FourierBenchmarks : IPixelCount
{
    private float[] _real = [];
    private byte[] _bytes = [];
    private Complex32[] _complex = [];
    private Complex32[] _spectrum = [];
    private Complex32[] _half = [];
    private float[] _output = [];
    private Fft2DPlan _plan = null!;

    /// <summary>Image edge: the radiograph's 1024 and an awkward non-power-of-two size (1023x1021).</summary>
    [Params(1024, 1023)]
    public int Size { get; set; }

    public int Height => Size;

    public int Width => Size == 1024 ? 1024 : 1021;

    public long Pixels => (long)Height * Width;

    [GlobalSetup]
    public void Setup()
    {
        float[] xray = BenchImages.XrayFloat();
        _real = new float[Height * Width];
        for (int y = 0; y < Height; y++)
        {
            Array.Copy(xray, y * 1024, _real, y * Width, Width);
        }

        _bytes = Array.ConvertAll(_real, v => (byte)v);
        _complex = Array.ConvertAll(_real, v => new Complex32(v, 0f));
        _spectrum = new Complex32[Height * Width];
        _half = new Complex32[Height * ((Width / 2) + 1)];
        _output = new float[Height * Width];
        _plan = Fft2DPlan.Get(Height, Width);
    }

    [Benchmark(Description = "rfft2")]
    public void ForwardReal() =>
        _plan.ForwardReal(new ReadOnlyImageSpan<float>(_real, Width, Height), new ImageSpan<Complex32>(_half, (Width / 2) + 1, Height));

    [Benchmark(Description = "fft2 (complex)")]
    public void ForwardComplex() =>
        _plan.Forward(new ReadOnlyImageSpan<Complex32>(_complex, Width, Height), new ImageSpan<Complex32>(_spectrum, Width, Height));

    [Benchmark(Description = "rfft2 + irfft2")]
    public void RealRoundTrip()
    {
        ForwardReal();
        _plan.InverseReal(new ReadOnlyImageSpan<Complex32>(_half, (Width / 2) + 1, Height), new ImageSpan<float>(_output, Width, Height));
    }

    [Benchmark(Description = "fft_gaussian (float)")]
    public void GaussianFloat() =>
        FftGaussian.Apply(new ReadOnlyImageSpan<float>(_real, Width, Height), new ImageSpan<float>(_output, Width, Height), 2.0);

    [Benchmark(Description = "fft_gaussian (uint8)")]
    public void GaussianByte() =>
        FftGaussian.Apply(new ReadOnlyImageSpan<byte>(_bytes, Width, Height), new ImageSpan<float>(_output, Width, Height), 2.0);
}

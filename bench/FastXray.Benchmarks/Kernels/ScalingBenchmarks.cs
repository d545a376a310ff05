using BenchmarkDotNet.Attributes;
using FastXray.Edges;
using FastXray.Filters;
using FastXray.Fourier;
using FastXray.Intensity;
using FastXray.Imaging.Png;
using FastXray.Rank;

namespace FastXray.Benchmarks.Kernels;

/// <summary>
/// The main kernels across image sizes, one thread, so cache effects show in the MPix/s column:
/// 256² (fits L2), 1024² (the radiograph, 4 MiB as float32: L3-sized), 1023x1021 (odd; every float row
/// sits 4 bytes off a 4 KiB multiple, and the FFT takes Bluestein), 4096² (64 MiB float32: DRAM) and
/// 2048² 16-bit. Inputs are built in [GlobalSetup]; kernels must show 0 B allocated (PNG encode writes
/// into a reused MemoryStream and allocates only what the codec itself does).
/// </summary>
public class ScalingBenchmarks : IPixelCount
{
    private byte[] _u8 = [];
    private ushort[] _u16 = [];
    private float[] _float = [];
    private float[] _output = [];
    private Complex32[] _complex = [];
    private Complex32[] _spectrum = [];
    private Complex32[] _half = [];
    private long[] _counts = new long[256];
    private byte[] _png = [];
    private MemoryStream _pngOut = new();
    private Fft2DPlan _plan = null!;

    /// <summary>Width x height, with "u16" for the 16-bit case (its float kernels read the ushort samples).</summary>
    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = "1024x1024";

    /// <summary>All sizes, or the comma-separated subset in FASTXRAY_SCALING_SIZES (e.g. "1024x1024,4096x4096").</summary>
    public static IEnumerable<string> Sizes =>
        Environment.GetEnvironmentVariable("FASTXRAY_SCALING_SIZES") is { Length: > 0 } subset
            ? subset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : ["256x256", "1024x1024", "1023x1021", "4096x4096", "2048x2048u16"];

    public int Width => int.Parse(Size.AsSpan(0, Size.IndexOf('x')), System.Globalization.CultureInfo.InvariantCulture);

    public int Height
    {
        get
        {
            ReadOnlySpan<char> h = Size.AsSpan(Size.IndexOf('x') + 1);
            return int.Parse(h.EndsWith("u16") ? h[..^3] : h, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private bool Is16 => Size.EndsWith("u16", StringComparison.Ordinal);

    public long Pixels => (long)Width * Height;

    [GlobalSetup]
    public void Setup()
    {
        int w = Width;
        int h = Height;
        if (w == 1024 && h == 1024)
        {
            _u8 = BenchImages.Xray8.Pixels;
        }
        else if (w == 1023 && h == 1021)
        {
            // The radiograph cropped, so the odd size sees the same content.
            byte[] xray = BenchImages.Xray8.Pixels;
            _u8 = new byte[w * h];
            for (int y = 0; y < h; y++)
            {
                Array.Copy(xray, y * 1024, _u8, y * w, w);
            }
        }
        else
        {
            _u8 = BenchImages.Synthetic8(w, h);
        }

        _u16 = Is16 ? BenchImages.Synthetic16(w, h) : [];
        _float = Is16 ? Array.ConvertAll(_u16, v => (float)v) : Array.ConvertAll(_u8, v => (float)v);
        _output = new float[w * h];
        _complex = Array.ConvertAll(_float, v => new Complex32(v, 0f));
        _spectrum = new Complex32[w * h];
        _half = new Complex32[h * ((w / 2) + 1)];
        _plan = Fft2DPlan.Get(h, w);
        using var encoded = new MemoryStream();
        if (Is16)
        {
            PngEncoder.Encode(encoded, _u16, w, h, PngColorType.Gray);
        }
        else
        {
            PngEncoder.Encode(encoded, _u8, w, h, PngColorType.Gray);
        }

        _png = encoded.ToArray();
        _pngOut = new MemoryStream(_png.Length * 2);
    }

    private ReadOnlyImageSpan<float> Source => new(_float, Width, Height);

    private ImageSpan<float> Destination => new(_output, Width, Height);

    [Benchmark(Description = "gaussian s=2")]
    public void Gaussian() => GaussianFilter.Apply(Source, Destination, 2.0);

    [Benchmark(Description = "gaussian_laplace s=1")]
    public void GaussianLaplaceSigma1() => GaussianLaplace.Apply(Source, Destination, 1.0);

    [Benchmark(Description = "gaussian_gradient_magnitude s=2")]
    public void GradientMagnitude() => GaussianGradientMagnitude.Apply(Source, Destination, 2.0);

    [Benchmark(Description = "sobel magnitude")]
    public void SobelMagnitude() => Sobel.Magnitude(Source, Destination);

    [Benchmark(Description = "rfft2")]
    public void Rfft2() =>
        _plan.ForwardReal(Source, new ImageSpan<Complex32>(_half, (Width / 2) + 1, Height));

    [Benchmark(Description = "fft2 (complex)")]
    public void Fft2() =>
        _plan.Forward(new ReadOnlyImageSpan<Complex32>(_complex, Width, Height), new ImageSpan<Complex32>(_spectrum, Width, Height));

    [Benchmark(Description = "fft_gaussian s=2")]
    public void FftGaussianSigma2() => FftGaussian.Apply(Source, Destination, 2.0);

    [Benchmark(Description = "histogram 256")]
    public void Histogram256()
    {
        if (Is16)
        {
            Histogram.Compute(new ReadOnlyImageSpan<ushort>(_u16, Width, Height), 0, 65536, _counts);
        }
        else
        {
            Histogram.Compute(new ReadOnlyImageSpan<byte>(_u8, Width, Height), 0, 256, _counts);
        }
    }

    [Benchmark(Description = "median 3x3")]
    public void Median3x3()
    {
        if (Is16)
        {
            MedianFilter.Apply(new ReadOnlyImageSpan<ushort>(_u16, Width, Height), Destination, 3);
        }
        else
        {
            MedianFilter.Apply(new ReadOnlyImageSpan<byte>(_u8, Width, Height), Destination, 3);
        }
    }

    [Benchmark(Description = "png decode")]
    public PngImage PngDecode() => PngDecoder.Decode(_png);

    [Benchmark(Description = "png encode")]
    public long PngEncode()
    {
        _pngOut.Position = 0;
        if (Is16)
        {
            PngEncoder.Encode(_pngOut, _u16, Width, Height, PngColorType.Gray);
        }
        else
        {
            PngEncoder.Encode(_pngOut, _u8, Width, Height, PngColorType.Gray);
        }

        return _pngOut.Position;
    }
}

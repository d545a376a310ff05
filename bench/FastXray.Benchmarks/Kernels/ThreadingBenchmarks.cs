using BenchmarkDotNet.Attributes;
using FastXray.Edges;
using FastXray.Filters;
using FastXray.Rank;
using FastXray.Synthetic;
using FastXray.Threading;

namespace FastXray.Benchmarks.Kernels;

/// <summary>
/// The row-band scheduler on a 4096x4096 8-bit phantom (float32 output): each filter with 1 thread (the plain
/// kernel call, since <see cref="RowBands"/> is serial for one thread) and 2 threads (two halo'd bands).
/// </summary>
public class ThreadingBenchmarks : IPixelCount
{
    private const int Size = 4096;
    private byte[] _source = [];
    private float[] _destination = [];

    public long Pixels => (long)Size * Size;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _source = ChestPhantom.Generate(Size, Size);
        _destination = new float[_source.Length];
    }

    [Benchmark]
    public void Gaussian_Sigma2() => Run(new BandedOp(Op.Gaussian, 8));

    [Benchmark]
    public void SobelMagnitude() => Run(new BandedOp(Op.SobelMagnitude, 1));

    [Benchmark]
    public void Median3x3() => Run(new BandedOp(Op.Median3, 1));

    [Benchmark]
    public void Uniform5x5() => Run(new BandedOp(Op.Uniform5, 2));

    [Benchmark]
    public void GaussianGradientMagnitude_Sigma2() => Run(new BandedOp(Op.GradientMagnitude, 8));

    private void Run(BandedOp op) =>
        RowBands.Filter(new ReadOnlyImageSpan<byte>(_source, Size, Size), new ImageSpan<float>(_destination, Size, Size), op, Threads);

    private enum Op
    {
        Gaussian,
        SobelMagnitude,
        Median3,
        Uniform5,
        GradientMagnitude,
    }

    /// <summary>Reach: the Gaussian radius (σ=2 → 8), 1 for Sobel and 3x3, 2 for 5x5; uniform sums are exact on 8-bit input.</summary>
    private readonly struct BandedOp(Op op, int reach) : IHaloFilter<byte, float>
    {
        public int Reach => reach;

        public void Apply(ReadOnlyImageSpan<byte> source, ImageSpan<float> destination)
        {
            switch (op)
            {
                case Op.Gaussian: GaussianFilter.Apply(source, destination, 2.0); break;
                case Op.SobelMagnitude: Sobel.Magnitude(source, destination); break;
                case Op.Median3: MedianFilter.Apply(source, destination, 3); break;
                case Op.Uniform5: UniformFilter.Apply(source, destination, 5); break;
                default: GaussianGradientMagnitude.Apply(source, destination, 2.0); break;
            }
        }
    }
}

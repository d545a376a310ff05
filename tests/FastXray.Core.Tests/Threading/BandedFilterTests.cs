using System.Runtime.InteropServices;
using FastXray.Edges;
using FastXray.Filters;
using FastXray.Rank;
using FastXray.Threading;
using Xunit;

namespace FastXray.Tests.Threading;

/// <summary>
/// Every filter run through <see cref="RowBands"/> with 2, 3 and 7 threads gives exactly the bytes of the
/// one-thread call: every border mode, 8-bit, 16-bit and float input, above the serial threshold and on an
/// odd small image with the threshold off.
/// </summary>
public sealed class BandedFilterTests
{
    public static TheoryData<string, BorderMode> Cases()
    {
        var data = new TheoryData<string, BorderMode>();
        foreach (string op in Ops)
        {
            foreach (BorderMode mode in new[] { BorderMode.Reflect, BorderMode.Mirror, BorderMode.Nearest, BorderMode.Constant, BorderMode.Wrap })
            {
                data.Add(op, mode);
            }
        }

        return data;
    }

    private static readonly string[] Ops =
    [
        "gaussian", "gaussian_order1", "gaussian_gradient_magnitude", "gaussian_laplace", "sobel0", "sobel1",
        "sobel_magnitude", "prewitt_magnitude", "laplace", "median3", "median5", "uniform5", "correlate",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bands_are_bit_identical_to_one_thread(string op, BorderMode mode)
    {
        // 640x431 = 275840 pixels, above the 512x512 threshold; 37x23 with the threshold off.
        foreach ((int width, int height, long serialBelow) in new[] { (640, 431, RowBands.DefaultSerialThreshold), (37, 23, 0L) })
        {
            var random = new Random(width + height);
            byte[] u8 = new byte[width * height];
            ushort[] u16 = new ushort[width * height];
            float[] f32 = new float[width * height];
            for (int i = 0; i < u8.Length; i++)
            {
                u8[i] = (byte)random.Next(256);
                u16[i] = (ushort)random.Next(65536);
                f32[i] = (float)(random.NextDouble() * 1000) - 200;
            }

            Check(u8, width, height, new OpFilter<byte>(op, mode), serialBelow);
            Check(u16, width, height, new OpFilter<ushort>(op, mode), serialBelow);
            Check(f32, width, height, new OpFilter<float>(op, mode), serialBelow);
        }
    }

    [Fact]
    public void A_serial_call_allocates_nothing_beyond_the_kernel()
    {
        // Below the threshold RowBands calls the kernel directly: the same allocation as the kernel alone (none).
        byte[] source = new byte[64 * 64];
        float[] destination = new float[64 * 64];
        var filter = new OpFilter<byte>("sobel_magnitude", BorderMode.Reflect);
        RowBands.Filter(new ReadOnlyImageSpan<byte>(source, 64, 64), new ImageSpan<float>(destination, 64, 64), filter, 4);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RowBands.Filter(new ReadOnlyImageSpan<byte>(source, 64, 64), new ImageSpan<float>(destination, 64, 64), filter, 4);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    private static void Check<T>(T[] input, int width, int height, OpFilter<T> filter, long serialBelow)
        where T : unmanaged
    {
        var source = new ReadOnlyImageSpan<T>(input, width, height);
        float[] expected = new float[input.Length];
        filter.Apply(source, new ImageSpan<float>(expected, width, height));
        foreach (int threads in new[] { 2, 3, 7 })
        {
            float[] actual = new float[input.Length];
            actual.AsSpan().Fill(float.NaN);
            RowBands.Filter(source, new ImageSpan<float>(actual, width, height), filter, threads, serialBelow);
            int at = MemoryMarshal.AsBytes(expected.AsSpan()).CommonPrefixLength(MemoryMarshal.AsBytes(actual.AsSpan())) / sizeof(float);
            Assert.True(at == expected.Length, $"{typeof(T).Name} {width}x{height} {threads} threads: first difference at row {at / width}, column {at % width}: {expected[Math.Min(at, expected.Length - 1)]} vs {actual[Math.Min(at, expected.Length - 1)]}");
        }
    }

    /// <summary>A Core filter with its reach, as the CLI declares them; wrap and inexact running sums are whole-image.</summary>
    private readonly struct OpFilter<T>(string op, BorderMode mode) : IHaloFilter<T, float>
        where T : unmanaged
    {
        private const double Cval = 3.5;
        private static readonly float[] s_weights = [1, 2, 0, -1, 3, 1, -2, 0.5f, 1, 1, 0, 2, 1, -1, 0];

        public int Reach => mode == BorderMode.Wrap ? -1 : op switch
        {
            "gaussian" or "gaussian_order1" or "gaussian_gradient_magnitude" => 8,
            "gaussian_laplace" => 4,
            "median5" => 3,
            // Running column sums in double are exact only on integer data.
            "uniform5" => typeof(T) == typeof(float) ? -1 : 2,
            "correlate" => 3,
            _ => 1,
        };

        public void Apply(ReadOnlyImageSpan<T> s, ImageSpan<float> d)
        {
            switch (op)
            {
                case "gaussian": GaussianFilter.Apply(s, d, 2.0, 0, mode, Cval); break;
                case "gaussian_order1": GaussianFilter.Apply(s, d, (2.0, 1.5), (1, 0), mode, Cval); break;
                case "gaussian_gradient_magnitude": GaussianGradientMagnitude.Apply(s, d, 2.0, mode, Cval); break;
                case "gaussian_laplace": GaussianLaplace.Apply(s, d, 1.0, mode, Cval); break;
                case "sobel0": Sobel.Apply(s, d, 0, mode, Cval); break;
                case "sobel1": Sobel.Apply(s, d, 1, mode, Cval); break;
                case "sobel_magnitude": Sobel.Magnitude(s, d, mode, Cval); break;
                case "prewitt_magnitude": Prewitt.Magnitude(s, d, mode, Cval); break;
                case "laplace": Laplace.Apply(s, d, mode, Cval); break;
                case "median3": MedianFilter.Apply(s, d, 3, mode, Cval); break;
                case "median5": MedianFilter.Apply(s, d, 5, 5, mode, Cval, 1, 0); break;
                case "uniform5": UniformFilter.Apply(s, d, 5, mode, Cval); break;
                case "correlate": Correlate.Apply(s, d, s_weights, 5, 3, mode, Cval, 1, -1); break;
                default: throw new ArgumentException(op);
            }
        }
    }
}

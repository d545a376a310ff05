using FastXray.Edges;
using FastXray.Filters;
using Xunit;

namespace FastXray.Core.Tests.Filters;

/// <summary>
/// Widths whose float rows sit on or near a multiple of 2 KiB / 4 KiB take the padded-stride layout of
/// <see cref="RowStride"/> (padded scratch rows, padded copy of an aliasing float source). The layout
/// must not change a single bit: each case is run with padding on and off at the active vector width
/// (exact equality) and against the scalar path with the tolerance of <see cref="SimdPathTests"/>.
/// </summary>
public sealed class StrideAliasingTests
{
    private const int Height = 37;
    private const float Sentinel = -12345.5f;

    public static TheoryData<int, BorderMode> Cases()
    {
        var data = new TheoryData<int, BorderMode>();
        foreach (int width in new[] { 512, 1024, 1023, 1025, 2048 })
        {
            foreach (BorderMode mode in Enum.GetValues<BorderMode>())
            {
                data.Add(width, mode);
            }
        }

        return data;
    }

    private static readonly string[] s_kernels = ["gaussian2", "gaussian_laplace1", "gradient_magnitude2", "sobel_magnitude", "sobel_axis1_cval", "gaussian_wide"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Padded_layout_is_bit_identical_for_byte_input(int width, BorderMode mode)
    {
        var rng = new Random(width + (int)mode);
        byte[] source = new byte[width * Height];
        rng.NextBytes(source);
        foreach (string kernel in s_kernels)
        {
            Check(kernel, mode, width, s => Run(kernel, mode, new ReadOnlyImageSpan<byte>(source, width, Height), width));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Padded_layout_is_bit_identical_for_ushort_input(int width, BorderMode mode)
    {
        var rng = new Random(width * 3 + (int)mode);
        ushort[] source = new ushort[width * Height];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = (ushort)rng.Next(65536);
        }

        foreach (string kernel in s_kernels)
        {
            Check(kernel, mode, width, s => Run(kernel, mode, new ReadOnlyImageSpan<ushort>(source, width, Height), width));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Padded_layout_is_bit_identical_for_float_input(int width, BorderMode mode)
    {
        float[] source = RandomFloats(width * Height, width * 7 + (int)mode);
        float[] original = (float[])source.Clone();
        foreach (string kernel in s_kernels)
        {
            Check(kernel, mode, width, s => Run(kernel, mode, new ReadOnlyImageSpan<float>(source, width, Height), width));
        }

        Assert.Equal(original, source);
    }

    // A caller stride that aliases although the width does not, and the in-place case (source = destination).
    [Theory]
    [InlineData(1000, 1024)]
    [InlineData(500, 512)]
    [InlineData(2040, 2049)]
    public void Strided_float_source_is_read_correctly(int width, int stride)
    {
        Assert.True(RowStride.Aliases(stride));
        float[] buffer = RandomFloats(stride * Height, width + stride);
        foreach (BorderMode mode in Enum.GetValues<BorderMode>())
        {
            foreach (string kernel in s_kernels)
            {
                Check(kernel, mode, width, s => Run(kernel, mode, new ReadOnlyImageSpan<float>(buffer, width, Height, stride), width));
            }
        }
    }

    [Fact]
    public void Padded_strides_have_an_odd_number_of_cache_lines()
    {
        bool? previous = RowStride.Force(true);
        try
        {
            Assert.Equal(1040, RowStride.For(1024));
            Assert.Equal(1040, RowStride.For(1023));
            Assert.Equal(1040, RowStride.For(1025));
            Assert.Equal(528, RowStride.For(512));
            Assert.Equal(2064, RowStride.For(2048));
            Assert.Equal(5, RowStride.For(5));
            for (int width = 64; width <= 9000; width++)
            {
                int stride = RowStride.For(width);
                Assert.True(stride >= width && stride - width < 32 && stride % 16 == 0 && (stride / 16) % 2 == 1, $"width {width}: stride {stride}");
                Assert.False(RowStride.Aliases(stride), $"width {width}: padded stride {stride} still aliases");
            }

            foreach (int s in new[] { 505, 512, 518, 1009, 1023, 1024, 1025, 1039, 1536, 2048, 2049, 4096 })
            {
                Assert.True(RowStride.Aliases(s), $"{s}");
            }

            foreach (int s in new[] { 4, 64, 256, 496, 504, 520, 600, 1000, 1008, 1040, 1056, 1280 })
            {
                Assert.False(RowStride.Aliases(s), $"{s}");
            }
        }
        finally
        {
            RowStride.Force(previous);
        }

        RowStride.Force(false);
        try
        {
            Assert.Equal(1024, RowStride.For(1024));
            Assert.False(RowStride.CopySource(1024, 17));
        }
        finally
        {
            RowStride.Force(previous);
        }
    }

    private static void Check(string kernel, BorderMode mode, int width, Func<int, float[]> run)
    {
        float[] padded = WithLayout(true, SimdCapabilities.Active, run);
        float[] plain = WithLayout(false, SimdCapabilities.Active, run);
        float[] scalar = WithLayout(true, SimdLevel.Scalar, run);
        for (int i = 0; i < padded.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(padded[i]) != BitConverter.SingleToInt32Bits(plain[i]))
            {
                Assert.Fail($"{kernel} {mode} width {width}: [{i}] padded {padded[i]} != unpadded {plain[i]}");
            }

            float tol = 2e-5f * Math.Max(1f, Math.Abs(scalar[i]));
            Assert.True(Math.Abs(padded[i] - scalar[i]) <= tol, $"{kernel} {mode} width {width}: [{i}] {padded[i]} vs scalar {scalar[i]}");
        }
    }

    private static float[] WithLayout(bool pad, SimdLevel level, Func<int, float[]> run)
    {
        bool? previousPad = RowStride.Force(pad);
        SimdLevel? previousLevel = SimdCapabilities.Force(level);
        try
        {
            return run(0);
        }
        finally
        {
            RowStride.Force(previousPad);
            SimdCapabilities.Force(previousLevel);
        }
    }

    private static float[] Run<T>(string kernel, BorderMode mode, ReadOnlyImageSpan<T> src, int width)
        where T : unmanaged
    {
        int n = width * Height;
        float[] output = new float[n + 9];
        output.AsSpan().Fill(Sentinel);
        var dst = new ImageSpan<float>(output.AsSpan(0, n), width, Height);
        switch (kernel)
        {
            case "gaussian2": GaussianFilter.Apply(src, dst, 2.0, 0, mode, 3); break;
            case "gaussian_laplace1": GaussianLaplace.Apply(src, dst, 1.0, mode, 3); break;
            case "gradient_magnitude2": GaussianGradientMagnitude.Apply(src, dst, 2.0, mode, 3); break;
            case "sobel_magnitude": Sobel.Magnitude(src, dst, mode, 3); break;
            case "sobel_axis1_cval": Sobel.Apply(src, dst, 1, mode, 7); break;
            case "gaussian_wide": GaussianFilter.Apply(src, dst, (4.0, 1.0), (1, 0), mode, 3); break;
            default: throw new ArgumentException(kernel);
        }

        for (int i = n; i < output.Length; i++)
        {
            Assert.Equal(Sentinel, output[i]);
        }

        return output.AsSpan(0, n).ToArray();
    }

    private static float[] RandomFloats(int n, int seed)
    {
        var rng = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = (float)(rng.NextDouble() * 255);
        }

        return a;
    }
}

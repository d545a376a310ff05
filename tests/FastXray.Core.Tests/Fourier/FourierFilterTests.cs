using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastXray.Fourier;
using Xunit;

namespace FastXray.Core.Tests.Fourier;

/// <summary>fourier_gaussian / fourier_uniform: scipy's documented factors, layouts, edge cases and the SIMD row kernel.</summary>
public class FourierFilterTests
{
    [Fact]
    public void Gaussian_ComplexLayout_MatchesScipyExample()
    {
        // ndimage-semantics §11: N=5, sigma=1 -> [1, 0.4540407387, 0.0424990563, 0.0424990563, 0.4540407387].
        var ones = Enumerable.Repeat(new Complex32(1f, 1f), 5).ToArray();
        var result = new Complex32[5];
        FourierGaussian.Apply(new ReadOnlyImageSpan<Complex32>(ones, 5, 1), new ImageSpan<Complex32>(result, 5, 1), 1.0);
        double[] expected = [1, 0.4540407387, 0.0424990563, 0.0424990563, 0.4540407387];
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(expected[i], result[i].Real, 7);
            Assert.Equal(expected[i], result[i].Imaginary, 7);
        }
    }

    [Fact]
    public void Uniform_ComplexLayout_MatchesScipyExample()
    {
        // §11: N=6, size=3 -> [1, 0.63662, ~0, -0.21221, ~0, 0.63662]; size 0 -> 0 for every k != 0.
        var result = new float[6];
        FourierUniform.Apply(Ones(6, 1), new ImageSpan<float>(result, 6, 1), 3.0);
        double[] expected = [1, 0.6366197724, 0, -0.2122065908, 0, 0.6366197724];
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i], result[i], 6);
        }

        FourierUniform.Apply(Ones(6, 1), new ImageSpan<float>(result, 6, 1), 0.0);
        Assert.Equal([1f, 0f, 0f, 0f, 0f, 0f], result);
    }

    [Fact]
    public void Gaussian_IsExactlyZeroBeyondTheExponentCutoff()
    {
        // N=64, sigma=10: entries whose exponent passes -50 are exactly 0; exp(-50) itself would be 1.9e-22.
        var result = new float[64];
        FourierGaussian.Apply(Ones(64, 1), new ImageSpan<float>(result, 64, 1), 10.0);
        for (int i = 0; i < 64; i++)
        {
            double k = i < 32 ? i : i - 64;
            double exponent = 2 * Math.PI * Math.PI * 100 * k * k / (64.0 * 64.0);
            if (exponent > 50)
            {
                Assert.Equal(0f, result[i]);
            }
            else
            {
                Assert.Equal(Math.Exp(-exponent), result[i], 1e-7 + (1e-6 * Math.Exp(-exponent)));
            }
        }
    }

    [Fact]
    public void TutorialCall_IsAMildAttenuationNotABlur()
    {
        // fourier_gaussian(xray_uint8, sigma=0.05) on 1024x1024: factor 1 at (0,0), 0.9756279 at (512,512) (§11).
        var image = new byte[1024 * 1024];
        Array.Fill(image, (byte)200);
        var result = new float[1024 * 1024];
        FourierGaussian.Apply(new ReadOnlyImageSpan<byte>(image, 1024, 1024), new ImageSpan<float>(result, 1024, 1024), 0.05);
        Assert.Equal(200f, result[0]);
        Assert.Equal(200 * 0.9756279, result[(512 * 1024) + 512], 3e-5 * 200);
        Assert.Equal(result[(3 * 1024) + 5], result[((1024 - 3) * 1024) + (1024 - 5)]);
    }

    [Fact]
    public void RealTransformAxis_UsesIndexAsFrequency_AndNAsLength()
    {
        // n >= 0 along the axis: k = 0..len-1 and N = n; the other axis keeps the complex layout.
        var result = new float[4 * 5];
        FourierGaussian.Apply(Ones(5, 4), new ImageSpan<float>(result, 5, 4), 1.5, n: 8, axis: -1);
        for (int y = 0; y < 4; y++)
        {
            double ky = y < 2 ? y : y - 4;
            for (int x = 0; x < 5; x++)
            {
                double expected = Math.Exp(-2 * Math.PI * Math.PI * 2.25 * ((ky * ky / 16) + (x * x / 64.0)));
                Assert.Equal(expected, result[(y * 5) + x], 2e-7);
            }
        }
    }

    [Fact]
    public void LengthOneAxes_AndPerAxisSigma()
    {
        // Axes of length 1 contribute 1 whatever sigma; sigma (0, 1) leaves axis 0 untouched.
        var single = new float[1];
        FourierGaussian.Apply(Ones(1, 1), new ImageSpan<float>(single, 1, 1), 1e6);
        Assert.Equal(1f, single[0]);

        var result = new float[3 * 4];
        FourierGaussian.Apply(Ones(4, 3), new ImageSpan<float>(result, 4, 3), 0.0, 1.0, -1, -1);
        var row = new float[4];
        FourierGaussian.Apply(Ones(4, 1), new ImageSpan<float>(row, 4, 1), 1.0);
        for (int y = 0; y < 3; y++)
        {
            Assert.Equal(row, result.AsSpan(y * 4, 4).ToArray());
        }
    }

    [Fact]
    public void PixelTypes_AgreeAndFloatAndComplexWorkInPlace()
    {
        const int h = 9;
        const int w = 13;
        var bytes = new byte[h * w];
        new Random(5).NextBytes(bytes);
        float[] floats = Array.ConvertAll(bytes, b => (float)b);
        var fromBytes = new float[h * w];
        var fromShorts = new float[h * w];
        FourierUniform.Apply(new ReadOnlyImageSpan<byte>(bytes, w, h), new ImageSpan<float>(fromBytes, w, h), 2.5);
        FourierUniform.Apply(new ReadOnlyImageSpan<ushort>(Array.ConvertAll(bytes, b => (ushort)b), w, h), new ImageSpan<float>(fromShorts, w, h), 2.5);
        FourierUniform.Apply(new ReadOnlyImageSpan<float>(floats, w, h), new ImageSpan<float>(floats, w, h), 2.5);
        Assert.Equal(fromBytes, fromShorts);
        Assert.Equal(fromBytes, floats);

        Complex32[] z = Array.ConvertAll(bytes, b => new Complex32(b, -b));
        var expected = new Complex32[h * w];
        FourierGaussian.Apply(new ReadOnlyImageSpan<Complex32>(z, w, h), new ImageSpan<Complex32>(expected, w, h), 0.7);
        FourierGaussian.Apply(new ReadOnlyImageSpan<Complex32>(z, w, h), new ImageSpan<Complex32>(z, w, h), 0.7);
        Assert.Equal(expected, z);
        for (int i = 0; i < z.Length; i++)
        {
            Assert.Equal(-z[i].Real, z[i].Imaginary);
        }
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        var d = new float[12];
        Assert.Throws<ArgumentOutOfRangeException>(() => FourierGaussian.Apply(Ones(4, 3), new ImageSpan<float>(d, 4, 3), 1.0, n: 4, axis: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => FourierUniform.Apply(Ones(4, 3), new ImageSpan<float>(d, 4, 3), 1.0, n: 4, axis: -3));
        Assert.Throws<ArgumentException>(() => FourierGaussian.Apply(Ones(4, 3), new ImageSpan<float>(d, 3, 4), 1.0));
        Assert.Throws<NotSupportedException>(() => FourierGaussian.Apply(new ReadOnlyImageSpan<int>(new int[12], 4, 3), new ImageSpan<float>(d, 4, 3), 1.0));
        var shared = new float[20];
        Assert.Throws<ArgumentException>(() => FourierGaussian.Apply(new ReadOnlyImageSpan<float>(shared, 4, 3), new ImageSpan<float>(shared.AsSpan(2), 4, 3), 1.0));
        var z = new Complex32[20];
        Assert.Throws<ArgumentException>(() => FourierUniform.Apply(new ReadOnlyImageSpan<Complex32>(z, 4, 3), new ImageSpan<Complex32>(z.AsSpan(1), 4, 3), 1.0));
    }

    [Fact]
    public void EmptyImages_AreFine()
    {
        FourierGaussian.Apply(new ReadOnlyImageSpan<byte>([], 0, 0), new ImageSpan<float>([], 0, 0), 1.0);
        FourierUniform.Apply(new ReadOnlyImageSpan<Complex32>([], 0, 5), new ImageSpan<Complex32>([], 0, 5), 1.0);
        Assert.True(new ImageSpan<float>([], 0, 0).IsEmpty);
    }

    /// <summary>The row kernel at every length 0..3·16+1, unaligned starts, in place and out of place, vs its scalar form.</summary>
    [Fact]
    public void ScaleRow_EveryLengthAndOffset_MatchesScalar()
    {
        var rng = new Random(11);
        for (int n = 0; n <= (3 * Vector512<float>.Count) + 1; n++)
        {
            for (int offset = 0; offset < 4; offset++)
            {
                float[] source = Enumerable.Range(0, n + 8).Select(_ => (float)((rng.NextDouble() * 512) - 256)).ToArray();
                float[] factor = Enumerable.Range(0, n + 8).Select(_ => (float)rng.NextDouble()).ToArray();
                const float scale = 0.8125f;
                var expected = new float[n];
                for (int i = 0; i < n; i++)
                {
                    expected[i] = source[offset + i] * (factor[offset + 1 + i] * scale);
                }

                Check<float, ScalarLanes>(source, factor, expected, n, offset);
                Check<Vector128<float>, Lanes128>(source, factor, expected, n, offset);
                Check<Vector256<float>, Lanes256>(source, factor, expected, n, offset);
                Check<Vector512<float>, Lanes512>(source, factor, expected, n, offset);
            }
        }

        static void Check<TV, TOps>(float[] source, float[] factor, float[] expected, int n, int offset)
            where TV : struct
            where TOps : struct, IFftLanes<TV>
        {
            var destination = Enumerable.Repeat(-99f, n + 8).ToArray();
            FourierFilter.ScaleRow<TV, TOps>(source.AsSpan(offset, n), factor.AsSpan(offset + 1, n), 0.8125f, destination.AsSpan(offset + 2, n));
            Assert.Equal(expected, destination.AsSpan(offset + 2, n).ToArray());
            Assert.All(destination.AsSpan(0, offset + 2).ToArray(), v => Assert.Equal(-99f, v));
            Assert.All(destination.AsSpan(offset + 2 + n).ToArray(), v => Assert.Equal(-99f, v));

            float[] inPlace = (float[])source.Clone();
            FourierFilter.ScaleRow<TV, TOps>(inPlace.AsSpan(offset, n), factor.AsSpan(offset + 1, n), 0.8125f, inPlace.AsSpan(offset, n));
            Assert.Equal(expected, inPlace.AsSpan(offset, n).ToArray());
        }
    }

    [Fact]
    public void EverySimdWidth_MatchesScalarExactly_ForWholeImages()
    {
        for (int w = 0; w <= 49; w++)
        {
            foreach (int h in new[] { 1, 3 })
            {
                var bytes = new byte[h * w];
                new Random(w).NextBytes(bytes);
                Complex32[] z = Array.ConvertAll(bytes, b => new Complex32(b, 255 - b));
                (float[] Real, Complex32[] Complex) Run()
                {
                    var real = new float[h * w];
                    var complex = new Complex32[h * w];
                    FourierGaussian.Apply(new ReadOnlyImageSpan<byte>(bytes, w, h), new ImageSpan<float>(real, w, h), 0.9, 1.7, 2 * w, -1);
                    FourierUniform.Apply(new ReadOnlyImageSpan<Complex32>(z, w, h), new ImageSpan<Complex32>(complex, w, h), 3.5);
                    return (real, complex);
                }

                (float[] Real, Complex32[] Complex) scalar = default;
                FftTest.WithLanes(1, () => scalar = Run());
                foreach (int lanes in new[] { 4, 8, 16 })
                {
                    (float[] Real, Complex32[] Complex) simd = default;
                    FftTest.WithLanes(lanes, () => simd = Run());
                    Assert.Equal(scalar.Real, simd.Real);
                    Assert.True(MemoryMarshal.Cast<Complex32, float>(scalar.Complex).SequenceEqual(MemoryMarshal.Cast<Complex32, float>(simd.Complex)), $"w={w} lanes={lanes}");
                }
            }
        }
    }

    private static ReadOnlyImageSpan<float> Ones(int w, int h) => new(Enumerable.Repeat(1f, w * h).ToArray(), w, h);
}

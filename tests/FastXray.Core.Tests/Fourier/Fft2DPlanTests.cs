using System.Numerics;
using System.Runtime.InteropServices;
using FastXray.Fourier;
using Xunit;

namespace FastXray.Core.Tests.Fourier;

/// <summary>2-D transforms against a separable O(n²) float64 DFT, across shapes, views and SIMD widths.</summary>
public class Fft2DPlanTests
{
    public static TheoryData<int, int> Shapes() => new()
    {
        { 1, 1 }, { 1, 7 }, { 7, 1 }, { 1, 16 }, { 16, 1 }, { 2, 3 }, { 3, 2 }, { 13, 11 }, { 16, 12 },
        { 64, 64 }, { 3, 64 }, { 33, 17 }, { 20, 48 }, { 40, 9 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_And_Inverse_MatchDft(int h, int w)
    {
        Complex32[] x = FftTest.ZeroMeanComplex(h * w, (h * 100) + w);
        var actual = new Complex32[h * w];
        Fft2DPlan plan = Fft2DPlan.Get(h, w);
        plan.Forward(Image(x, w, h), Dest(actual, w, h));
        FftTest.AssertClose(Dft.Transform2D(Dft.ToDouble(x), h, w, inverse: false), actual, FftTest.Tolerance(h, w), $"fft2 {h}x{w}");
        plan.Inverse(Image(x, w, h), Dest(actual, w, h));
        FftTest.AssertClose(Dft.Transform2D(Dft.ToDouble(x), h, w, inverse: true), actual, FftTest.Tolerance(h, w), $"ifft2 {h}x{w}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardReal_MatchesDft(int h, int w)
    {
        float[] x = FftTest.ZeroMeanReal(h * w, (h * 100) + w);
        int half = (w / 2) + 1;
        var actual = new Complex32[h * half];
        Fft2DPlan.Get(h, w).ForwardReal(new ReadOnlyImageSpan<float>(x, w, h), Dest(actual, half, h));
        Complex[] full = Dft.Transform2D(Dft.ToDouble(x), h, w, inverse: false);
        FftTest.AssertClose(Crop(full, w, half, h), actual, FftTest.Tolerance(h, w), $"rfft2 {h}x{w}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void InverseReal_MatchesNumPySemantics(int h, int w)
    {
        // numpy.fft.irfft2: complex inverse over columns, then irfft over rows (DC/Nyquist imaginary parts dropped).
        int half = (w / 2) + 1;
        Complex32[] spectrum = FftTest.ZeroMeanComplex(h * half, (h * 100) + w + 1);
        var actual = new float[h * w];
        Fft2DPlan.Get(h, w).InverseReal(Image(spectrum, half, h), new ImageSpan<float>(actual, w, h));
        Complex[] s = Dft.ToDouble(spectrum);
        var columns = new Complex[h * half];
        var column = new Complex[h];
        for (int c = 0; c < half; c++)
        {
            for (int y = 0; y < h; y++)
            {
                column[y] = s[(y * half) + c];
            }

            Complex[] t = Dft.Transform(column, inverse: true);
            for (int y = 0; y < h; y++)
            {
                columns[(y * half) + c] = t[y];
            }
        }

        var expected = new double[h * w];
        for (int y = 0; y < h; y++)
        {
            FftTest.InverseRealReference(columns.AsSpan(y * half, half), w).CopyTo(expected, y * w);
        }

        double scale = s.Sum(c => c.Magnitude) * 2 / (h * w);
        FftTest.AssertClose([.. expected, scale], [.. actual, (float)scale], FftTest.Tolerance(h, w), $"irfft2 {h}x{w}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RoundTrips_AndParseval(int h, int w)
    {
        Fft2DPlan plan = Fft2DPlan.Get(h, w);
        Complex32[] x = FftTest.ZeroMeanComplex(h * w, h + (7 * w));
        var spectrum = new Complex32[h * w];
        var back = new Complex32[h * w];
        plan.Forward(Image(x, w, h), Dest(spectrum, w, h));
        plan.Inverse(Image(spectrum, w, h), Dest(back, w, h));
        FftTest.AssertClose(Dft.ToDouble(x), back, 2 * FftTest.Tolerance(h, w), $"ifft2(fft2) {h}x{w}");

        double time = x.Sum(c => c.Magnitude * c.Magnitude);
        double frequency = spectrum.Sum(c => c.Magnitude * c.Magnitude) / (h * w);
        Assert.True(Math.Abs(time - frequency) <= 2 * FftTest.Tolerance(h, w) * time, $"Parseval {h}x{w}: {time} vs {frequency}");

        float[] r = FftTest.ZeroMeanReal(h * w, h + (9 * w));
        int half = (w / 2) + 1;
        var halfSpectrum = new Complex32[h * half];
        var real = new float[h * w];
        plan.ForwardReal(new ReadOnlyImageSpan<float>(r, w, h), Dest(halfSpectrum, half, h));
        plan.InverseReal(Image(halfSpectrum, half, h), new ImageSpan<float>(real, w, h));
        FftTest.AssertClose(Array.ConvertAll(r, v => (double)v), real, 2 * FftTest.Tolerance(h, w), $"irfft2(rfft2) {h}x{w}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RealPath_EqualsComplexPath(int h, int w)
    {
        float[] x = FftTest.ZeroMeanReal(h * w, h * w);
        int half = (w / 2) + 1;
        var real = new Complex32[h * half];
        var full = new Complex32[h * w];
        Fft2DPlan plan = Fft2DPlan.Get(h, w);
        plan.ForwardReal(new ReadOnlyImageSpan<float>(x, w, h), Dest(real, half, h));
        plan.Forward(Image(Array.ConvertAll(x, v => new Complex32(v, 0f)), w, h), Dest(full, w, h));
        FftTest.AssertClose(Crop(Dft.ToDouble(full), w, half, h), real, 2 * FftTest.Tolerance(h, w), $"{h}x{w}");
    }

    [Fact]
    public void PixelTypes_GiveIdenticalSpectra()
    {
        const int h = 21;
        const int w = 35;
        var bytes = new byte[h * w];
        new Random(3).NextBytes(bytes);
        ushort[] shorts = Array.ConvertAll(bytes, b => (ushort)b);
        float[] floats = Array.ConvertAll(bytes, b => (float)b);
        int half = (w / 2) + 1;
        var a = new Complex32[h * half];
        var b = new Complex32[h * half];
        var c = new Complex32[h * half];
        Fft2DPlan plan = Fft2DPlan.Get(h, w);
        plan.ForwardReal(new ReadOnlyImageSpan<byte>(bytes, w, h), Dest(a, half, h));
        plan.ForwardReal(new ReadOnlyImageSpan<ushort>(shorts, w, h), Dest(b, half, h));
        plan.ForwardReal(new ReadOnlyImageSpan<float>(floats, w, h), Dest(c, half, h));
        Assert.Equal(c, a);
        Assert.Equal(c, b);
    }

    /// <summary>Widths 1..3·16+1 (every strip tail of every lane count) at a few heights, and the transpose.</summary>
    public static TheoryData<int, int> Sweep()
    {
        // A set, because the two families meet (e.g. 33x2 is both "height 33" and "width 1+1"): xunit would
        // otherwise skip the repeats with a duplicate-ID warning.
        var shapes = new SortedSet<(int H, int W)>();
        for (int n = 1; n <= 49; n++)
        {
            foreach (int other in new[] { 1, 7, 33 })
            {
                shapes.Add((other, n));
                shapes.Add((n, other + 1));
            }
        }

        var data = new TheoryData<int, int>();
        foreach ((int h, int w) in shapes)
        {
            data.Add(h, w);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sweep))]
    public void EverySimdWidth_MatchesScalarExactly(int h, int w)
    {
        float[] r = FftTest.ZeroMeanReal(h * w, (h * 31) + w);
        Complex32[] z = FftTest.ZeroMeanComplex(h * w, (h * 37) + w);
        int half = (w / 2) + 1;
        Complex32[] zHalf = FftTest.ZeroMeanComplex(h * half, (h * 41) + w);
        float[][] Run()
        {
            Fft2DPlan plan = Fft2DPlan.Get(h, w);
            var fwd = new Complex32[h * w];
            var inv = new Complex32[h * w];
            var rf = new Complex32[h * half];
            var ri = new float[h * w];
            var blur = new float[h * w];
            plan.Forward(Image(z, w, h), Dest(fwd, w, h));
            plan.Inverse(Image(z, w, h), Dest(inv, w, h));
            plan.ForwardReal(new ReadOnlyImageSpan<float>(r, w, h), Dest(rf, half, h));
            plan.InverseReal(Image(zHalf, half, h), new ImageSpan<float>(ri, w, h));
            FftGaussian.Apply(new ReadOnlyImageSpan<float>(r, w, h), new ImageSpan<float>(blur, w, h), 1.5);
            return [Floats(fwd), Floats(inv), Floats(rf), ri, blur];
        }

        float[][] scalar = null!;
        FftTest.WithLanes(1, () => scalar = Run());
        foreach (int lanes in new[] { 4, 8, 16 })
        {
            float[][] simd = null!;
            FftTest.WithLanes(lanes, () => simd = Run());
            for (int op = 0; op < scalar.Length; op++)
            {
                Assert.True(scalar[op].AsSpan().SequenceEqual(simd[op]), $"{h}x{w} lanes={lanes} op={op}: SIMD differs from scalar");
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 9, 3)]
    [InlineData(17, 33, 1)]
    [InlineData(32, 16, 2)]
    [InlineData(12, 50, 5)]
    public void StridedUnalignedViews_GiveTheDenseResult_AndLeaveThePaddingAlone(int h, int w, int offset)
    {
        int half = (w / 2) + 1;
        Complex32[] z = FftTest.ZeroMeanComplex(h * w, h + w);
        float[] r = FftTest.ZeroMeanReal(h * w, h - w);
        Fft2DPlan plan = Fft2DPlan.Get(h, w);
        var dense = new Complex32[h * w];
        plan.Forward(Image(z, w, h), Dest(dense, w, h));
        var denseReal = new Complex32[h * half];
        plan.ForwardReal(new ReadOnlyImageSpan<float>(r, w, h), Dest(denseReal, half, h));
        var denseBack = new float[h * w];
        plan.InverseReal(Image(denseReal, half, h), new ImageSpan<float>(denseBack, w, h));

        var sentinel = new Complex32(float.NaN, -7f);
        (Complex32[] src, int srcStride) = Embed(z, w, h, offset, sentinel);
        (Complex32[] dst, int dstStride) = Embed(new Complex32[h * w], w, h, offset + 1, sentinel);
        plan.Forward(new ReadOnlyImageSpan<Complex32>(src.AsSpan(offset), w, h, srcStride), new ImageSpan<Complex32>(dst.AsSpan(offset + 1), w, h, dstStride));
        AssertEmbedded(dense, dst, w, h, offset + 1, dstStride, sentinel);

        (float[] rs, int rStride) = Embed(r, w, h, offset, float.NaN);
        (Complex32[] hs, int hStride) = Embed(new Complex32[h * half], half, h, offset + 2, sentinel);
        plan.ForwardReal(new ReadOnlyImageSpan<float>(rs.AsSpan(offset), w, h, rStride), new ImageSpan<Complex32>(hs.AsSpan(offset + 2), half, h, hStride));
        AssertEmbedded(denseReal, hs, half, h, offset + 2, hStride, sentinel);

        (float[] back, int bStride) = Embed(new float[h * w], w, h, offset + 3, -1234.5f);
        plan.InverseReal(new ReadOnlyImageSpan<Complex32>(hs.AsSpan(offset + 2), half, h, hStride), new ImageSpan<float>(back.AsSpan(offset + 3), w, h, bStride));
        AssertEmbedded(denseBack, back, w, h, offset + 3, bStride, -1234.5f);
    }

    [Fact]
    public void InPlace_EqualsOutOfPlace()
    {
        foreach ((int h, int w) in new[] { (1, 1), (13, 11), (16, 12), (64, 64) })
        {
            Complex32[] z = FftTest.ZeroMeanComplex(h * w, h * w);
            var expected = new Complex32[h * w];
            Fft2DPlan.Get(h, w).Inverse(Image(z, w, h), Dest(expected, w, h));
            Fft2DPlan.Get(h, w).Inverse(Image(z, w, h), Dest(z, w, h));
            Assert.Equal(expected, z);
        }
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Fft2DPlan plan = Fft2DPlan.Get(4, 6);
        Assert.Equal(4, plan.SpectrumWidth);
        Assert.Throws<ArgumentException>(() => plan.Forward(Image(new Complex32[24], 6, 4), Dest(new Complex32[24], 4, 6)));
        Assert.Throws<ArgumentException>(() => plan.ForwardReal(new ReadOnlyImageSpan<float>(new float[24], 6, 4), Dest(new Complex32[24], 6, 4)));
        Assert.Throws<ArgumentException>(() => plan.InverseReal(Image(new Complex32[24], 6, 4), new ImageSpan<float>(new float[24], 6, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Fft2DPlan(0, 4));
        Assert.Throws<NotSupportedException>(() => plan.ForwardReal(new ReadOnlyImageSpan<int>(new int[24], 6, 4), Dest(new Complex32[16], 4, 4)));

        var shared = new Complex32[40];
        Assert.Throws<ArgumentException>(() => plan.Forward(Image(shared, 6, 4), new ImageSpan<Complex32>(shared.AsSpan(1), 6, 4)));
        float[] floats = new float[64];
        Assert.Throws<ArgumentException>(() => plan.ForwardReal(
            new ReadOnlyImageSpan<float>(floats, 6, 4),
            new ImageSpan<Complex32>(MemoryMarshal.Cast<float, Complex32>(floats.AsSpan()), 4, 4)));
    }

    internal static ReadOnlyImageSpan<Complex32> Image(Complex32[] data, int w, int h) => new(data, w, h);

    internal static ImageSpan<Complex32> Dest(Complex32[] data, int w, int h) => new(data, w, h);

    internal static float[] Floats(Complex32[] z) => MemoryMarshal.Cast<Complex32, float>(z).ToArray();

    private static Complex[] Crop(Complex[] full, int w, int half, int h)
    {
        var r = new Complex[h * half];
        for (int y = 0; y < h; y++)
        {
            full.AsSpan(y * w, half).CopyTo(r.AsSpan(y * half, half));
        }

        return r;
    }

    /// <summary>Copies a dense image into a larger buffer at <paramref name="offset"/> with stride w+3, padding = fill.</summary>
    internal static (T[] Buffer, int Stride) Embed<T>(T[] dense, int w, int h, int offset, T fill)
    {
        int stride = w + 3;
        var buffer = new T[offset + (h * stride) + 5];
        Array.Fill(buffer, fill);
        for (int y = 0; y < h; y++)
        {
            Array.Copy(dense, y * w, buffer, offset + (y * stride), w);
        }

        return (buffer, stride);
    }

    internal static void AssertEmbedded<T>(T[] dense, T[] buffer, int w, int h, int offset, int stride, T fill)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            int rel = i - offset;
            bool inside = rel >= 0 && rel / stride < h && rel % stride < w;
            T expected = inside ? dense[((rel / stride) * w) + (rel % stride)] : fill;
            Assert.True(EqualityComparer<T>.Default.Equals(expected, buffer[i]), $"index {i} (inside={inside}): {buffer[i]} != {expected}");
        }
    }
}

using FastXray.Intensity;
using FastXray.Tests;
using Xunit;
using Xunit.Sdk;

namespace FastXray.Core.Tests.Intensity;

public sealed class WindowTests
{
    public static TheoryData<double, double, WindowFunction> Windows => new()
    {
        { 40, 400, WindowFunction.Linear },
        { 128, 256, WindowFunction.Linear },
        { 100.3, 17.25, WindowFunction.Linear },
        { 60, 1, WindowFunction.Linear },
        { 60.5, 2, WindowFunction.Linear },
        { 33000.7, 12000, WindowFunction.Linear },
        { 40, 400, WindowFunction.LinearExact },
        { 100.3, 0.5, WindowFunction.LinearExact },
        { 33000.7, 3.25, WindowFunction.LinearExact },
        { -1000, 4000, WindowFunction.LinearExact },
    };

    /// <summary>PS3.3 C.11.2.1.2.1 / C.11.2.1.3.2 in float64, literally, with ymin 0 and ymax 255.</summary>
    public static double Reference(double x, double c, double w, WindowFunction f)
    {
        if (f == WindowFunction.Linear)
        {
            if (x <= c - 0.5 - ((w - 1) / 2))
            {
                return 0;
            }

            return x > c - 0.5 + ((w - 1) / 2) ? 255 : (((x - (c - 0.5)) / (w - 1)) + 0.5) * 255;
        }

        if (x <= c - (w / 2))
        {
            return 0;
        }

        return x > c + (w / 2) ? 255 : (((x - c) / w) + 0.5) * 255;
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void Matches_the_standard_on_every_8_bit_and_16_bit_value(double c, double w, WindowFunction f)
    {
        byte[] u8 = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        ushort[] u16 = Enumerable.Range(0, 65536).Select(i => (ushort)i).ToArray();
        Check(u8, b => b, c, w, f);
        Check(u16, v => v, c, w, f);
        float[] f32 = [-5000.25f, -160f, -159.5f, 0.49f, 99.99f, 239f, 239.01f, 1e9f, 33000.7f, 27000.5f, 39000.2f];
        Check(f32, v => v, c, w, f);
    }

    [Fact]
    public void Thresholds_are_exact_for_float_samples()
    {
        // LINEAR, w = 1: T = c - 0.5. float(T) rounds up to 100 here, yet 100 > T must give 255.
        CheckOne(100f, 100.49999999, 1, WindowFunction.Linear, 255);
        // ... and rounds down to 100 here, and 100 <= T gives 0.
        CheckOne(100f, 100.50000001, 1, WindowFunction.Linear, 0);
        // LINEAR_EXACT lower threshold c - w/2 just below and just above 1000.
        CheckOne(1000f, 1000.0000001 + 5, 10, WindowFunction.LinearExact, 0);
        CheckOne(1000f, 999.9999999 + 5, 10, WindowFunction.LinearExact, (float)Reference(1000, 999.9999999 + 5, 10, WindowFunction.LinearExact));
    }

    [Fact]
    public void Every_length_and_offset_matches_the_scalar_operator()
    {
        var rng = new Random(8);
        for (int width = 0; width <= 49; width++)
        {
            int height = 1 + (width % 3);
            int stride = width + (width % 5);
            int offset = width % 4;
            var dense = new ushort[width * height];
            for (int i = 0; i < dense.Length; i++)
            {
                dense[i] = (ushort)rng.Next(3000, 5000);
            }

            ushort[] src = FixtureInputs.Strided<ushort>(dense, width, height, stride, offset, 1);
            var view = new ReadOnlyImageSpan<ushort>(src.AsSpan(offset), width, height, stride);
            float[] outF = new float[src.Length];
            byte[] outB = new byte[src.Length];
            outF.AsSpan().Fill(-7f);
            outB.AsSpan().Fill(0xEE);
            Window.Apply(view, new ImageSpan<float>(outF.AsSpan(offset), width, height, stride), 4000.2, 1500.5);
            Window.Apply(view, new ImageSpan<byte>(outB.AsSpan(offset), width, height, stride), 4000.2, 1500.5);
            WindowOperator op = WindowOperator.Create(4000.2, 1500.5, WindowFunction.Linear);
            for (int i = 0; i < src.Length; i++)
            {
                int rel = i - offset;
                bool inside = rel >= 0 && rel < height * stride && rel % stride < width;
                float expected = inside ? op.Invoke((float)src[i]) : -7f;
                byte expectedByte = inside ? (byte)MathF.Round(expected) : (byte)0xEE;
                if (outF[i] != expected || outB[i] != expectedByte)
                {
                    throw new XunitException($"width {width}, element {i}: {outF[i]}/{outB[i]}, expected {expected}/{expectedByte}");
                }
            }
        }
    }

    [Fact]
    public void Nan_is_nan_in_float_and_zero_in_bytes()
    {
        float[] src = Enumerable.Repeat(float.NaN, 20).ToArray();
        var f = new float[20];
        var b = new byte[20];
        b.AsSpan().Fill(9);
        Window.Apply(new ReadOnlyImageSpan<float>(src, 20, 1), new ImageSpan<float>(f, 20, 1), 10, 5);
        Window.Apply(new ReadOnlyImageSpan<float>(src, 20, 1), new ImageSpan<byte>(b, 20, 1), 10, 5);
        Assert.All(f, v => Assert.True(float.IsNaN(v)));
        Assert.All(b, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Destination_may_be_the_source()
    {
        float[] img = Enumerable.Range(0, 300).Select(i => (float)i).ToArray();
        float[] expected = new float[300];
        Window.Apply(new ReadOnlyImageSpan<float>(img, 30, 10), new ImageSpan<float>(expected, 30, 10), 150, 100);
        Window.Apply(new ReadOnlyImageSpan<float>(img, 30, 10), new ImageSpan<float>(img, 30, 10), 150, 100);
        Assert.Equal(expected, img);
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        var s = new byte[4];
        var d = new float[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => Window.Apply(new ReadOnlyImageSpan<byte>(s, 2, 2), new ImageSpan<float>(d, 2, 2), 10, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Window.Apply(new ReadOnlyImageSpan<byte>(s, 2, 2), new ImageSpan<float>(d, 2, 2), 10, 0, WindowFunction.LinearExact));
        Assert.Throws<ArgumentOutOfRangeException>(() => Window.Apply(new ReadOnlyImageSpan<byte>(s, 2, 2), new ImageSpan<float>(d, 2, 2), double.NaN, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Window.Apply(new ReadOnlyImageSpan<byte>(s, 2, 2), new ImageSpan<float>(d, 2, 2), 1, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => Window.Apply(new ReadOnlyImageSpan<byte>(s, 2, 2), new ImageSpan<float>(d, 2, 2), 1, 5, (WindowFunction)7));
        Assert.Throws<ArgumentException>(() => Window.Apply(new ReadOnlyImageSpan<byte>(s, 2, 2), new ImageSpan<float>(d, 4, 1), 1, 5));
    }

    [Fact]
    public void Allocates_nothing()
    {
        var src = new ushort[1000 * 10];
        var f = new float[src.Length];
        var b = new byte[src.Length];
        AllocationAssert.None(
            () =>
            {
                Window.Apply(new ReadOnlyImageSpan<ushort>(src, 1000, 10), new ImageSpan<float>(f, 1000, 10), 2000, 400);
                Window.Apply(new ReadOnlyImageSpan<ushort>(src, 1000, 10), new ImageSpan<byte>(b, 1000, 10), 2000, 400, WindowFunction.LinearExact);
            },
            "window");
    }

    private static void Check<T>(T[] values, Func<T, double> toDouble, double c, double w, WindowFunction f)
        where T : unmanaged
    {
        var outF = new float[values.Length];
        var outB = new byte[values.Length];
        Window.Apply(new ReadOnlyImageSpan<T>(values, values.Length, 1), new ImageSpan<float>(outF, values.Length, 1), c, w, f);
        Window.Apply(new ReadOnlyImageSpan<T>(values, values.Length, 1), new ImageSpan<byte>(outB, values.Length, 1), c, w, f);
        double[] expected = values.Select(v => Reference(toDouble(v), c, w, f)).ToArray();
        Approx.Equal(expected, outF, 1e-4, $"{typeof(T).Name} c={c} w={w} {f}");
        for (int i = 0; i < values.Length; i++)
        {
            double e = expected[i];
            // Rounding is to nearest, ties to even; a reference within 1e-4 of a tie may go either way.
            bool nearTie = Math.Abs(e - Math.Floor(e) - 0.5) < 1e-4;
            if (nearTie ? Math.Abs(outB[i] - e) > 0.5001 : outB[i] != Math.Round(e, MidpointRounding.ToEven))
            {
                throw new XunitException($"{typeof(T).Name} c={c} w={w} {f}: byte {i} is {outB[i]}, expected round({e})");
            }
        }
    }

    private static void CheckOne(float x, double c, double w, WindowFunction f, float expected)
    {
        var d = new float[1];
        Window.Apply(new ReadOnlyImageSpan<float>([x], 1, 1), new ImageSpan<float>(d, 1, 1), c, w, f);
        Assert.Equal(expected, Reference(x, c, w, f), 1e-4);
        Assert.Equal(expected, d[0], 1e-4);
    }
}

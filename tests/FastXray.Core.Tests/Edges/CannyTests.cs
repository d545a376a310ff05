using System.IO.Compression;
using FastXray.Edges;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using FastXray.Tests;
using Xunit;
using Xunit.Sdk;

namespace FastXray.Core.Tests.Edges;

/// <summary>Canny against scikit-image 0.19 (tools/fixtures/canny.py): small images exactly, radiographs by Jaccard.</summary>
public sealed class CannyTests
{
    private const string Domain = "canny";
    private const string FullXrayPrefix = "xray_full_";

    /// <summary>The requirement on the 1024x1024 radiographs: |ours ∩ skimage| / |ours ∪ skimage| of the edge pixels.</summary>
    private const double MinXrayJaccard = 0.97;

    /// <summary>Cases with exact ties (marked tie_pixels by the generator): equality is not defined by skimage itself.</summary>
    private const double MinTieJaccard = 0.99;

    public static TheoryData<string> SmallCases => Ids(full: false);

    public static TheoryData<string> XrayCases => Ids(full: true);

    [Theory]
    [MemberData(nameof(SmallCases))]
    public void Small_images_equal_skimage(string id)
    {
        GoldenCase c = GoldenCase.Get(Domain, id);
        byte[] expected = Expected(c, out int w, out int h);
        Assert.Equal(c.Int("edges", -1), expected.Count(b => b != 0));
        byte[] actual = Run(c, FixtureInputs.Load(c));
        if (c.Has("tie_pixels"))
        {
            // sigma 0: integer gradients tie exactly in the suppression, and skimage's own answer moves with the
            // rounding of img/255 (the generator records how many pixels it changes by itself); see canny.py.
            Assert.True(c.Int("tie_pixels", 0) > 0);
            (int both, int either) = Overlap(expected, actual);
            Assert.True((double)both / either >= MinTieJaccard, $"{id}: Jaccard {(double)both / either:F5}");
            return;
        }

        AssertEqualMaps(expected, actual, w, h);
    }

    [XrayTheory]
    [MemberData(nameof(XrayCases))]
    public void Radiographs_match_skimage_by_jaccard(string id)
    {
        GoldenCase c = GoldenCase.Get(Domain, id);
        byte[] expected = Expected(c, out int w, out int h);
        string file = Path.Combine(TestData.XrayDir, c.InputName[FullXrayPrefix.Length..] + ".png");
        PngImage png = PngDecoder.DecodeFile(file);
        Assert.True(png.IsGray && !png.Is16Bit && png.Width == w && png.Height == h, file);
        byte[] actual = Run(c, NpyArray.From<byte>(png.Pixels8!, h, w));
        (int both, int either) = Overlap(expected, actual);
        Assert.True(either > 1000, $"{id}: only {either} edge pixels");
        double jaccard = (double)both / either;
        Assert.True(jaccard >= MinXrayJaccard, $"{id}: Jaccard {jaccard:F5} ({both} / {either})");
    }

    [Fact]
    public void Every_simd_level_gives_the_skimage_result()
    {
        // The smoothing and gradients run at each vector width; the suppression and hysteresis are scalar.
        foreach (SimdLevel level in new[] { SimdLevel.Scalar, SimdLevel.Vector128, SimdLevel.Vector256, SimdLevel.Vector512 })
        {
            SimdLevel? previous = SimdCapabilities.Force(level);
            try
            {
                foreach (string id in GoldenCase.Load(Domain).Where(k => !k.InputName.StartsWith(FullXrayPrefix, StringComparison.Ordinal) && !k.Has("tie_pixels")).Select(k => k.Id))
                {
                    GoldenCase c = GoldenCase.Get(Domain, id);
                    byte[] expected = Expected(c, out int w, out int h);
                    AssertEqualMaps(expected, Run(c, FixtureInputs.Load(c)), w, h, $"{level} ");
                }
            }
            finally
            {
                SimdCapabilities.Force(previous);
            }
        }
    }

    [Fact]
    public void Float_samples_with_a_dtype_max_equal_the_integer_path()
    {
        // The CLI's path: stored 8-bit samples as float32 with dtype max 255 give the byte result, bit for bit.
        GoldenCase c = GoldenCase.Load(Domain).First(k => k.InputName == "canny_shapes_150x200" && k.Has("low_threshold"));
        NpyArray input = FixtureInputs.Load(c);
        (int h, int w) = input.Shape2D;
        byte[] bytes = input.AsSpan<byte>().ToArray();
        float[] floats = Array.ConvertAll(bytes, b => (float)b);
        var a = new byte[w * h];
        var b = new byte[w * h];
        Canny.Apply(new ReadOnlyImageSpan<byte>(bytes, w, h), new ImageSpan<byte>(a, w, h), 2.0, 10, 25);
        Canny.ApplyStored(new ReadOnlyImageSpan<float>(floats, w, h), new ImageSpan<byte>(b, w, h), 255, 2.0, 10, 25);
        Assert.Equal(a, b);
        Assert.Contains((byte)1, a);
    }

    [Fact]
    public void Strided_views_full_scale_and_sentinels()
    {
        GoldenCase c = GoldenCase.Load(Domain).First(k => k.InputName == "canny_shapes_37x53" && !k.Has("mask"));
        byte[] expected = Expected(c, out int w, out int h);
        byte[] dense = FixtureInputs.Load(c).AsSpan<byte>().ToArray();
        const int offset = 5;
        int stride = w + 11;
        byte[] src = FixtureInputs.Strided<byte>(dense, w, h, stride, offset, 250);
        byte[] dst = FixtureInputs.Strided<byte>(new byte[w * h], w, h, stride, offset, 77);
        Canny.Apply(new ReadOnlyImageSpan<byte>(src.AsSpan(offset), w, h, stride), new ImageSpan<byte>(dst.AsSpan(offset), w, h, stride),
            c.Double("sigma", 1), fullScale: true);
        for (int i = 0; i < dst.Length; i++)
        {
            int y = (i - offset) / stride;
            int x = (i - offset) % stride;
            bool inside = i >= offset && y < h && x < w;
            byte want = inside ? (byte)(expected[(y * w) + x] * 255) : (byte)77;
            Assert.True(dst[i] == want, $"byte {i} (x {x}, y {y}): {dst[i]} != {want}");
        }
    }

    [Fact]
    public void Allocates_nothing()
    {
        GoldenCase c = GoldenCase.Load(Domain).First(k => k.InputName == "canny_shapes_150x200" && k.Has("use_quantiles"));
        NpyArray input = FixtureInputs.Load(c);
        (int h, int w) = input.Shape2D;
        byte[] bytes = input.AsSpan<byte>().ToArray();
        byte[] mask = NpyFile.Read(TestData.Reference("FastXray.Core.Tests", Domain, "input_canny_mask_150x200.npy")).AsSpan<byte>().ToArray();
        float[] floats = Array.ConvertAll(bytes, b => b / 255f);
        var output = new byte[w * h];
        AllocationAssert.None(() => Canny.Apply(new ReadOnlyImageSpan<byte>(bytes, w, h), new ImageSpan<byte>(output, w, h), 2.0), "canny u8");
        AllocationAssert.None(() => Canny.Apply(new ReadOnlyImageSpan<byte>(bytes, w, h), new ImageSpan<byte>(output, w, h), 1.0, 0.7, 0.95, useQuantiles: true), "canny quantiles");
        AllocationAssert.None(() => Canny.Apply(new ReadOnlyImageSpan<float>(floats, w, h), new ImageSpan<byte>(output, w, h), 1.5, 0.02, 0.06, mode: BorderMode.Reflect), "canny float reflect");
        AllocationAssert.None(() => Canny.Apply(new ReadOnlyImageSpan<byte>(bytes, w, h), new ImageSpan<byte>(output, w, h), 1.0, mask: new ReadOnlyImageSpan<byte>(mask, w, h)), "canny mask");
    }

    [Fact]
    public void Rejects_bad_arguments_as_skimage()
    {
        var src = new byte[12];
        var dst = new byte[12];
        Assert.Throws<ArgumentException>(() => Canny.Apply(new ReadOnlyImageSpan<byte>(src, 4, 3), new ImageSpan<byte>(dst, 4, 3), 1, 30, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Canny.Apply(new ReadOnlyImageSpan<byte>(src, 4, 3), new ImageSpan<byte>(dst, 4, 3), 1, 0.2, 1.5, useQuantiles: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => Canny.Apply(new ReadOnlyImageSpan<byte>(src, 4, 3), new ImageSpan<byte>(dst, 4, 3), -1));
        Assert.Throws<ArgumentException>(() => Canny.Apply(new ReadOnlyImageSpan<byte>(src, 4, 3), new ImageSpan<byte>(dst, 3, 4)));
        Assert.Throws<ArgumentException>(() => Canny.Apply(new ReadOnlyImageSpan<byte>(src, 4, 3), new ImageSpan<byte>(dst, 4, 3), mask: new ReadOnlyImageSpan<byte>(src, 3, 4)));

        // An empty image is fine, as in skimage (nothing to write).
        Canny.Apply(new ReadOnlyImageSpan<byte>(src, 0, 0), new ImageSpan<byte>(dst, 0, 0));
    }

    [Theory]
    [InlineData(new float[] { 1, 2, 3, 4 }, 0.3, 1.9)]
    [InlineData(new float[] { 1, 2, 3, 4 }, 0.75, 3.25)]
    [InlineData(new float[] { 1, 2, 3, 4 }, 0.0, 1.0)]
    [InlineData(new float[] { 1, 2, 3, 4 }, 1.0, 4.0)]
    [InlineData(new float[] { 4, 3, 1, 2 }, 0.8, 3.4)]
    [InlineData(new float[] { 0.5f, 0.75f, 0.25f, 5.5f, 2.25f }, 0.8, 2.9)]
    [InlineData(new float[] { 0.5f, 0.75f, 0.25f, 5.5f, 2.25f }, 0.95, 4.85)]
    [InlineData(new float[] { 7 }, 0.5, 7.0)]
    public void Percentile_is_numpys_linear_method(float[] values, double q, double expected)
    {
        // Values from np.percentile(values, 100 q) with NumPy 1.24 (exact in binary, so compared exactly).
        Assert.Equal(expected, Canny.Percentile(values.AsSpan().ToArray(), q), 12);
    }

    [Fact]
    public void Both_quantiles_from_shared_selections_equal_a_sorted_reference()
    {
        var rng = new Random(9);
        foreach (int n in new[] { 1, 2, 3, 17, 1000, 4097 })
        {
            // Few distinct values, so ties between order statistics are common.
            float[] values = [.. Enumerable.Range(0, n).Select(_ => (float)rng.Next(50) / 7)];
            float[] sorted = [.. values.Order()];
            foreach ((double lo, double hi) in new[] { (0.0, 1.0), (0.1, 0.2), (0.8, 0.95), (0.5, 0.5), (0.33, 0.9999), (0.0, 0.0) })
            {
                (double a, double b) = Canny.Percentiles(values.AsSpan().ToArray(), lo, hi);
                Assert.Equal(SortedPercentile(sorted, lo), a);
                Assert.Equal(SortedPercentile(sorted, hi), b);
            }
        }
    }

    // numpy's linear percentile written directly on a sorted array.
    private static double SortedPercentile(float[] sorted, double q)
    {
        double v = (sorted.Length - 1) * q;
        int i = (int)Math.Floor(v);
        double t = v - i;
        double a = sorted[Math.Min(i, sorted.Length - 1)];
        double b = sorted[Math.Min(i + 1, sorted.Length - 1)];
        return t >= 0.5 ? b - ((b - a) * (1 - t)) : a + ((b - a) * t);
    }

    private static TheoryData<string> Ids(bool full)
    {
        var data = new TheoryData<string>();
        foreach (GoldenCase c in GoldenCase.Load(Domain))
        {
            if (c.InputName.StartsWith(FullXrayPrefix, StringComparison.Ordinal) == full)
            {
                data.Add(c.Id);
            }
        }

        return data;
    }

    /// <summary>Runs the case's parameters on its input at the input's own dtype.</summary>
    private static byte[] Run(GoldenCase c, NpyArray input)
    {
        (int h, int w) = input.Shape2D;
        var output = new byte[w * h];
        var dst = new ImageSpan<byte>(output, w, h);
        double sigma = c.Double("sigma", 1.0);
        double? low = c.Has("low_threshold") ? c.Double("low_threshold", 0) : null;
        double? high = c.Has("high_threshold") ? c.Double("high_threshold", 0) : null;
        bool quantiles = c.Has("use_quantiles");
        Assert.True(BorderModes.TryParse(c.String("mode", "constant"), out BorderMode mode));
        double cval = c.Double("cval", 0);
        byte[] maskData = c.Has("mask")
            ? NpyFile.Read(TestData.Reference("FastXray.Core.Tests", Domain, "input_" + c.String("mask", "") + ".npy")).AsSpan<byte>().ToArray()
            : [];
        ReadOnlyImageSpan<byte> mask = c.Has("mask") ? new ReadOnlyImageSpan<byte>(maskData, w, h) : default;
        switch (input.DType)
        {
            case NpyDType.UInt8:
                Canny.Apply(new ReadOnlyImageSpan<byte>(input.AsSpan<byte>(), w, h), dst, sigma, low, high, quantiles, mode, cval, mask: mask);
                break;
            case NpyDType.UInt16:
                Canny.Apply(new ReadOnlyImageSpan<ushort>(input.AsSpan<ushort>(), w, h), dst, sigma, low, high, quantiles, mode, cval, mask: mask);
                break;
            case NpyDType.Float32:
                Canny.Apply(new ReadOnlyImageSpan<float>(input.AsSpan<float>(), w, h), dst, sigma, low, high, quantiles, mode, cval, mask: mask);
                break;
            default:
                throw new XunitException($"unexpected input dtype {input.DType}");
        }

        return output;
    }

    /// <summary>Inflates <c>&lt;id&gt;.npy.zlib</c> and unpacks np.packbits rows (MSB first) into 0/1 bytes.</summary>
    private static byte[] Expected(GoldenCase c, out int width, out int height)
    {
        string path = TestData.Reference("FastXray.Core.Tests", Domain, c.Id + ".npy.zlib");
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(File.OpenRead(path), CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        inflated.Position = 0;
        NpyArray packed = NpyFile.Read(inflated);
        (int h, int rowBytes) = packed.Shape2D;
        NpyArray input = c.InputName.StartsWith(FullXrayPrefix, StringComparison.Ordinal) ? packed : FixtureInputs.Load(c);
        width = input == packed ? rowBytes * 8 : input.Shape2D.Width;
        height = h;
        ReadOnlySpan<byte> bits = packed.AsSpan<byte>();
        var map = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                map[(y * width) + x] = (byte)((bits[(y * rowBytes) + (x >> 3)] >> (7 - (x & 7))) & 1);
            }
        }

        return map;
    }

    private static (int Both, int Either) Overlap(byte[] a, byte[] b)
    {
        int both = 0, either = 0;
        for (int i = 0; i < a.Length; i++)
        {
            both += a[i] != 0 && b[i] != 0 ? 1 : 0;
            either += a[i] != 0 || b[i] != 0 ? 1 : 0;
        }

        return (both, either);
    }

    private static void AssertEqualMaps(byte[] expected, byte[] actual, int w, int h, string what = "")
    {
        var diffs = new List<string>();
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                diffs.Add($"(y {i / w}, x {i % w}): skimage {expected[i]}, ours {actual[i]}");
            }
        }

        if (diffs.Count > 0)
        {
            throw new XunitException($"{what}{diffs.Count} of {w}x{h} pixels differ: {string.Join("; ", diffs.Take(8))}");
        }
    }
}

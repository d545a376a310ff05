using FastXray.Cli.Tests.Support;
using FastXray.Edges;
using FastXray.Filters;
using FastXray.Fourier;
using FastXray.Intensity;
using FastXray.Morphology;
using FastXray.Rank;
using FastXray.Imaging.Npy;
using FastXray.Tests;
using Xunit;

namespace FastXray.Cli.Tests.Ops;

/// <summary><c>fastxray filter IN -o OUT.npy --op SPEC</c> writes exactly what a direct kernel call computes.</summary>
public sealed class BuiltInOpsTests
{
    private delegate void Direct(ReadOnlyImageSpan<byte> source, ImageSpan<float> destination);

    private static readonly Dictionary<string, Direct> Cases = new()
    {
        ["gaussian_filter:sigma=2"] = (s, d) => GaussianFilter.Apply(s, d, 2.0),
        ["gaussian_filter:sigma=[2,1],order=[0,1],mode=nearest"] = (s, d) => GaussianFilter.Apply(s, d, (2, 1), (0, 1), BorderMode.Nearest),
        ["gaussian_filter:sigma=1.5,mode=constant,cval=7,truncate=2"] = (s, d) => GaussianFilter.Apply(s, d, 1.5, 0, BorderMode.Constant, 7, 2),
        ["gaussian_filter:sigma=3,radius=[2,5],mode=grid-wrap"] = (s, d) => GaussianFilter.Apply(s, d, (3, 3), (0, 0), BorderMode.Wrap, 0, 4, (2, 5)),
        ["gaussian_laplace:sigma=1"] = (s, d) => GaussianLaplace.Apply(s, d, 1.0),
        ["gaussian_gradient_magnitude:sigma=2,mode=mirror"] = (s, d) => GaussianGradientMagnitude.Apply(s, d, 2.0, BorderMode.Mirror),
        ["sobel:axis=0"] = (s, d) => Sobel.Apply(s, d, 0),
        ["sobel"] = (s, d) => Sobel.Apply(s, d),
        ["prewitt:axis=1,mode=constant,cval=3"] = (s, d) => Prewitt.Apply(s, d, 1, BorderMode.Constant, 3),
        ["laplace:mode=wrap"] = (s, d) => Laplace.Apply(s, d, BorderMode.Wrap),
        ["sobel_magnitude"] = (s, d) => Sobel.Magnitude(s, d),
        ["prewitt_magnitude:mode=nearest"] = (s, d) => Prewitt.Magnitude(s, d, BorderMode.Nearest),
        ["correlate:weights=[[1,2],[3,4],[5,6]],origin=[-1,0]"] = (s, d) => Correlate.Apply(s, d, [1, 2, 3, 4, 5, 6], 3, 2, BorderMode.Reflect, 0, -1, 0),
        ["convolve:weights=[[1,1,1],[0,0,0],[-1,-1,-1]],mode=constant"] = (s, d) => Convolve.Apply(s, d, [1, 1, 1, 0, 0, 0, -1, -1, -1], 3, 3, BorderMode.Constant),
        ["canny"] = (s, d) => CannyAs255(s, d, static (s, e) => Canny.Apply(s, e)),
        ["canny:sigma=2,low_threshold=2,high_threshold=6"] = (s, d) => CannyAs255(s, d, static (s, e) => Canny.Apply(s, e, 2.0, 2, 6)),
        ["canny:sigma=1.4,low_threshold=0.5,high_threshold=0.8,use_quantiles=true,mode=reflect"] =
            (s, d) => CannyAs255(s, d, static (s, e) => Canny.Apply(s, e, 1.4, 0.5, 0.8, true, BorderMode.Reflect)),
        ["canny:sigma=2,mode=constant,cval=0.5"] = (s, d) => CannyAs255(s, d, static (s, e) => Canny.Apply(s, e, 2.0, cval: 0.5)),

        // The ops below run, like every op, on a float32 copy of the stored samples (AsFloat).
        // uniform_filter on stored 8-bit samples runs the 8-bit kernel (exact integer sums).
        ["uniform_filter:size=5"] = (s, d) => UniformFilter.Apply(s, d, 5, 5),
        ["uniform_filter:size=[4,3],mode=constant,cval=9,origin=[1,-1]"] = (s, d) => UniformFilter.Apply(s, d, 4, 3, BorderMode.Constant, 9, 1, -1),
        ["median_filter:size=3"] = (s, d) => MedianFilter.Apply(AsFloat(s), d, 3),
        ["median_filter:size=[10,10],mode=mirror"] = (s, d) => MedianFilter.Apply(AsFloat(s), d, 10, 10, BorderMode.Mirror),
        ["median_filter:footprint=[[0,1,0],[1,1,1],[0,1,0]],mode=wrap"] = (s, d) => MedianFilter.Apply(AsFloat(s), d, Footprint([0, 1, 0, 1, 1, 1, 0, 1, 0], 3), BorderMode.Wrap),
        ["percentile_filter:percentile=20,size=[3,4]"] = (s, d) => PercentileFilter.Apply(AsFloat(s), d, 20, 3, 4),
        ["percentile_filter:percentile=-10,size=5,mode=nearest"] = (s, d) => PercentileFilter.Apply(AsFloat(s), d, -10, 5, 5, BorderMode.Nearest),
        ["rank_filter:rank=-1,footprint=[[1,1],[0,1]]"] = (s, d) => RankFilter.Apply(AsFloat(s), d, -1, Footprint([1, 1, 0, 1], 2)),
        ["rank_filter:rank=2,size=3,origin=[-1,1]"] = (s, d) => RankFilter.Apply(AsFloat(s), d, 2, 3, 3, BorderMode.Reflect, 0, -1, 1),
        ["minimum_filter:size=5,mode=constant,cval=7"] = (s, d) => MinimumFilter.Apply(AsFloat(s), d, 5, 5, BorderMode.Constant, 7),
        ["maximum_filter:size=4,origin=-1"] = (s, d) => MaximumFilter.Apply(AsFloat(s), d, 4, 4, BorderMode.Reflect, 0, -1, -1),
        ["binary_dilation:iterations=5"] = (s, d) => Binary(s, d, static (s, b) => BinaryDilation.Apply(s, b, 5)),
        ["binary_erosion:iterations=0,border_value=1"] = (s, d) => Binary(s, d, static (s, b) => BinaryErosion.Apply(s, b, 0, true)),
        ["binary_opening:structure=[[1,1,1],[1,1,1],[1,1,1]],iterations=2"] = (s, d) => Binary(s, d, static (s, b) => BinaryOpening.Apply(s, b, BinaryStructure.Square, 2)),
        ["binary_closing"] = (s, d) => Binary(s, d, static (s, b) => BinaryClosing.Apply(s, b)),
        ["fourier_gaussian:sigma=2"] = (s, d) => FourierGaussian.Apply(AsFloat(s), d, 2, 2, -1, -1),
        ["fft_gaussian:sigma=[3,1]"] = (s, d) => FftGaussian.Apply(AsFloat(s), d, 3, 1),
        ["normalize"] = (s, d) => Normalize.ByMax(AsFloat(s), d),
        ["normalize:mode=minmax"] = (s, d) => Normalize.MinMax(AsFloat(s), d),
        ["where:gt=150"] = (s, d) => Where.Keep(AsFloat(s), CompareOp.Greater, 150, d),
        ["where:le=20"] = (s, d) => Where.Keep(AsFloat(s), CompareOp.LessOrEqual, 20, d),
        ["mask:ge=100"] = (s, d) => Where.Keep(Masked(s, static v => v >= 100), CompareOp.Greater, -1, d),
        ["mask:eq=0"] = (s, d) => Where.Keep(Masked(s, static v => v == 0), CompareOp.Greater, -1, d),
        ["equalize"] = (s, d) => Equalize.Cdf(s, d),
        ["equalize:method=opencv"] = (s, d) => Bytes(s, d, static (s, b) => Equalize.OpenCv(s, b)),
        ["clahe:clip_limit=2,tile_grid=[4,8]"] = (s, d) => Bytes(s, d, static (s, b) => Clahe.Apply(s, b, 2, 8, 4)),
        ["window:center=128,width=100"] = (s, d) => Window.Apply(AsFloat(s), d, 128, 100),
        ["window:center=100,width=0.5,function=linear_exact"] = (s, d) => Window.Apply(AsFloat(s), d, 100, 0.5, WindowFunction.LinearExact),
    };

    private delegate void ByteCall(ReadOnlyImageSpan<byte> source, ImageSpan<byte> destination);

    private delegate void BinaryCall(ReadOnlyImageSpan<float> source, ImageSpan<byte> destination);

    private static ReadOnlyImageSpan<float> AsFloat(ReadOnlyImageSpan<byte> s) => Masked(s, static v => true, keep: true);

    // 1/0 where the test holds (or the value itself with keep), as float32.
    private static ReadOnlyImageSpan<float> Masked(ReadOnlyImageSpan<byte> s, Func<float, bool> test, bool keep = false)
    {
        var f = new float[s.Width * s.Height];
        for (int y = 0; y < s.Height; y++)
        {
            for (int x = 0; x < s.Width; x++)
            {
                float v = s.Row(y)[x];
                f[(y * s.Width) + x] = keep ? v : test(v) ? 1f : 0f;
            }
        }

        return new ReadOnlyImageSpan<float>(f, s.Width, s.Height);
    }

    private static ReadOnlyImageSpan<bool> Footprint(int[] values, int size) =>
        new(Array.ConvertAll(values, v => v != 0), size, size);

    private static void Binary(ReadOnlyImageSpan<byte> s, ImageSpan<float> d, BinaryCall call)
    {
        var bits = new byte[s.Width * s.Height];
        call(AsFloat(s), new ImageSpan<byte>(bits, s.Width, s.Height));
        Widen(bits, d);
    }

    private static void Bytes(ReadOnlyImageSpan<byte> s, ImageSpan<float> d, ByteCall call)
    {
        var bytes = new byte[s.Width * s.Height];
        call(s, new ImageSpan<byte>(bytes, s.Width, s.Height));
        Widen(bytes, d);
    }

    private static void Widen(byte[] packed, ImageSpan<float> d)
    {
        for (int y = 0; y < d.Height; y++)
        {
            for (int x = 0; x < d.Width; x++)
            {
                d.Row(y)[x] = packed[(y * d.Width) + x];
            }
        }
    }

    private delegate void EdgeCall(ReadOnlyImageSpan<byte> source, ImageSpan<byte> edges);

    public static TheoryData<string> Specs => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Filter_to_npy_equals_the_direct_kernel_call(string spec)
    {
        using var dir = new TempDir();
        string input = InputCopy(dir);
        CliResult r = CliRunner.Run(["filter", input, "-o", dir["out.npy"], "--op", spec], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());

        NpyArray source = NpyFile.Read(input);
        (int h, int w) = source.Shape2D;
        var expected = new float[w * h];
        Cases[spec](new ReadOnlyImageSpan<byte>(source.AsSpan<byte>(), w, h), new ImageSpan<float>(expected, w, h));

        NpyArray actual = NpyFile.Read(dir["out.npy"]);
        Assert.Equal(NpyDType.Float32, actual.DType);
        Assert.Equal([h, w], actual.Shape);
        Assert.Equal(expected, actual.AsSpan<float>().ToArray());
    }

    [Fact]
    public void Every_registered_op_has_a_direct_call_case()
    {
        var covered = Cases.Keys.Select(k => k.Split(':')[0]).ToHashSet();
        Assert.All(FastXray.Cli.Ops.OpRegistry.Default.All, op => Assert.Contains(op.Name, covered));
    }

    [Fact]
    public void A_chain_runs_left_to_right()
    {
        using var dir = new TempDir();
        string input = InputCopy(dir);
        CliResult r = CliRunner.Run(["filter", input, "-o", dir["out.npy"], "--op", "gaussian_filter:sigma=1", "--op", "sobel:axis=0", "--op", "laplace"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());

        NpyArray source = NpyFile.Read(input);
        (int h, int w) = source.Shape2D;
        var a = new float[w * h];
        var b = new float[w * h];
        GaussianFilter.Apply(new ReadOnlyImageSpan<byte>(source.AsSpan<byte>(), w, h), new ImageSpan<float>(a, w, h), 1.0);
        Sobel.Apply(new ReadOnlyImageSpan<float>(a, w, h), new ImageSpan<float>(b, w, h), 0);
        Laplace.Apply(new ReadOnlyImageSpan<float>(b, w, h), new ImageSpan<float>(a, w, h));
        Assert.Equal(a, NpyFile.Read(dir["out.npy"]).AsSpan<float>().ToArray());
    }

    [Fact]
    public void Without_ops_the_stored_values_are_written_as_float32()
    {
        using var dir = new TempDir();
        string input = dir.Npy16("in16.npy", 7, 5);
        CliResult r = CliRunner.Run(["filter", input, "-o", dir["out.npy"]], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        float[] expected = [.. NpyFile.Read(input).AsSpan<ushort>().ToArray().Select(v => (float)v)];
        Assert.Equal(expected, NpyFile.Read(dir["out.npy"]).AsSpan<float>().ToArray());
    }

    [Fact]
    public void Canny_takes_the_dtype_max_from_the_stored_depth()
    {
        // 16-bit input: thresholds in 0..65535 units and defaults of 10%/20% of 65535, as skimage on a uint16 array.
        using var dir = new TempDir();
        string input16 = dir.Npy16("in16.npy", 40, 30, seed: 3);
        ushort[] samples = NpyFile.Read(input16).AsSpan<ushort>().ToArray();
        foreach (string spec in new[] { "canny:sigma=1", "canny:sigma=1.5,low_threshold=3000,high_threshold=9000" })
        {
            CliResult r = CliRunner.Run(["filter", input16, "-o", dir["out16.npy"], "--op", spec], dir.Path);
            Assert.True(r.ExitCode == 0, r.ToString());
            var edges = new byte[40 * 30];
            if (spec.Contains("low", StringComparison.Ordinal))
            {
                Canny.Apply(new ReadOnlyImageSpan<ushort>(samples, 40, 30), new ImageSpan<byte>(edges, 40, 30), 1.5, 3000, 9000, fullScale: true);
            }
            else
            {
                Canny.Apply(new ReadOnlyImageSpan<ushort>(samples, 40, 30), new ImageSpan<byte>(edges, 40, 30), 1.0, fullScale: true);
            }

            Assert.Equal(Array.ConvertAll(edges, e => (float)e), NpyFile.Read(dir["out16.npy"]).AsSpan<float>().ToArray());
            Assert.Contains(255f, NpyFile.Read(dir["out16.npy"]).AsSpan<float>().ToArray());
        }

        // Float input: dtype max 1, thresholds used as given (skimage's dtype_limits for float).
        float[] pixels = Array.ConvertAll(samples, v => v / 65535f);
        string inputF = dir.NpyFloat("inf.npy", pixels, 40, 30);
        CliResult rf = CliRunner.Run(["filter", inputF, "-o", dir["outf.npy"], "--op", "canny:sigma=1,low_threshold=0.05,high_threshold=0.15"], dir.Path);
        Assert.True(rf.ExitCode == 0, rf.ToString());
        var edgesF = new byte[40 * 30];
        Canny.Apply(new ReadOnlyImageSpan<float>(pixels, 40, 30), new ImageSpan<byte>(edgesF, 40, 30), 1.0, 0.05, 0.15, fullScale: true);
        Assert.Equal(Array.ConvertAll(edgesF, e => (float)e), NpyFile.Read(dir["outf.npy"]).AsSpan<float>().ToArray());
    }

    [Theory]
    [InlineData("median_filter:size=5")]
    [InlineData("median_filter:size=[10,10],mode=constant,cval=3")]
    [InlineData("median_filter:size=3", "uniform_filter:size=3")]
    [InlineData("percentile_filter:percentile=30,footprint=[[1,0,1],[0,1,0],[1,0,1]]")]
    [InlineData("rank_filter:rank=-2,size=4,mode=mirror")]
    [InlineData("minimum_filter:size=3,mode=nearest")]
    [InlineData("maximum_filter:size=5,mode=wrap")]
    [InlineData("minimum_filter:size=3,mode=constant,cval=-4")]
    [InlineData("where:gt=100", "median_filter:size=3")]
    [InlineData("binary_dilation", "maximum_filter:size=3")]
    [InlineData("equalize:method=opencv", "median_filter:size=3")]
    [InlineData("clahe", "rank_filter:rank=1,size=2")]
    public void Integer_kernels_on_stored_samples_give_the_float_results(params string[] specs)
    {
        // 8-bit and 16-bit inputs take the integer kernels (the samples are exact integers); a float32 NPY with the
        // same values takes the float kernels. The outputs must be the same bytes.
        using var dir = new TempDir();
        foreach ((string stored, float[] values) in new[] { Stored(dir.Npy8("u8.npy", 70, 53, seed: 4)), Stored(dir.Npy16("u16.npy", 70, 53, seed: 5)) })
        {
            bool equalises = specs[0].StartsWith("equalize", StringComparison.Ordinal) || specs[0].StartsWith("clahe", StringComparison.Ordinal);
            if (equalises && stored.EndsWith("u16.npy", StringComparison.Ordinal))
            {
                continue; // Float data are equalised at 8 bits, 16-bit sources at 16: only the 8-bit input compares.
            }

            string asFloat = dir.NpyFloat(Path.GetFileNameWithoutExtension(stored) + "-f.npy", values, 70, 53);
            string[] ops = [.. specs.SelectMany(s => new[] { "--op", s })];
            CliResult a = CliRunner.Run(["filter", stored, "-o", dir["a.npy"], .. ops], dir.Path);
            CliResult b = CliRunner.Run(["filter", asFloat, "-o", dir["b.npy"], .. ops], dir.Path);
            Assert.True(a.ExitCode == 0, a.ToString());
            Assert.True(b.ExitCode == 0, b.ToString());

            Assert.Equal(File.ReadAllBytes(dir["b.npy"]), File.ReadAllBytes(dir["a.npy"]));
        }
    }

    private static (string Path, float[] Values) Stored(string path)
    {
        NpyArray array = NpyFile.Read(path);
        float[] values = array.DType == NpyDType.UInt8
            ? [.. array.AsSpan<byte>().ToArray().Select(v => (float)v)]
            : [.. array.AsSpan<ushort>().ToArray().Select(v => (float)v)];
        return (path, values);
    }

    [Fact]
    public void Equalize_and_clahe_keep_16_bit_samples_at_16_bits()
    {
        using var dir = new TempDir();
        string input = dir.Npy16("in16.npy", 45, 31, seed: 8);
        ushort[] samples = NpyFile.Read(input).AsSpan<ushort>().ToArray();
        var source = new ReadOnlyImageSpan<ushort>(samples, 45, 31);

        CliResult r = CliRunner.Run(["filter", input, "-o", dir["eq.npy"], "--op", "equalize:bins=4096"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var expected = new float[45 * 31];
        Equalize.Cdf(source, new ImageSpan<float>(expected, 45, 31), 4096);
        Assert.Equal(expected, NpyFile.Read(dir["eq.npy"]).AsSpan<float>().ToArray());

        r = CliRunner.Run(["filter", input, "-o", dir["clahe.npy"], "--op", "clahe:clip_limit=3,tile_grid=[2,3]"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var clahe = new ushort[45 * 31];
        Clahe.Apply(source, new ImageSpan<ushort>(clahe, 45, 31), 3, 3, 2);
        float[] actual = NpyFile.Read(dir["clahe.npy"]).AsSpan<float>().ToArray();
        Assert.Equal(Array.ConvertAll(clahe, v => (float)v), actual);
        Assert.Contains(actual, v => v > 255);
    }

    [Theory]
    [InlineData("equalize", "equalize needs 8-bit samples (0..255) but found -")]
    [InlineData("clahe", "clahe needs 8-bit samples (0..255) but found -")]
    public void Equalisation_of_values_outside_the_stored_range_is_a_one_line_error(string spec, string message)
    {
        using var dir = new TempDir();
        string input = InputCopy(dir);
        CliResult r = CliRunner.Run(["filter", input, "-o", dir["out.png"], "--op", "laplace", "--op", spec], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["out.png"]));
    }

    [Theory]
    [InlineData("where", "give exactly one test")]
    [InlineData("mask:gt=1,lt=5", "give exactly one test")]
    [InlineData("median_filter", "give exactly one of size or footprint")]
    [InlineData("maximum_filter:size=3,footprint=[[1]]", "give exactly one of size or footprint")]
    [InlineData("rank_filter:rank=0,footprint=[[0,0],[0,0]]", "footprint has no nonzero element")]
    [InlineData("minimum_filter:size=3,origin=2", "origin 2 on axis 0 is outside -1..1")]
    [InlineData("uniform_filter:size=4,origin=-3", "origin -3 on axis 0 is outside -2..1")]
    [InlineData("normalize:mode=wrap", "mode=wrap is not one of max, minmax")]
    [InlineData("window:center=10,width=0.5", "width must be at least 1 for function=linear")]
    [InlineData("percentile_filter:percentile=101,size=3", "percentile")]
    [InlineData("binary_dilation:border_value=2", "border_value")]
    public void Bad_parameters_are_usage_errors_before_any_image_is_read(string spec, string message)
    {
        using var dir = new TempDir();
        CliResult r = CliRunner.Run(["filter", dir["missing.png"], "-o", dir["out.npy"], "--op", spec], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("missing.png", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("canny:low_threshold=20,high_threshold=10")]
    [InlineData("canny:use_quantiles=true,high_threshold=1.5")]
    public void Canny_rejects_skimage_errors_before_reading_images(string spec)
    {
        using var dir = new TempDir();
        string input = InputCopy(dir);
        CliResult r = CliRunner.Run(["filter", input, "-o", dir["out.npy"], "--op", spec], dir.Path);
        Assert.NotEqual(0, r.ExitCode);
        Assert.False(File.Exists(dir["out.npy"]));
    }

    // The op writes 0/255 floats; the kernel is called with fullScale.
    private static void CannyAs255(ReadOnlyImageSpan<byte> source, ImageSpan<float> destination, EdgeCall call)
    {
        int w = destination.Width, h = destination.Height;
        var edges = new byte[w * h];
        call(source, new ImageSpan<byte>(edges, w, h));
        for (int i = 0; i < edges.Length; i++)
        {
            edges[i] = (byte)(edges[i] * 255);
        }

        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                destination.Row(y)[x] = edges[(y * w) + x];
            }
        }
    }

    // The committed 64x64 crop of the tutorial radiograph (8-bit), copied so the test never writes beside it.
    private static string InputCopy(TempDir dir)
    {
        string path = dir["xray.npy"];
        File.Copy(TestData.Reference("FastXray.Core.Tests", "inputs", "xray_64x64.npy"), path);
        return path;
    }
}

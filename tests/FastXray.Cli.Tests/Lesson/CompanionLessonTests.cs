using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using FastXray.Tests;
using Xunit;

namespace FastXray.Cli.Tests.Lesson;

/// <summary>
/// The companion lesson (DataCamp "Biomedical image analysis in Python", chapter 2) cell by cell as
/// <c>fastxray</c> commands on its 'foot-xray.jpg' (a synthetic stand-in, see tools/fixtures/lesson.py),
/// each checked against the lesson's own scipy/NumPy calls run by that script on the image as imageio
/// (Pillow) decodes it. Integer results, and float results FastXray must reproduce exactly, are compared by
/// SHA-256 of their bytes (golden.json); the float results FastXray sums in float32 against float64 values
/// on a grid (float.npz) with the a-priori float32 bound explained in the script and in
/// <see cref="AssertWithinSumBound"/>. Filters run both ways: <c>--output-dtype input</c> reproduces scipy's
/// uint8 result of the lesson's call (wrapping, per-pass truncation), the default float32 output is scipy
/// with <c>output=np.float64</c>.
/// </summary>
public sealed class CompanionLessonTests
{
    private const string Image = "foot-xray.jpg";

    private static readonly string s_folder = Path.Combine(TestData.RepoRoot, "tests", "FastXray.Cli.Tests", "Lesson");
    private static readonly JsonElement s_golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_folder, "golden.json"))).RootElement;

    /// <summary>The lesson's smoothing weights, spelt as the lesson spells them.</summary>
    private const string SmoothWeights = "[[.11,.11,.11],[.11,.12,.11],[.11,.11,.11]]";
    private const string EdgeWeights = "[[1,1,1],[0,0,0],[-1,-1,-1]]";

    /// <summary>Each filter cell: golden name and op (sizes for uniform/maximum/percentile are ours, see golden.json params).</summary>
    public static TheoryData<string, string> Filters => new()
    {
        { "convolve_smooth", "convolve:weights=" + SmoothWeights },
        { "convolve_edge", "convolve:weights=" + EdgeWeights },
        { "median10", "median_filter:size=10" },
        { "uniform", "uniform_filter:size=5" },
        { "maximum", "maximum_filter:size=5" },
        { "percentile", "percentile_filter:percentile=25,size=5" },
        { "gaussian5", "gaussian_filter:sigma=5" },
        { "gaussian10", "gaussian_filter:sigma=10" },
        { "sobel0", "sobel:axis=0" },
        { "sobel1", "sobel:axis=1" },
    };

    /// <summary>The float-path cells whose float64 result float32 holds exactly, or that FastXray rounds once from double.</summary>
    public static TheoryData<string, string> ExactFloatFilters => new()
    {
        { "convolve_edge", "convolve:weights=" + EdgeWeights },
        { "median10", "median_filter:size=10" },
        { "uniform", "uniform_filter:size=5" },
        { "maximum", "maximum_filter:size=5" },
        { "percentile", "percentile_filter:percentile=25,size=5" },
        { "sobel0", "sobel:axis=0" },
        { "sobel1", "sobel:axis=1" },
    };

    /// <summary>The float-path cells FastXray sums in float32 (compared on the float.npz grid).</summary>
    public static TheoryData<string, string> SummedFloatFilters => new()
    {
        { "convolve_smooth", "convolve:weights=" + SmoothWeights },
        { "gaussian5", "gaussian_filter:sigma=5" },
        { "gaussian10", "gaussian_filter:sigma=10" },
    };

    /// <summary>Masks: <c>im &gt; 32</c>, <c>im &gt; 64</c>, <c>mask1 &amp; ~mask2</c>, the sample operations table.</summary>
    public static TheoryData<string, string> Masks => new()
    {
        { "mask_gt32", "mask:gt=32" },
        { "mask_gt64", "mask:gt=64" },
        { "mask3", "mask:expr=(x > 32) & ~(x > 64)" },
        { "mask_and", "mask:expr=(x > 0) & (x < 5)" },
        { "mask_or", "mask:expr=(x > 10) | (x < 5)" },
        { "mask_eq1", "mask:eq=1" },
    };

    // --- Intensity values

    [Fact]
    public void Info_states_uint8_and_320x480_that_is_the_lessons_153600_samples()
    {
        using var dir = Fixture();
        CliResult r = CliRunner.Run(["info", Image, "--json"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        using JsonDocument info = JsonDocument.Parse(r.Stdout);
        JsonElement root = info.RootElement;
        Assert.Equal("uint8", root.GetProperty("sample").GetString());
        Assert.Equal(320, root.GetProperty("width").GetInt32());
        Assert.Equal(480, root.GetProperty("height").GetInt32());
        Assert.Equal(s_golden.GetProperty("size").GetInt32(), root.GetProperty("width").GetInt32() * root.GetProperty("height").GetInt32());

        CliResult text = CliRunner.Run(["info", Image], dir.Path);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("size:   320x480\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("depth:  8 (uint8)\n", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_decoded_image_is_imageios()
    {
        // Every other cell starts from these samples: imageio.imread (Pillow, libjpeg-turbo) of the JPEG.
        using var dir = Fixture();
        AssertGolden("image", RunFilter(dir, "im.npy"));
    }

    [Fact]
    public void Hist_json_is_ndimage_histogram_min_0_max_255_bins_256()
    {
        using var dir = Fixture();
        CliResult r = CliRunner.Run(["hist", Image, "--min", "0", "--max", "255", "--bins", "256", "--json"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        using JsonDocument json = JsonDocument.Parse(r.Stdout);
        long[] counts = [.. json.RootElement.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64())];
        Assert.Equal(256, counts.Length); // hist.shape == (256,)
        Assert.Equal(GoldenHistogram(), counts);
        double[] edges = [.. json.RootElement.GetProperty("edges").EnumerateArray().Select(e => e.GetDouble())];
        Assert.Equal(NumPyReference.Linspace(0, 255, 257), edges);
    }

    [Fact]
    public void Hist_csv_has_the_same_counts()
    {
        using var dir = Fixture();
        CliResult r = CliRunner.Run(["hist", Image, "--min", "0", "--max", "255", "--bins", "256", "-o", "hist.csv"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        string[] lines = File.ReadAllLines(dir["hist.csv"]);
        Assert.Equal("left_edge,right_edge,count", lines[0]);
        long[] counts = [.. lines[1..].Select(l => long.Parse(l.Split(',')[2], CultureInfo.InvariantCulture))];
        Assert.Equal(GoldenHistogram(), counts);
    }

    [Fact]
    public void Equalize_cdf_is_the_lessons_cdf_of_im_times_255()
    {
        // cdf = hist.cumsum() / hist.sum(); im_equalized = cdf[im] * 255 (float64). equalize builds the same
        // float64 table and rounds each entry once to float32, so the float32 rounding is exact, not approximate.
        using var dir = Fixture();
        NpyArray eq = RunFilter(dir, "eq.npy", "equalize:method=cdf");
        Assert.Equal(NpyDType.Float32, eq.DType);
        AssertGolden("equalized_float32", eq);
    }

    // --- Masks

    [Theory]
    [MemberData(nameof(Masks))]
    public void Masks_are_numpys_comparisons(string name, string op)
    {
        using var dir = Fixture();
        AssertGolden(name, RunFilter(dir, name + ".npy", op));
    }

    [Theory]
    [InlineData("where:gt=64")]
    [InlineData("where:expr=x > 64")]
    public void Where_gt_64_is_np_where_im_gt_64_im_0(string op)
    {
        using var dir = Fixture();
        AssertGolden("where_gt64", RunFilter(dir, "bone.npy", op));
    }

    [Theory]
    [InlineData("dilation5", "binary_dilation:iterations=5")]
    [InlineData("erosion5", "binary_erosion:iterations=5")]
    public void Tuning_masks_is_binary_dilation_and_erosion_of_np_where_im_gt_64_1_0(string name, string op)
    {
        using var dir = Fixture();
        AssertGolden(name, RunFilter(dir, name + ".npy", "mask:gt=64", op));
    }

    // --- Filters and feature detection, both ways

    [Theory]
    [MemberData(nameof(Filters))]
    public void Filter_with_output_dtype_input_is_scipys_uint8_result(string name, string op)
    {
        using var dir = Fixture();
        NpyArray result = RunFilter(dir, name + ".npy", ["--output-dtype", "input"], op);
        Assert.Equal(NpyDType.UInt8, result.DType);
        AssertGolden(name + "_uint8", result);
    }

    [Theory]
    [MemberData(nameof(ExactFloatFilters))]
    public void Filter_float32_output_is_scipys_float64_result_exactly(string name, string op)
    {
        using var dir = Fixture();
        NpyArray result = RunFilter(dir, name + ".npy", op);
        Assert.Equal(NpyDType.Float32, result.DType);
        AssertGolden(name + "_float32", result);
    }

    [Theory]
    [MemberData(nameof(SummedFloatFilters))]
    public void Filter_float32_output_is_within_the_float32_sum_bound_of_scipys_float64_result(string name, string op)
    {
        using var dir = Fixture();
        NpyArray result = RunFilter(dir, name + ".npy", op);
        Assert.Equal(NpyDType.Float32, result.DType);
        AssertWithinSumBound(name, result);
    }

    [Fact]
    public void Edge_convolution_in_seismic_is_plt_imsave_of_the_uint8_edges()
    {
        // plt.imshow(edges, cmap='seismic') on scipy's uint8 edges: plt.imsave normalises over the array's
        // own min..max, as --colormap does; the alpha channel (all 255) is dropped.
        using var dir = Fixture();
        CliResult r = CliRunner.Run(["filter", Image, "-o", "edges.png", "--op", "convolve:weights=" + EdgeWeights, "--output-dtype", "input", "--colormap", "seismic"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        PngImage png = PngDecoder.DecodeFile(dir["edges.png"]);
        Assert.Equal(3, png.Channels);
        Assert.False(png.Is16Bit);
        Assert.Equal((320, 480), (png.Width, png.Height));
        Assert.Equal(GoldenHash("convolve_edge_seismic_rgb", "uint8", [480, 320, 3]), Sha(png.Pixels8!));
    }

    [Fact]
    public void Sobel_magnitude_is_the_hypot_of_the_float64_sobels()
    {
        // The lesson's literal np.sqrt(np.square(edges0) + np.square(edges1)) on uint8 Sobels squares and adds
        // with uint8 wrap-around and returns float16 (its hash is in golden.json for the record); the
        // meaningful magnitude is np.hypot of the float64 Sobels, which sobel_magnitude computes in double
        // and rounds once, so it equals the float64 result rounded to float32.
        using var dir = Fixture();
        NpyArray result = RunFilter(dir, "edges.npy", "sobel_magnitude");
        Assert.Equal(NpyDType.Float32, result.DType);
        AssertGolden("sobel_magnitude_float32", result);
    }

    // --- Helpers

    /// <summary>A temp folder holding foot-xray.jpg, so commands name it as the lesson does.</summary>
    private static TempDir Fixture()
    {
        var dir = new TempDir();
        File.Copy(Path.Combine(s_folder, Image), dir[Image]);
        return dir;
    }

    private static NpyArray RunFilter(TempDir dir, string output, params string[] ops) => RunFilter(dir, output, [], ops);

    private static NpyArray RunFilter(TempDir dir, string output, string[] options, params string[] ops)
    {
        List<string> args = ["filter", Image, "-o", output, .. options];
        foreach (string op in ops)
        {
            args.AddRange(["--op", op]);
        }

        CliResult r = CliRunner.Run([.. args], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Stderr);
        NpyArray result = NpyFile.Read(dir[output]);
        Assert.Equal([480, 320], result.Shape);
        return result;
    }

    private static long[] GoldenHistogram() => [.. s_golden.GetProperty("hist").EnumerateArray().Select(c => c.GetInt64())];

    private static string GoldenHash(string name, string dtype, int[] shape)
    {
        JsonElement c = s_golden.GetProperty("cases").GetProperty(name);
        Assert.Equal(dtype, c.GetProperty("dtype").GetString());
        Assert.Equal(shape, c.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        return c.GetProperty("sha256").GetString()!;
    }

    /// <summary>
    /// Compares <paramref name="actual"/> with the golden case by SHA-256 in the golden dtype. A float32 result
    /// compared with a uint8 golden (masks, np.where, the decoded image) is converted only when every sample is
    /// an integer in 0..255, so the conversion cannot hide a difference. Float32 results are compared byte for
    /// byte, signed zeros included (scipy's correlate1d writes +0.0 for x - x, and so do we).
    /// </summary>
    private static void AssertGolden(string name, NpyArray actual)
    {
        string dtype = s_golden.GetProperty("cases").GetProperty(name).GetProperty("dtype").GetString()!;
        string expected = GoldenHash(name, dtype, actual.Shape);
        byte[] bytes = dtype switch
        {
            "uint8" when actual.DType == NpyDType.UInt8 => actual.Data,
            "uint8" when actual.DType == NpyDType.Float32 => ToUInt8(actual.AsSpan<float>(), name),
            "float32" when actual.DType == NpyDType.Float32 => actual.Data,
            _ => throw new Xunit.Sdk.XunitException($"{name}: result dtype {actual.DType}, golden {dtype}"),
        };
        if (Sha(bytes) != expected)
        {
            throw new Xunit.Sdk.XunitException($"{name}: result differs from the lesson's ({Describe(dtype, bytes)})");
        }
    }

    private static byte[] ToUInt8(ReadOnlySpan<float> values, string name)
    {
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (!(v >= 0 && v <= 255 && v == MathF.Round(v)))
            {
                throw new Xunit.Sdk.XunitException($"{name}: sample {i} is {v}, not a uint8 value");
            }

            bytes[i] = (byte)v;
        }

        return bytes;
    }

    /// <summary>What a hash mismatch can say without the reference array: value range and, for 0/1 masks, the count of ones.</summary>
    private static string Describe(string dtype, byte[] bytes)
    {
        if (dtype != "uint8")
        {
            return $"{bytes.Length / 4} float32 samples";
        }

        int ones = bytes.Count(b => b == 1);
        return $"{bytes.Length} uint8 samples, min {bytes.Min()}, max {bytes.Max()}, {ones} ones";
    }

    /// <summary>
    /// The float32 bound for a weighted sum with non-negative weights and pixels (tools/fixtures/lesson.py,
    /// SUMMED_M): |ours - ref| &lt;= gamma_m |ref|, gamma_m = m u / (1 - m u), u = 2^-24, m = taps along the chain
    /// plus 2 per pass. It holds for any summation order and SIMD width; "exact after rounding to float32" and
    /// 1 ulp do not (FastXray accumulates these in float32: measured up to 2.5, 5.9 and 6.9 ulp).
    /// </summary>
    private static void AssertWithinSumBound(string name, NpyArray actual)
    {
        int m = s_golden.GetProperty("summed_m").GetProperty(name).GetInt32();
        double u = Math.ScaleB(1.0, -24);
        double gamma = m * u / (1 - (m * u));
        (long[] rows, long[] cols, double[] expected) = ReadGrid(name);
        ReadOnlySpan<float> ours = actual.AsSpan<float>();
        Assert.True(rows.Length > 60 && cols.Length > 40 && rows[^1] == 479 && cols[^1] == 319, "the grid reaches both borders");
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < cols.Length; j++)
            {
                double e = expected[(i * cols.Length) + j];
                double a = ours[checked((int)((rows[i] * 320) + cols[j]))];
                double error = Math.Abs(a - e);
                Assert.True(e >= 0, "every weight and pixel is non-negative, so is the reference");
                if (!(error <= gamma * e))
                {
                    throw new Xunit.Sdk.XunitException($"{name} at ({rows[i]}, {cols[j]}): {a:R}, expected {e:R} within {gamma * e:R}");
                }
            }
        }
    }

    private static (long[] Rows, long[] Cols, double[] Values) ReadGrid(string name)
    {
        using ZipArchive zip = ZipFile.OpenRead(Path.Combine(s_folder, "float.npz"));
        NpyArray Entry(string entry)
        {
            using Stream s = zip.GetEntry(entry + ".npy")!.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            copy.Position = 0;
            return NpyFile.Read(copy);
        }

        NpyArray rows = Entry("rows");
        NpyArray cols = Entry("cols");
        NpyArray values = Entry(name);
        Assert.Equal(NpyDType.Float64, values.DType);
        Assert.Equal([rows.Shape[0], cols.Shape[0]], values.Shape);
        return (rows.AsSpan<long>().ToArray(), cols.AsSpan<long>().ToArray(), values.AsSpan<double>().ToArray());
    }

    private static string Sha(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}

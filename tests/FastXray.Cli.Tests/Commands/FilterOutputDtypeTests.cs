using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Cli.Tests.Memory;
using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Npy;
using FastXray.Tests;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary>
/// <c>filter --output-dtype input</c> end to end against scipy 1.10.1 (tools/fixtures/scipy_uint8.py): the SHA-256 of
/// the uint8/uint16 result for every supported op, border mode and the lesson's chains, the DataCamp lesson's calls on
/// a real radiograph, the output formats, the usage errors and the memory plan.
/// </summary>
public sealed class FilterOutputDtypeTests
{
    private static readonly Lazy<JsonElement> s_cases = new(() => Load("cases.json"));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in s_cases.Value.EnumerateArray())
        {
            data.Add(c.GetProperty("id").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_npy_result_is_scipys_integer_array(string id)
    {
        JsonElement c = s_cases.Value.EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        string input = c.GetProperty("input").GetString()!;
        using var dir = new TempDir();
        NpyArray result = Filter(dir, Reference(input + ".npy"), "out.npy", c.GetProperty("spec").GetString()!);
        Assert.Equal(input == "u8" ? NpyDType.UInt8 : NpyDType.UInt16, result.DType);
        Assert.Equal(c.GetProperty("sha256").GetString(), Hash(result.Data));
    }

    [XrayFact]
    public void The_lessons_calls_on_a_radiograph_match_scipy()
    {
        JsonElement x = Load("xray.json");
        string file = Path.Combine(TestData.XrayDir, x.GetProperty("file").GetString()!);
        using var dir = new TempDir();
        foreach (JsonElement c in x.GetProperty("cases").EnumerateArray())
        {
            NpyArray result = Filter(dir, file, "out.npy", c.GetProperty("spec").GetString()!);
            Assert.True(c.GetProperty("sha256").GetString() == Hash(result.Data), c.GetProperty("id").GetString());
        }
    }

    [Theory]
    [InlineData("u8", "png")]
    [InlineData("u16", "png")]
    [InlineData("u8", "tif")]
    [InlineData("u16", "tif")]
    [InlineData("u8", "bmp")]
    public void Image_formats_hold_the_integers_unscaled_at_the_input_depth(string input, string format)
    {
        // The wrapped Sobel spans the whole range; reading the file back (no op, same dtype) gives the same array.
        using var dir = new TempDir();
        string spec = "sobel:axis=0";
        NpyArray direct = Filter(dir, Reference(input + ".npy"), "direct.npy", spec);
        Filter(dir, Reference(input + ".npy"), "out." + format, spec);
        NpyArray back = Filter(dir, dir["out." + format], "back.npy", null);
        Assert.Equal(direct.DType, back.DType);
        Assert.Equal(direct.Data, back.Data);
    }

    [Fact]
    public void The_result_is_the_same_for_every_thread_count()
    {
        // 640x600 is above the row-band threshold: the rank op runs in bands, the stored filters on one thread.
        using var dir = new TempDir();
        MemoryRefusalTests.Png(dir, "big.png", 640, 600);
        const string chain = "median_filter:size=3 | gaussian_filter:sigma=2 | sobel:axis=1";
        NpyArray one = Filter(dir, dir["big.png"], "one.npy", chain, threads: "1");
        NpyArray two = Filter(dir, dir["big.png"], "two.npy", chain, threads: "2");
        Assert.Equal(NpyDType.UInt8, one.DType);
        Assert.Equal(one.Data, two.Data);
    }

    [Fact]
    public void A_colormap_spans_the_integer_values()
    {
        using var dir = new TempDir();
        CliResult r = CliRunner.Run(["filter", Reference("u8.npy"), "-o", "c.png", "--output-dtype", "input", "--op", "laplace", "--colormap", "seismic"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(new FileInfo(dir["c.png"]).Length > 0);
    }

    [Theory]
    [InlineData("sobel_magnitude", "sobel_magnitude")]
    [InlineData("fourier_gaussian:sigma=1", "fourier_gaussian")]
    [InlineData("equalize", "equalize")]
    [InlineData("normalize", "normalize")]
    [InlineData("canny", "canny")]
    [InlineData("window:center=40,width=400", "window")]
    public void Float_only_ops_are_a_usage_error_naming_the_op(string spec, string name)
    {
        using var dir = new TempDir();
        CliResult r = CliRunner.Run(["filter", Reference("u8.npy"), "-o", "x.npy", "--output-dtype", "input", "--op", "median_filter:size=3", "--op", spec], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"fastxray: --output-dtype input: {name} does not keep the input dtype (", r.ErrorLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["x.npy"]));
    }

    [Fact]
    public void A_gaussian_order_above_2_is_refused_as_a_limit_of_the_integer_mode()
    {
        using var dir = new TempDir();
        CliResult r = CliRunner.Run(["filter", Reference("u8.npy"), "-o", "x.npy", "--output-dtype", "input", "--op", "gaussian_filter:sigma=2,order=3"], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("fastxray: --output-dtype input: gaussian_filter order above 2", r.ErrorLines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--scale", "clip")]
    [InlineData("--depth", "16")]
    public void Scale_and_depth_do_not_combine_with_the_input_dtype(string option, string value)
    {
        using var dir = new TempDir();
        CliResult r = CliRunner.Run(["filter", Reference("u8.npy"), "-o", "x.png", "--output-dtype", "input", "--op", "sobel", option, value], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--output-dtype input writes the input's dtype unscaled", r.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_uint16_result_in_an_8_bit_format_is_one_line_naming_the_file()
    {
        using var dir = new TempDir();
        CliResult r = CliRunner.Run(["filter", Reference("u16.npy"), "-o", "x.jpg", "--output-dtype", "input", "--op", "sobel"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.Contains("u16.npy: --output-dtype input: a uint16 result needs .png, .tif or .npy", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["x.jpg"]));
    }

    [Fact]
    public void A_float_input_stays_float32_and_an_unknown_choice_is_refused()
    {
        using var dir = new TempDir();
        float[] values = [0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f];
        using (FileStream s = File.Create(dir["f.npy"]))
        {
            NpyFile.Write(s, NpyArray.From<float>(values, 2, 3));
        }

        NpyArray result = Filter(dir, dir["f.npy"], "out.npy", "uniform_filter:size=3");
        NpyArray expected = Filter(dir, dir["f.npy"], "float.npy", "uniform_filter:size=3", "float32");
        Assert.Equal(NpyDType.Float32, result.DType);
        Assert.Equal(expected.Data, result.Data);

        CliResult r = CliRunner.Run(["filter", dir["f.npy"], "-o", "x.npy", "--output-dtype", "uint8"], dir.Path);
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Help_documents_the_option()
    {
        CliResult r = CliRunner.Run("help", "filter");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--output-dtype float32|input", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("stored by the C cast", r.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gaussian_filter:sigma=5", "png")]
    [InlineData("convolve:weights=[[0.11,0.11,0.11],[0.11,0.12,0.11],[0.11,0.11,0.11]]", "npy")]
    [InlineData("median_filter:size=3", "png")]
    public void The_memory_plan_bounds_the_measured_peak(string op, string format)
    {
        using var dir = new TempDir();
        MemoryRefusalTests.Png(dir, "big.png", 2048, 2048);
        MemoryRefusalTests.Png(dir, "tiny.png", 64, 64);
        MemoryPlanHonestyTests.AssertFilterPlanBounds(dir, "big.png", "tiny.png", format,
            ["--op", op, "--output-dtype", "input", "--threads", "1", "--max-memory", "1T"], $"{op} --output-dtype input -> .{format}");
    }

    private static NpyArray Filter(TempDir dir, string input, string output, string? spec, string dtype = "input", string threads = "1")
    {
        List<string> args = ["filter", input, "-o", output, "--output-dtype", dtype, "--threads", threads];
        foreach (string s in spec?.Split(" | ") ?? [])
        {
            args.AddRange(["--op", s]);
        }

        CliResult r = CliRunner.Run([.. args], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        return output.EndsWith(".npy", StringComparison.Ordinal) ? NpyFile.Read(dir[output]) : new NpyArray(NpyDType.UInt8, [0], []);
    }

    private static string Reference(string name) => TestData.Reference("FastXray.Core.Tests", "scipy_uint8", name);

    private static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Reference(name))).RootElement.Clone();

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

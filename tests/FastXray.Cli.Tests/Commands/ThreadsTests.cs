using FastXray.Cli.Ops;
using FastXray.Cli.Tests.Support;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary>
/// <c>--threads</c>: filter, batch and bench accept it, and the output bytes are the same for every thread and
/// job count (8-bit, 16-bit and float input, every border mode, an image above the 512x512 serial threshold).
/// </summary>
public sealed class ThreadsTests
{
    private const int Width = 601;
    private const int Height = 480;

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (string mode in new[] { "reflect", "mirror", "nearest", "constant", "wrap" })
        {
            data.Add($"gaussian_filter:sigma=2,mode={mode},cval=7.5");
            data.Add($"gaussian_gradient_magnitude:sigma=1.5,mode={mode}");
            data.Add($"gaussian_laplace:sigma=[1,3],mode={mode}");
            data.Add($"sobel_magnitude:mode={mode},cval=2");
            data.Add($"sobel:axis=1,mode={mode},cval=2");
            data.Add($"prewitt:axis=0,mode={mode}");
            data.Add($"laplace:mode={mode}");
            data.Add($"correlate:weights=[[1,2,1],[0,0,0],[-1,-2,-1],[1,1,1]],origin=[1,0],mode={mode},cval=1");
        }

        data.Add("gaussian_filter:sigma=1,radius=[40,2]");
        foreach (string mode in new[] { "reflect", "constant" })
        {
            data.Add($"median_filter:size=[5,3],mode={mode},cval=4");
            data.Add($"percentile_filter:percentile=30,size=4,origin=[1,0],mode={mode}");
            data.Add($"rank_filter:rank=2,footprint=[[0,1,0],[1,1,1],[0,1,0]],mode={mode}");
            data.Add($"minimum_filter:size=6,mode={mode},cval=-3");
            data.Add($"maximum_filter:size=[7,2],origin=[-3,0],mode={mode}");
        }

        data.Add("binary_dilation:iterations=5");
        data.Add("binary_erosion:iterations=3,border_value=1");
        data.Add("binary_opening:structure=[[1,1,1],[1,1,1],[1,1,1]],iterations=2");
        data.Add("binary_closing:iterations=4");
        data.Add("where:gt=100");
        data.Add("mask:le=80");
        data.Add("window:center=100,width=60");
        return data;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Filter_output_is_identical_for_1_2_3_and_7_threads(string spec)
    {
        using var dir = new TempDir();
        var random = new Random(5);
        float[] floats = new float[Width * Height];
        for (int i = 0; i < floats.Length; i++)
        {
            floats[i] = (float)(random.NextDouble() * 300) - 50;
        }

        dir.Npy8("u8.npy", Width, Height, seed: 3);
        dir.Npy16("u16.npy", Width, Height, seed: 4);
        dir.NpyFloat("f32.npy", floats, Width, Height);
        foreach (string input in new[] { "u8", "u16", "f32" })
        {
            byte[]? reference = null;
            foreach (int threads in new[] { 1, 2, 3, 7 })
            {
                string output = $"{input}-{threads}.npy";
                CliResult r = CliRunner.Run(["filter", input + ".npy", "-o", output, "--op", spec, "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture)], dir.Path);
                Assert.True(r.ExitCode == 0, r.ToString());
                byte[] bytes = File.ReadAllBytes(dir[output]);
                reference ??= bytes;
                Assert.True(reference.AsSpan().SequenceEqual(bytes), $"{input} with {threads} threads differs from 1 thread");
            }
        }
    }

    [Fact]
    public void Batch_output_is_identical_for_any_jobs_and_threads_and_matches_filter()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 3; i++)
        {
            dir.Npy8($"in/{i}.npy", Width, Height, seed: 10 + i);
        }

        string[] ops = ["--op", "gaussian_filter:sigma=2", "--op", "sobel_magnitude:mode=nearest"];
        foreach ((string outDir, string jobs, string threads) in new[] { ("a", "1", "1"), ("b", "2", "2"), ("c", "3", "7") })
        {
            CliResult r = CliRunner.Run(["batch", "in", "-o", outDir, "--format", "npy", "--jobs", jobs, "--threads", threads, .. ops], dir.Path);
            Assert.True(r.ExitCode == 0, r.ToString());
        }

        CliResult f = CliRunner.Run(["filter", "in/1.npy", "-o", "f.npy", "--threads", "1", .. ops], dir.Path);
        Assert.True(f.ExitCode == 0, f.ToString());
        for (int i = 0; i < 3; i++)
        {
            byte[] a = File.ReadAllBytes(dir[$"a/{i}.npy"]);
            Assert.Equal(a, File.ReadAllBytes(dir[$"b/{i}.npy"]));
            Assert.Equal(a, File.ReadAllBytes(dir[$"c/{i}.npy"]));
        }

        Assert.Equal(File.ReadAllBytes(dir["a/1.npy"]), File.ReadAllBytes(dir["f.npy"]));
    }

    [Theory]
    [InlineData("gaussian_filter:sigma=2", 8)]
    [InlineData("gaussian_filter:sigma=[1,5],truncate=3", 3)]
    [InlineData("gaussian_filter:sigma=1,radius=[6,2]", 6)]
    [InlineData("gaussian_gradient_magnitude:sigma=2", 8)]
    [InlineData("gaussian_laplace:sigma=0.5", 2)]
    [InlineData("sobel_magnitude", 1)]
    [InlineData("median_filter:size=[5,3]", 3)]
    [InlineData("maximum_filter:size=4,origin=-1", 4)]
    [InlineData("rank_filter:rank=0,footprint=[[1],[1],[1],[1],[1]]", 3)]
    [InlineData("binary_dilation:iterations=3", 6)]
    [InlineData("binary_opening:iterations=2", 8)]
    [InlineData("binary_erosion:iterations=0", -1)]
    [InlineData("where:gt=3", 0)]
    [InlineData("uniform_filter:size=3", -1)]
    [InlineData("fft_gaussian:sigma=2", -1)]
    [InlineData("equalize", -1)]
    [InlineData("laplace", 1)]
    [InlineData("convolve:weights=[[1],[1],[1],[1],[1]],origin=[-2,0]", 5)]
    [InlineData("gaussian_filter:sigma=2,mode=wrap", -1)]
    [InlineData("sobel:mode=grid-wrap", -1)]
    public void Ops_declare_their_row_reach(string spec, int reach) =>
        Assert.Equal(reach, OpSpecParser.Parse(spec, OpRegistry.Default).Reach);

    [Fact]
    public void An_op_without_a_declared_reach_runs_on_one_thread()
    {
        var registry = new OpRegistry().Add("whole", "image-wide", [], static (s, d, _, _) => s.Data.CopyTo(d.Data));
        Assert.Equal(-1, OpSpecParser.Parse("whole", registry).Reach);
    }

    [Theory]
    [InlineData("filter", "the number of cores")]
    [InlineData("batch", "cores / jobs, at least 1")]
    [InlineData("bench", "default 1")]
    public void Help_documents_threads(string command, string defaultText)
    {
        CliResult r = CliRunner.Run(command, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--threads N", r.Stdout, StringComparison.Ordinal);
        Assert.Contains(defaultText, r.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("x")]
    public void A_bad_thread_count_is_a_usage_error(string value)
    {
        using var dir = new TempDir();
        dir.Npy8("in.npy");
        CliResult r = CliRunner.Run(["filter", "in.npy", "-o", "out.npy", "--op", "sobel", "--threads", value], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--threads", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_reports_its_thread_count()
    {
        CliResult one = CliRunner.Run("bench", "--size", "64", "--op", "sobel_magnitude", "--repeat", "1");
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains("one thread", one.Stdout, StringComparison.Ordinal);
        CliResult two = CliRunner.Run("bench", "--size", "64", "--op", "sobel_magnitude", "--repeat", "1", "--threads", "2", "--json");
        Assert.True(two.ExitCode == 0, two.ToString());
        Assert.Contains("\"threads\":2", two.Stdout.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

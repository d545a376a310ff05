using System.Text.Json;
using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary><c>fastxray bench</c> times the asked ops on a phantom or a given image and reports them as a table or JSON.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void Json_reports_the_op_with_a_positive_median_on_the_phantom_size()
    {
        CliResult r = CliRunner.Run(["bench", "--size", "64", "--op", "sobel_magnitude", "--repeat", "2", "--json"], null);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement only = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("sobel_magnitude", only.GetProperty("op").GetString());
        double median = only.GetProperty("median_ms").GetDouble();
        double min = only.GetProperty("min_ms").GetDouble();
        Assert.True(median > 0, $"median_ms {median}");
        Assert.True(min <= median, $"min_ms {min} > median_ms {median}");
        Assert.Equal(64, only.GetProperty("width").GetInt32());
        Assert.Equal(64, only.GetProperty("height").GetInt32());
        Assert.Equal(1, only.GetProperty("threads").GetInt32());

        // Throughput is the image's megapixels over the median time. Both numbers are printed rounded (median to
        // 4 decimals, throughput to 2), so the exact throughput lies between the values the rounded median's
        // half-step either side gives, widened by the throughput's own half-step.
        double mpixPerS = only.GetProperty("mpix_per_s").GetDouble();
        double fastest = 64 * 64 / 1e6 / ((median - 0.00005) / 1000);
        double slowest = 64 * 64 / 1e6 / ((median + 0.00005) / 1000);
        Assert.InRange(mpixPerS, slowest - 0.005, fastest + 0.005);
    }

    [Fact]
    public void Several_ops_are_reported_in_the_order_given_including_the_extra_names()
    {
        string[] ops = ["stats", "gaussian_filter:sigma=1", "histogram", "png_decode", "png_encode"];
        CliResult r = CliRunner.Run(["bench", "--size", "32", "--repeat", "1", "--json", .. ops.SelectMany(o => new[] { "--op", o })], null);
        Assert.Equal(0, r.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(ops, doc.RootElement.EnumerateArray().Select(e => e.GetProperty("op").GetString()));
        Assert.All(doc.RootElement.EnumerateArray(), e => Assert.True(e.GetProperty("median_ms").GetDouble() >= 0));
    }

    [Fact]
    public void An_image_is_benchmarked_at_its_own_size()
    {
        using var dir = new TempDir();
        PngEncoder.EncodeFile(dir["i.png"], new byte[20 * 12], 20, 12, PngColorType.Gray);
        CliResult r = CliRunner.Run(["bench", "--image", "i.png", "--op", "laplace", "--repeat", "1", "--json"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement only = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal(20, only.GetProperty("width").GetInt32());
        Assert.Equal(12, only.GetProperty("height").GetInt32());
    }

    [Fact]
    public void Decode_times_the_image_file_through_its_own_decoder_dicom_included()
    {
        using var dir = new TempDir();
        ushort[] words = [.. Enumerable.Range(0, 9 * 6).Select(i => (ushort)(i * 70))];
        dir.Bytes("s.dcm", FastXray.Tests.DicomWriter.Image(6, 9, 16, 12, signed: false).Pixels(words).ToArray());
        CliResult r = CliRunner.Run(["bench", "--image", "s.dcm", "--op", "decode", "--repeat", "2", "--json"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement only = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal(("decode", 9, 6), (only.GetProperty("op").GetString(), only.GetProperty("width").GetInt32(), only.GetProperty("height").GetInt32()));
    }

    [Fact]
    public void The_table_has_a_header_and_one_row_per_op()
    {
        CliResult r = CliRunner.Run(["bench", "--size", "32", "--op", "sobel", "--op", "laplace", "--repeat", "1"], null);
        Assert.Equal(0, r.ExitCode);
        string[] lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("32x32 uint8, 1 runs, one thread", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("op ", lines[1], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("sobel ", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("laplace ", lines[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown op 'sobel_magnitud'", "--size", "16", "--op", "sobel_magnitud")]
    [InlineData("--image and --size are alternatives", "--image", "i.png", "--size", "16")]
    [InlineData("--isa avx: expected scalar, 128, 256 or 512", "--isa", "avx")]
    [InlineData("--repeat 0: expected an integer from 1 to 100000", "--repeat", "0")]
    [InlineData("unexpected argument 'x'", "x")]
    public void Usage_errors_exit_2(string message, params string[] args)
    {
        using var dir = new TempDir();
        PngEncoder.EncodeFile(dir["i.png"], new byte[16], 4, 4, PngColorType.Gray);
        CliResult r = CliRunner.Run(["bench", .. args], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("fastxray: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void A_bad_image_is_one_line_exit_1()
    {
        using var dir = new TempDir();
        dir.TruncatedNpy("t.npy");
        CliResult r = CliRunner.Run(["bench", "--image", "t.npy", "--op", "sobel", "--repeat", "1"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("fastxray: t.npy: ", r.Stderr, StringComparison.Ordinal);
    }
}

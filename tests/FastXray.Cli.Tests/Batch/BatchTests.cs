using System.Text.Json;
using FastXray.Cli.Tests.Support;
using Xunit;

namespace FastXray.Cli.Tests.Batch;

public sealed class BatchTests
{
    private static readonly string[] Npy = ["--format", "npy"];

    private static CliResult Batch(TempDir dir, params string[] args) => CliRunner.Run(["batch", .. args], dir.Path);

    private static CliResult Batch(TempDir dir, string stdin, params string[] args) => CliRunner.Run(["batch", .. args], dir.Path, stdin);

    private static void Inputs(TempDir dir, int count, string folder = "in")
    {
        for (int i = 0; i < count; i++)
        {
            dir.Npy8($"{folder}/img{i:00}.npy", 10 + (i % 3), 7 + (i % 2), seed: i);
        }
    }

    private static JsonElement Summary(CliResult r) => JsonDocument.Parse(r.Stdout.Trim().Split('\n')[^1]).RootElement;

    [Fact]
    public void Mixed_good_and_broken_inputs_report_each_bad_file_once_and_finish_the_rest()
    {
        using var dir = new TempDir();
        Inputs(dir, 3);
        dir.TruncatedNpy("in/truncated.npy");
        dir.Bytes("in/garbage.npy", [1, 2, 3]);
        dir.Bytes("in/empty.npy", []);
        var before = dir.Hashes("in");

        CliResult r = Batch(dir, ["in", "in/missing.npy", "-o", "out", .. Npy, "--op", "sobel", "--manifest", "m.jsonl", "--json"]);

        Assert.Equal(1, r.ExitCode);
        Assert.Equal(
            ["fastxray: in/empty.npy: empty file", "fastxray: in/garbage.npy: unsupported format: unknown (first bytes 010203)",
             "fastxray: in/missing.npy: no such file or directory", "fastxray: in/truncated.npy: NPY data is truncated"],
            r.ErrorLines.Select(l => l.Split(": 256 bytes")[0]).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(" at ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(["img00.npy", "img01.npy", "img02.npy"], dir.Files("out"));
        Assert.Equal(before, dir.Hashes("in"));

        JsonElement s = Summary(r);
        Assert.Equal((7, 3, 0, 4), (s.GetProperty("matched").GetInt32(), s.GetProperty("ok").GetInt32(), s.GetProperty("skipped").GetInt32(), s.GetProperty("failed").GetInt32()));

        var lines = File.ReadAllLines(dir["m.jsonl"]).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(7, lines.Count);
        JsonElement good = lines.Single(l => l.GetProperty("input").GetString() == "in/img01.npy");
        Assert.Equal("ok", good.GetProperty("status").GetString());
        Assert.Equal("out/img01.npy", good.GetProperty("output").GetString());
        Assert.Equal(["sobel:axis=-1,mode=reflect,cval=0"], good.GetProperty("ops").EnumerateArray().Select(e => e.GetString()));
        Assert.Matches("^[0-9a-f]{32}$", good.GetProperty("xxh128").GetString()!);
        Assert.Equal(JsonValueKind.Null, good.GetProperty("error").ValueKind);
        Assert.True(good.GetProperty("ms").GetInt64() >= 0);
        JsonElement bad = lines.Single(l => l.GetProperty("input").GetString() == "in/garbage.npy");
        Assert.Equal("failed", bad.GetProperty("status").GetString());
        Assert.Equal("unsupported format: unknown (first bytes 010203)", bad.GetProperty("error").GetString());
    }

    [Fact]
    public void Batch_output_is_byte_identical_to_filter()
    {
        using var dir = new TempDir();
        Inputs(dir, 2);
        string[] ops = ["--op", "gaussian_filter:sigma=1.5", "--op", "prewitt:axis=0"];
        Assert.Equal(0, Batch(dir, ["in", "-o", "out", .. Npy, .. ops]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["filter", "in/img01.npy", "-o", "f.npy", .. ops], dir.Path).ExitCode);
        Assert.Equal(File.ReadAllBytes(dir["f.npy"]), File.ReadAllBytes(dir["out/img01.npy"]));
    }

    [Fact]
    public void Jobs_1_and_jobs_4_write_identical_bytes()
    {
        using var dir = new TempDir();
        Inputs(dir, 12);
        Assert.Equal(0, Batch(dir, ["in", "-o", "j1", .. Npy, "--op", "gaussian_laplace:sigma=1", "--jobs", "1"]).ExitCode);
        Assert.Equal(0, Batch(dir, ["in", "-o", "j4", .. Npy, "--op", "gaussian_laplace:sigma=1", "--jobs", "4"]).ExitCode);
        Assert.Equal(12, dir.Files("j1").Length);
        Assert.Equal(dir.Hashes("j1"), dir.Hashes("j4"));
    }

    [Fact]
    public void Shards_cover_every_input_exactly_once()
    {
        using var dir = new TempDir();
        Inputs(dir, 10);
        Assert.Equal(0, Batch(dir, ["in", "-o", "all", .. Npy, "--op", "laplace"]).ExitCode);
        var seen = new List<string>();
        for (int k = 1; k <= 3; k++)
        {
            CliResult r = Batch(dir, ["in", "-o", "shards", .. Npy, "--op", "laplace", "--shard", $"{k}/3", "--json"]);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(10, Summary(r).GetProperty("matched").GetInt32());
            string[] now = dir.Files("shards");
            string[] added = [.. now.Except(seen)];
            Assert.Equal(Summary(r).GetProperty("ok").GetInt32(), added.Length);
            Assert.Equal(now.Length - seen.Count, added.Length);
            seen.AddRange(added);
        }

        Assert.Equal(dir.Files("all"), seen.Order(StringComparer.Ordinal));
        Assert.Equal(dir.Hashes("all").Where(h => !h.Key.StartsWith('.')), dir.Hashes("shards").Where(h => !h.Key.StartsWith('.')));
    }

    [Fact]
    public void Shard_auto_reads_the_scheduler_environment()
    {
        using var dir = new TempDir();
        Inputs(dir, 6);
        var slurm = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "3" };
        CliResult a = CliRunner.Run(["batch", "in", "-o", "a", .. Npy, "--shard", "auto"], dir.Path, environment: slurm);
        CliResult b = CliRunner.Run(["batch", "in", "-o", "b", .. Npy, "--shard", "2/3"], dir.Path);
        var k8s = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1", ["FASTXRAY_SHARD_COUNT"] = "3" };
        CliResult c = CliRunner.Run(["batch", "in", "-o", "c", .. Npy, "--shard", "auto"], dir.Path, environment: k8s);
        Assert.Equal((0, 0, 0), (a.ExitCode, b.ExitCode, c.ExitCode));
        Assert.Equal(["img01.npy", "img04.npy"], dir.Files("a"));
        Assert.Equal(dir.Files("a"), dir.Files("b"));
        Assert.Equal(dir.Files("a"), dir.Files("c"));
    }

    [Fact]
    public void An_output_that_resolves_to_an_input_is_refused()
    {
        using var dir = new TempDir();
        Inputs(dir, 2);
        Directory.CreateSymbolicLink(dir["alias"], dir["in"]);
        var before = dir.Hashes("in");
        foreach (string outDir in new[] { "in", "alias", "./in/../in" })
        {
            CliResult r = Batch(dir, ["in", "-o", outDir, .. Npy]);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("is the input in/img00.npy; refusing to overwrite an input", r.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal(before, dir.Hashes("in"));
    }

    [Fact]
    public void Inputs_are_never_modified()
    {
        using var dir = new TempDir();
        Inputs(dir, 4);
        dir.TruncatedNpy("in/bad.npy");
        var before = dir.Hashes("in");
        Batch(dir, ["in", "-o", "out", .. Npy, "--op", "sobel"]);
        Batch(dir, ["in", "-o", "out", .. Npy, "--op", "sobel", "--overwrite"]);
        Assert.Equal(before, dir.Hashes("in"));
    }

    [Fact]
    public void Files_from_stdin_and_from_a_file()
    {
        using var dir = new TempDir();
        Inputs(dir, 3);
        dir.Npy8("more/extra.npy");
        CliResult r = Batch(dir, "in/img00.npy\r\nmore\n\nin/img02.npy\n", ["--files-from", "-", "-o", "out", .. Npy]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(["extra.npy", "img00.npy", "img02.npy"], dir.Files("out"));

        File.WriteAllLines(dir["list.txt"], ["in/img01.npy"]);
        Assert.Equal(0, Batch(dir, ["--files-from", "list.txt", "-o", "out2", .. Npy]).ExitCode);
        Assert.Equal(["img01.npy"], dir.Files("out2"));

        CliResult missing = Batch(dir, ["--files-from", "nope.txt", "-o", "out3", .. Npy]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--files-from nope.txt: cannot read the list", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Globs_with_double_star_and_recursive_mirroring()
    {
        using var dir = new TempDir();
        dir.Npy8("in/top.npy");
        dir.Npy8("in/a/x.npy", seed: 2);
        dir.Npy8("in/a/b/y.npy", seed: 3);
        dir.Npy8("in/c/z.npy", seed: 4);
        dir.Npy8("in/.hidden/h.npy", seed: 5);
        dir.Npy8("in/a/.h.npy", seed: 6);
        dir.Bytes("in/a/notes.txt", [1]);

        Assert.Equal(0, Batch(dir, ["in/**/*.npy", "-o", "mirror", .. Npy, "--recursive"]).ExitCode);
        Assert.Equal(["a/b/y.npy", "a/x.npy", "c/z.npy", "top.npy"], dir.Files("mirror"));

        Assert.Equal(0, Batch(dir, ["in/**/*.npy", "-o", "flat", .. Npy]).ExitCode);
        Assert.Equal(["top.npy", "x.npy", "y.npy", "z.npy"], dir.Files("flat"));

        Assert.Equal(0, Batch(dir, ["in", "-o", "walk", .. Npy, "-r"]).ExitCode);
        Assert.Equal(dir.Files("mirror"), dir.Files("walk"));

        Assert.Equal(0, Batch(dir, ["in", "-o", "top", .. Npy]).ExitCode);
        Assert.Equal(["top.npy"], dir.Files("top"));

        Assert.Equal(0, Batch(dir, ["in/[ab]*/?.npy", "-o", "class", .. Npy, "-r"]).ExitCode);
        Assert.Equal(["a/x.npy"], dir.Files("class"));

        Assert.Equal(0, Batch(dir, [dir["in"] + "/*/*/*.npy", "-o", "abs", .. Npy, "-r"]).ExitCode);
        Assert.Equal(["a/b/y.npy"], dir.Files("abs"));
    }

    [Fact]
    public void The_output_folder_inside_an_input_folder_is_not_read_back()
    {
        using var dir = new TempDir();
        Inputs(dir, 2);
        Assert.Equal(0, Batch(dir, ["in", "-o", "in/out", .. Npy, "-r"]).ExitCode);
        CliResult again = Batch(dir, ["in", "-o", "in/out", .. Npy, "-r", "--json"]);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(2, Summary(again).GetProperty("matched").GetInt32());
    }

    [Fact]
    public void Two_inputs_with_the_same_output_name_are_a_usage_error()
    {
        using var dir = new TempDir();
        dir.Npy8("in/a/x.npy");
        dir.Npy8("in/b/x.npy");
        CliResult r = Batch(dir, ["in/*/x.npy", "-o", "out", .. Npy]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("out/x.npy <- in/a/x.npy, in/b/x.npy", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["out"]));
        Assert.Equal(0, Batch(dir, ["in/*/x.npy", "-o", "out", .. Npy, "--recursive"]).ExitCode);
    }

    [Fact]
    public void Nothing_matched_exits_3()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["empty"]);
        foreach (CliResult r in new[]
        {
            Batch(dir, ["nothing/*.npy", "-o", "out", .. Npy]),
            Batch(dir, ["empty", "-o", "out", .. Npy]),
            Batch(dir, "", ["--files-from", "-", "-o", "out", .. Npy]),
        })
        {
            Assert.Equal(3, r.ExitCode);
            Assert.Equal(["fastxray: no input matched"], r.ErrorLines);
        }

        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public void A_rerun_skips_complete_outputs_and_redoes_changed_inputs_and_options()
    {
        using var dir = new TempDir();
        Inputs(dir, 4);
        string[] args = ["in", "-o", "out", .. Npy, "--op", "sobel", "--json"];
        Assert.Equal(4, Summary(Batch(dir, args)).GetProperty("ok").GetInt32());
        var first = dir.Hashes("out");

        JsonElement again = Summary(Batch(dir, args));
        Assert.Equal((0, 4), (again.GetProperty("ok").GetInt32(), again.GetProperty("skipped").GetInt32()));
        Assert.Equal(first, dir.Hashes("out"));

        dir.Npy8("in/img02.npy", seed: 1234);
        JsonElement changed = Summary(Batch(dir, args));
        Assert.Equal((1, 3), (changed.GetProperty("ok").GetInt32(), changed.GetProperty("skipped").GetInt32()));

        JsonElement otherOps = Summary(Batch(dir, ["in", "-o", "out", .. Npy, "--op", "sobel:axis=0", "--json"]));
        Assert.Equal(4, otherOps.GetProperty("ok").GetInt32());

        JsonElement overwrite = Summary(Batch(dir, ["in", "-o", "out", .. Npy, "--op", "sobel:axis=0", "--json", "--overwrite"]));
        Assert.Equal(4, overwrite.GetProperty("ok").GetInt32());

        // A damaged output is noticed (its hash no longer matches) and rewritten to the same bytes.
        byte[] good = File.ReadAllBytes(dir["out/img03.npy"]);
        File.WriteAllText(dir["out/img03.npy"], "damaged");
        JsonElement repaired = Summary(Batch(dir, ["in", "-o", "out", .. Npy, "--op", "sobel:axis=0", "--json"]));
        Assert.Equal((1, 3), (repaired.GetProperty("ok").GetInt32(), repaired.GetProperty("skipped").GetInt32()));
        Assert.Equal(good, File.ReadAllBytes(dir["out/img03.npy"]));
    }

    [Fact]
    public void An_existing_output_not_written_by_batch_is_kept_unless_overwrite()
    {
        using var dir = new TempDir();
        Inputs(dir, 2);
        dir.Bytes("out/img00.npy", [42]);
        CliResult r = Batch(dir, ["in", "-o", "out", .. Npy]);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(["fastxray: out/img00.npy: exists and was not written by fastxray batch; use --overwrite to replace it"], r.ErrorLines);
        Assert.Equal([42], File.ReadAllBytes(dir["out/img00.npy"]));
        Assert.True(File.Exists(dir["out/img01.npy"]));

        Assert.Equal(0, Batch(dir, ["in", "-o", "out", .. Npy, "--overwrite"]).ExitCode);
        Assert.NotEqual([42], File.ReadAllBytes(dir["out/img00.npy"]));
    }

    [Fact]
    public void Temporary_files_left_by_a_dead_run_are_removed_and_others_kept()
    {
        using var dir = new TempDir();
        Inputs(dir, 2);
        const int deadPid = 99_999_999;
        dir.Bytes($"out/.img00.npy.{deadPid}.1.fastxray-tmp", [1]);
        dir.Bytes($"out/..img01.npy.fastxray.json.{deadPid}.7.fastxray-tmp", [1]);
        dir.Bytes($"out/.unrelated.npy.{deadPid}.1.fastxray-tmp", [1]);
        Assert.Equal(0, Batch(dir, ["in", "-o", "out", .. Npy]).ExitCode);
        Assert.Equal(
            [".img00.npy.fastxray.json", ".img01.npy.fastxray.json", $".unrelated.npy.{deadPid}.1.fastxray-tmp", "img00.npy", "img01.npy"],
            Directory.EnumerateFiles(dir["out"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Manifest_dash_streams_json_lines_to_stdout()
    {
        using var dir = new TempDir();
        Inputs(dir, 3);
        CliResult r = Batch(dir, ["in", "-o", "out", .. Npy, "--manifest", "-"]);
        Assert.Equal(0, r.ExitCode);
        string[] lines = r.Stdout.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Equal("ok", JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()));
    }

    [Fact]
    public void The_manifest_is_appended_across_runs()
    {
        using var dir = new TempDir();
        Inputs(dir, 2);
        Batch(dir, ["in", "-o", "out", .. Npy, "--manifest", "m.jsonl"]);
        Batch(dir, ["in", "-o", "out", .. Npy, "--manifest", "m.jsonl"]);
        string[] statuses = [.. File.ReadAllLines(dir["m.jsonl"]).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()!)];
        Assert.Equal(["ok", "ok", "skipped", "skipped"], statuses);
    }

    [Theory]
    [InlineData("missing -o OUTDIR", "in")]
    [InlineData("no inputs: give files, folders or quoted globs, or --files-from FILE", "-o", "out", "--format", "npy")]
    [InlineData("--jobs 0: expected an integer from 1 to 1024", "in", "-o", "out", "--format", "npy", "--jobs", "0")]
    [InlineData("--shard 4/3: expected K/N", "in", "-o", "out", "--format", "npy", "--shard", "4/3")]
    [InlineData("--format gif: expected one of png, npy", "in", "-o", "out", "--format", "gif")]
    [InlineData("--depth does not apply to .npy output", "in", "-o", "out", "--format", "npy", "--depth", "16")]
    [InlineData("--format webp: expected one of png, npy, jpg, jpeg, bmp, tga, tif, tiff", "in", "-o", "out", "--format", "webp")]
    [InlineData("unknown op 'blur'", "in", "-o", "out", "--format", "npy", "--op", "blur")]
    [InlineData("-o in/img00.npy is a file, not a folder", "in", "-o", "in/img00.npy", "--format", "npy")]
    [InlineData("--manifest in/img01.npy is the input in/img01.npy", "in", "-o", "out", "--format", "npy", "--manifest", "in/img01.npy")]
    [InlineData("--manifest out/img01.npy is also an output path", "in", "-o", "out", "--format", "npy", "--manifest", "out/img01.npy")]
    public void Usage_errors_exit_2_and_write_nothing(string message, params string[] args)
    {
        using var dir = new TempDir();
        Inputs(dir, 2);
        var before = dir.Hashes();
        CliResult r = Batch(dir, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("usage: fastxray batch ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, dir.Hashes());
    }
}

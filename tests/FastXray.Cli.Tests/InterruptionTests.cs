using System.Text.Json;
using FastXray.Cli.Tests.Support;
using Xunit;

namespace FastXray.Cli.Tests;

/// <summary>
/// SIGINT and SIGTERM against a real process (the native binary with FASTXRAY_CLI_BINARY, else the JIT build):
/// each command stops, prints exactly one line, exits 130/143 and leaves no partial or temporary file. The
/// process pauses at a named point (FASTXRAY_TEST_PAUSE_AT) and the signal is sent only once it says so, so the
/// outcome never depends on the machine's speed.
/// </summary>
public sealed class InterruptionTests
{
    public static TheoryData<string, int> Signals => new() { { "INT", 130 }, { "TERM", 143 } };

    [Theory]
    [MemberData(nameof(Signals))]
    public void Filter_stops_in_its_first_band_and_writes_nothing(string signal, int exitCode)
    {
        using var dir = new TempDir();
        dir.Npy8("in.npy", 64, 48);
        CliResult r = SignalRunner.RunAndSignal(["filter", "in.npy", "-o", "out.png", "--op", "gaussian_filter:sigma=2", "--op", "sobel"], dir.Path, "kernel", signal);

        AssertInterrupted(r, exitCode, signal, "no output written");
        Assert.False(File.Exists(dir["out.png"]));
        Assert.Empty(SignalRunner.TemporaryFiles(dir.Path));
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void A_single_image_tutorial_writes_no_file(string signal, int exitCode)
    {
        using var dir = new TempDir();
        dir.Npy8("chest.npy", 64, 48);
        CliResult r = SignalRunner.RunAndSignal(["tutorial", "chest.npy", "-o", "t"], dir.Path, "kernel", signal);

        AssertInterrupted(r, exitCode, signal, "no output written");
        Assert.Empty(dir.Files("t"));
        Assert.Empty(SignalRunner.TemporaryFiles(dir.Path));
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void A_multi_input_tutorial_keeps_finished_images_and_reports_the_rest(string signal, int exitCode)
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy", 40, 30, seed: 1);
        dir.Npy8("b.npy", 40, 30, seed: 2);
        dir.Npy8("c.npy", 40, 30, seed: 3);
        CliResult r = SignalRunner.RunAndSignal(["tutorial", "a.npy", "b.npy", "c.npy", "-o", "t", "--jobs", "1"], dir.Path, "tutorial:1", signal);

        AssertInterrupted(r, exitCode, signal, "1 image(s) done, 0 failed, 2 not started; re-run to finish");
        Assert.StartsWith("a.npy: 40x30", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("stats.json", dir.Files("t/a"));
        Assert.Empty(dir.Files("t/b"));
        Assert.Empty(dir.Files("t/c"));
        Assert.Empty(SignalRunner.TemporaryFiles(dir.Path));

        // The complete image equals an uninterrupted run's.
        CliResult again = CliRunner.Run(["tutorial", "a.npy", "b.npy", "c.npy", "-o", "ref"], dir.Path);
        Assert.True(again.ExitCode == 0, again.ToString());
        foreach (string name in dir.Files("t/a"))
        {
            Assert.Equal(File.ReadAllBytes(dir["ref/a/" + name]), File.ReadAllBytes(dir["t/a/" + name]));
        }
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void Demo_stops_and_writes_no_file(string signal, int exitCode)
    {
        using var dir = new TempDir();
        CliResult r = SignalRunner.RunAndSignal(["demo", "-o", "d", "--size", "64"], dir.Path, "kernel", signal);

        AssertInterrupted(r, exitCode, signal, "no output written");
        Assert.Empty(dir.Files("d"));
        Assert.Empty(SignalRunner.TemporaryFiles(dir.Path));
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void Bench_stops_without_results(string signal, int exitCode)
    {
        using var dir = new TempDir();
        CliResult r = SignalRunner.RunAndSignal(["bench", "--size", "64", "--op", "gaussian_filter:sigma=1", "--repeat", "5"], dir.Path, "kernel", signal);

        AssertInterrupted(r, exitCode, signal, "no output written");
        Assert.Equal("", r.Stdout);
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void Batch_keeps_finished_outputs_prints_its_summary_and_a_rerun_finishes_identically(string signal, int exitCode)
    {
        using var dir = new TempDir();
        for (int i = 0; i < 6; i++)
        {
            dir.Npy8($"in/img{i}.npy", 24, 20, seed: i);
        }

        string[] args = ["batch", "in", "-o", "out", "--format", "npy", "--op", "gaussian_filter:sigma=1.5", "--jobs", "1", "--json"];
        CliResult r = SignalRunner.RunAndSignal(args, dir.Path, "batch:2", signal);

        AssertInterrupted(r, exitCode, signal, "2 done, 0 already complete, 0 failed, 4 not started; re-run to finish");
        JsonElement summary = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(2, summary.GetProperty("ok").GetInt32());
        Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        Assert.Equal(4, summary.GetProperty("not_started").GetInt32());
        Assert.Equal(["img0.npy", "img1.npy"], dir.Files("out"));
        AssertRerunFinishesIdentically(dir, args, expectedSkipped: 2);
    }

    [Fact]
    public void Batch_abandons_images_in_flight_without_leaving_files()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 8; i++)
        {
            dir.Npy8($"in/img{i}.npy", 24, 20, seed: i);
        }

        // Two workers; one pauses inside its first image's first band, the other goes on until the signal.
        string[] args = ["batch", "in", "-o", "out", "--format", "npy", "--op", "gaussian_filter:sigma=1.5", "--jobs", "2", "--threads", "1", "--json"];
        CliResult r = SignalRunner.RunAndSignal(args, dir.Path, "kernel", "TERM");

        Assert.True(r.ExitCode == 143, r.ToString());
        string line = Assert.Single(r.ErrorLines);
        Assert.StartsWith("fastxray: interrupted (SIGTERM); ", line, StringComparison.Ordinal);
        JsonElement summary = JsonDocument.Parse(r.Stdout).RootElement;
        int ok = summary.GetProperty("ok").GetInt32();
        Assert.Equal(8, ok + summary.GetProperty("not_started").GetInt32());
        Assert.InRange(ok, 0, 7); // the paused image never finished
        Assert.Equal(ok, dir.Files("out").Length);
        AssertRerunFinishesIdentically(dir, args, expectedSkipped: ok);
    }

    [Fact]
    public void A_second_signal_during_cleanup_changes_nothing()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 4; i++)
        {
            dir.Npy8($"in/img{i}.npy", 24, 20, seed: i);
        }

        string[] args = ["batch", "in", "-o", "out", "--format", "npy", "--op", "sobel", "--jobs", "1"];
        // The pause lasts until SIGTERM arrived too, so every signal reaches a running process.
        CliResult r = SignalRunner.RunAndSignal(args, dir.Path, "batch:1", ["INT", "INT", "TERM"],
            new Dictionary<string, string> { ["FASTXRAY_TEST_PAUSE_SIGNALS"] = "2" });

        // The first signal decides the exit code; the others neither kill the process nor add lines.
        AssertInterrupted(r, 130, "INT", "1 done, 0 already complete, 0 failed, 3 not started; re-run to finish");
        Assert.Equal(["img0.npy"], dir.Files("out"));
        AssertRerunFinishesIdentically(dir, args, expectedSkipped: 1);
    }

    [Fact]
    public void In_process_a_cancelled_context_reports_one_line_and_code_130()
    {
        using var dir = new TempDir();
        dir.Npy8("in.npy", 16, 12);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(new StringWriter(), error, new StringReader(""), dir.Path, cancellation: cancel.Token);

        int code = Cli.Run(["filter", "in.npy", "-o", "out.png", "--op", "gaussian_filter:sigma=1"], context);

        Assert.Equal(130, code);
        Assert.Equal("fastxray: interrupted; no output written\n", error.ToString());
        Assert.False(File.Exists(dir["out.png"]));
    }

    private static void AssertInterrupted(CliResult r, int exitCode, string signal, string kept)
    {
        Assert.True(r.ExitCode == exitCode, r.ToString());
        Assert.Equal([$"fastxray: interrupted (SIG{signal}); {kept}"], r.ErrorLines);
    }

    private static void AssertRerunFinishesIdentically(TempDir dir, string[] args, int expectedSkipped)
    {
        Assert.Empty(SignalRunner.TemporaryFiles(dir.Path));
        CliResult resumed = CliRunner.Run([.. args.Where(a => a != "--json"), "--json"], dir.Path);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(expectedSkipped, JsonDocument.Parse(resumed.Stdout).RootElement.GetProperty("skipped").GetInt32());

        int at = Array.IndexOf(args, "out");
        string[] reference = [.. args.Take(at), "ref", .. args.Skip(at + 1).Where(a => a != "--json")];
        CliResult fresh = CliRunner.Run(reference, dir.Path);
        Assert.True(fresh.ExitCode == 0, fresh.ToString());
        Assert.Equal(dir.Files("ref"), dir.Files("out"));
        foreach (string name in dir.Files("ref"))
        {
            Assert.Equal(File.ReadAllBytes(dir["ref/" + name]), File.ReadAllBytes(dir["out/" + name]));
        }

        Assert.Empty(SignalRunner.TemporaryFiles(dir.Path));
    }
}

using System.Diagnostics;
using System.Text.Json;
using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Npy;
using Xunit;

namespace FastXray.Cli.Tests.Batch;

/// <summary>
/// kill -9 in the middle of a batch, then resume: a real process (the native binary, or the JIT build via
/// <c>dotnet fastxray.dll</c>) is killed once some outputs exist; every output present must be whole, and a
/// re-run must finish the rest with bytes identical to an uninterrupted run.
/// </summary>
public sealed class BatchKillTests
{
    private const int Inputs = 300; // Enough that the running worker is usually still busy when the kill comes; nothing depends on it.

    [Fact]
    public void A_run_killed_mid_way_leaves_only_whole_outputs_and_a_rerun_finishes_identically()
    {
        using var dir = new TempDir();
        for (int i = 0; i < Inputs; i++)
        {
            dir.Npy8($"in/img{i:000}.npy", 24, 20, seed: i);
        }

        string[] args = ["batch", "in", "-o", "out", "--format", "npy", "--op", "gaussian_filter:sigma=1.5", "--op", "sobel:axis=0", "--jobs", "2", "--manifest", "m.jsonl"];
        CliResult reference = CliRunner.Run(["batch", "in", "-o", "ref", "--format", "npy", "--op", "gaussian_filter:sigma=1.5", "--op", "sobel:axis=0"], dir.Path);
        Assert.True(reference.ExitCode == 0, reference.ToString());

        // One worker pauses after the 10th output (FASTXRAY_TEST_PAUSE_AT) while the other goes on writing, so the
        // kill lands at an arbitrary point of its work with no race against the clock: it may even have finished.
        using (Process process = SignalRunner.StartPaused(args, dir.Path, "batch:10"))
        {
            process.Kill(); // SIGKILL on Unix: no cleanup code runs.
            process.WaitForExit();
        }

        string[] present = dir.Files("out");
        Assert.InRange(present.Length, 10, Inputs);
        foreach (string name in present)
        {
            // Whole files only under final names: each decodes and equals the uninterrupted result.
            Assert.Equal(File.ReadAllBytes(dir["ref/" + name]), File.ReadAllBytes(dir["out/" + name]));
            Assert.Equal(20 * 24, NpyFile.Read(dir["out/" + name]).Length);
        }

        // Every manifest line written before the kill is complete JSON.
        string[] before = File.ReadAllLines(dir["m.jsonl"]);
        Assert.All(before, line => Assert.Equal("ok", JsonDocument.Parse(line).RootElement.GetProperty("status").GetString()));

        CliResult resumed = CliRunner.Run([.. args, "--json"], dir.Path);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        JsonElement summary = JsonDocument.Parse(resumed.Stdout).RootElement;
        Assert.Equal(Inputs, summary.GetProperty("ok").GetInt32() + summary.GetProperty("skipped").GetInt32());
        Assert.True(summary.GetProperty("skipped").GetInt32() >= before.Length, resumed.Stdout);

        Assert.Equal(dir.Files("ref"), dir.Files("out"));
        foreach (string name in dir.Files("ref"))
        {
            Assert.Equal(File.ReadAllBytes(dir["ref/" + name]), File.ReadAllBytes(dir["out/" + name]));
        }

        Assert.Empty(Directory.EnumerateFiles(dir["out"], "*.fastxray-tmp"));
    }
}

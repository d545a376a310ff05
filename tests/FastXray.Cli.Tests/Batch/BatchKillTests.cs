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
    private const int Inputs = 300; // The native binary does 150 of these in ~0.13 s; 300 keeps a wide window to kill it mid-run on a loaded machine.

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

        using (Process process = CliRunner.Start(args, dir.Path))
        {
            // Synchronised on events only (10 outputs exist, or the process ended), never on a clock: under
            // emulation or on a loaded machine the run is slower, not wrong.
            while (dir.Files("out").Length < 10 && !process.HasExited)
            {
                Thread.Sleep(2);
            }

            Assert.False(process.HasExited, $"the run finished (exit {(process.HasExited ? process.ExitCode : 0)}) before it could be killed; raise {nameof(Inputs)}");
            process.Kill(); // SIGKILL on Unix: no cleanup code runs.
            process.WaitForExit();
        }

        string[] present = dir.Files("out");
        Assert.InRange(present.Length, 10, Inputs - 1);
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

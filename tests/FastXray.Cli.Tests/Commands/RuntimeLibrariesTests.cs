using System.Diagnostics;
using FastXray.Cli.Tests.Support;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary>
/// "No run-time library beyond libc/libm": a real fastxray process runs under <c>LD_DEBUG=libs</c> and the
/// glibc loader's own log says what it loaded. The native binary (<c>FASTXRAY_CLI_BINARY</c>) may ask for
/// libc, libm and the loader only (libz would be tolerated; it is linked in today); the JIT build
/// (<c>dotnet fastxray.dll</c>) loads the runtime's libraries, but never OpenSSL. Batch is the command that
/// hashes (XXH128 for resume records and the manifest), so it is where a crypto library would show up.
/// </summary>
/// <remarks>
/// Under qemu-user the arm64 binary's loader logs as well, and /usr/aarch64-linux-gnu has no libssl to find
/// (.ci/run checks that), so these runs there also prove the binary works where OpenSSL is absent.
/// </remarks>
public sealed class RuntimeLibrariesTests
{
    private static readonly string[] NativeAllowed = ["libc.so", "libm.so", "ld-linux", "libz.so"];

    private static readonly string[] Crypto = ["libssl", "libcrypto", "System.Security.Cryptography.Native"];

    [Fact]
    public void Batch_loads_only_libc_and_libm_and_never_openssl()
    {
        using var dir = new TempDir();
        dir.Npy8("in/a.npy", 40, 30, seed: 1);
        dir.Npy16("in/b.npy", 40, 30, seed: 2);

        (int exit, string stderr) = RunWithLoaderLog(dir, ["batch", "in", "-o", "out", "--op", "sobel_magnitude", "--op", "normalize", "--manifest", "m.jsonl", "--json"]);

        Assert.True(exit == 0, stderr);
        Assert.Equal(["a.png", "b.png"], dir.Files("out"));
        Assert.Equal(2, File.ReadAllLines(dir["m.jsonl"]).Length);
        AssertLibraries(stderr);
    }

    [Fact]
    public void Filter_loads_only_libc_and_libm_and_never_openssl()
    {
        using var dir = new TempDir();
        dir.Npy8("in.npy", 40, 30, seed: 3);

        (int exit, string stderr) = RunWithLoaderLog(dir, ["filter", "in.npy", "-o", "out.png", "--op", "gaussian_filter:sigma=2", "--colormap", "hot"]);

        Assert.True(exit == 0, stderr);
        Assert.True(File.Exists(dir["out.png"]), stderr);
        AssertLibraries(stderr);
    }

    private static void AssertLibraries(string stderr)
    {
        // Without the log the checks below would pass vacuously.
        Assert.True(LoaderLog.Present(stderr), "no LD_DEBUG=libs output on stderr:\n" + stderr);
        SortedSet<string> loaded = LoaderLog.Libraries(stderr);
        Assert.Contains("libc.so.6", loaded);
        Assert.DoesNotContain(loaded, name => Crypto.Any(c => name.Contains(c, StringComparison.Ordinal)));
        if (CliRunner.Binary is null)
        {
            // The log is the JIT process's own (not a wrapper's): the runtime itself is in it.
            Assert.Contains("libcoreclr.so", loaded);
        }
        else
        {
            // libm is NEEDED by fastxray: its presence shows the log is the binary's own.
            Assert.Contains("libm.so.6", loaded);
            Assert.All(loaded, name => Assert.True(NativeAllowed.Any(a => name.StartsWith(a, StringComparison.Ordinal)), "loaded beyond libc/libm: " + name));
        }
    }

    /// <summary>Runs a real process (native binary or JIT build) with the loader's log on stderr.</summary>
    private static (int ExitCode, string Stderr) RunWithLoaderLog(TempDir dir, string[] args)
    {
        using Process process = CliRunner.Start(args, dir.Path, new Dictionary<string, string> { ["LD_DEBUG"] = "libs" });
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(); // Synchronised on the exit, no time bound: under emulation a run takes what it takes.
        _ = stdout.Result;
        return (process.ExitCode, stderr.Result);
    }
}

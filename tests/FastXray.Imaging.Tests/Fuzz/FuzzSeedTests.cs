using FastXray.Fuzz;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Fuzz;

/// <summary>
/// The afl seeds (tools/fuzz/seeds, written by make_seeds.py) must be files the reader accepts: a seed rejected at
/// its header would start the fuzzer outside the decoder it is meant to explore.
/// </summary>
public sealed class FuzzSeedTests
{
    private static string SeedDir => Path.Combine(TestData.RepoRoot, "tools", "fuzz", "seeds");

    public static TheoryData<string, string> Seeds()
    {
        var data = new TheoryData<string, string>();
        foreach (string target in FuzzTargets.All.Keys)
        {
            foreach (string file in Directory.GetFiles(Path.Combine(SeedDir, target)).Select(static path => Path.GetFileName(path)).Order(StringComparer.Ordinal))
            {
                data.Add(target, file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_decodes_without_error(string target, string file)
    {
        byte[] data = File.ReadAllBytes(Path.Combine(SeedDir, target, file));
        Exception? error = Record.Exception(() => FuzzTargets.All[target](data));
        Assert.True(error is null, $"seed {target}/{file} is rejected: {error?.Message}");
    }
}

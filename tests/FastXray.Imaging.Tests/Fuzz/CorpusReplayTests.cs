using FastXray.Fuzz;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Fuzz;

/// <summary>
/// Replays the committed afl-fuzz output (tools/fuzz/run) through the very calls the harness fuzzed
/// (FuzzTargets.cs, linked from tools/fuzz/FastXray.Fuzz): every corpus input and every former crash or hang must
/// decode or throw <see cref="ImageFormatException"/>, and finish.
/// </summary>
public sealed class CorpusReplayTests
{
    /// <summary>
    /// Far above any real decode of these tiny files (milliseconds), so only a genuine hang trips it; it is a
    /// hang detector, not a timing assertion.
    /// </summary>
    private static readonly TimeSpan s_hangLimit = TimeSpan.FromSeconds(60);

    private static readonly string[] s_kinds = ["corpus", "regressions"];

    private static string FuzzDir => TestData.Reference("FastXray.Imaging.Tests", "fuzz");

    public static TheoryData<string, string, string> Inputs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string target in FuzzTargets.All.Keys)
        {
            foreach (string kind in s_kinds)
            {
                string dir = Path.Combine(FuzzDir, target, kind);
                if (!Directory.Exists(dir))
                {
                    continue;
                }

                foreach (string file in Directory.GetFiles(dir).Select(static path => Path.GetFileName(path)).Order(StringComparer.Ordinal))
                {
                    data.Add(target, kind, file);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_decodes_or_throws_ImageFormatException_and_finishes(string target, string kind, string file)
    {
        byte[] data = File.ReadAllBytes(Path.Combine(FuzzDir, target, kind, file));
        FuzzTarget decode = FuzzTargets.All[target];
        Exception? escaped = null;

        // On its own thread so a hang fails this case with the file's name instead of stalling the whole run.
        var worker = new Thread(() =>
        {
            try
            {
                FuzzTargets.RunExpectingOnlyFormatErrors(decode, data);
            }
            catch (Exception e)
            {
                escaped = e;
            }
        })
        { IsBackground = true, Name = $"fuzz replay {target}/{kind}/{file}" };
        worker.Start();

        Assert.True(worker.Join(s_hangLimit), $"{target}/{kind}/{file} was still decoding after {s_hangLimit.TotalSeconds} s (hang)");
        Assert.True(escaped is null, $"{target}/{kind}/{file} threw {escaped?.GetType().Name} instead of ImageFormatException: {escaped}");
    }

    [Fact]
    public void Every_fuzz_target_has_a_committed_corpus()
    {
        // A target added to FuzzTargets without a run of tools/fuzz/run would otherwise replay nothing, silently.
        foreach (string target in FuzzTargets.All.Keys)
        {
            string dir = Path.Combine(FuzzDir, target, "corpus");
            Assert.True(Directory.Exists(dir) && Directory.EnumerateFiles(dir).Any(), $"no corpus for fuzz target '{target}' in {dir}: run tools/fuzz/run {target}");
        }
    }

    [Fact]
    public void Replay_catches_an_exception_other_than_ImageFormatException()
    {
        // The harness and this replay share RunExpectingOnlyFormatErrors: prove it lets a real bug through.
        Assert.Throws<IndexOutOfRangeException>(() => FuzzTargets.RunExpectingOnlyFormatErrors(static _ => throw new IndexOutOfRangeException(), []));
        FuzzTargets.RunExpectingOnlyFormatErrors(static _ => throw new ImageFormatException("malformed"), []);
    }
}

using FastXray.Fuzz;
using SharpFuzz;

// FastXray.Fuzz <target>: the afl-fuzz harness (run it through tools/fuzz/run). Without afl it decodes stdin once,
// which is how tools/fuzz/run replays a crash: exit code 0 means the input is handled (success or ImageFormatException).
if (args.Length != 1 || !FuzzTargets.All.TryGetValue(args[0], out FuzzTarget? target))
{
    Console.Error.WriteLine($"usage: FastXray.Fuzz <target>   targets: {string.Join(", ", FuzzTargets.All.Keys)}");
    return 2;
}

// Out of process: a StackOverflow, an AccessViolation (StbImageSharp is unsafe code) or a timeout kills only the
// child, which SharpFuzz restarts, instead of stopping the whole afl-fuzz run.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    FuzzTargets.RunExpectingOnlyFormatErrors(target, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
});
return 0;

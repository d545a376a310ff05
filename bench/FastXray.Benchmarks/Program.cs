using BenchmarkDotNet.Running;
using FastXray.Benchmarks;
using FastXray.Benchmarks.Limits;

if (args.Length > 0 && args[0] == "limits")
{
    MachineLimits.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());

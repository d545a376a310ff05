using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastXray.Benchmarks.Limits;

/// <summary>
/// A small measured probe of this machine's limits, run with <c>-- limits</c>: memory bandwidth (copy
/// and read-only sum) for buffers sized for L1, L2, L3 and DRAM, and peak vector FMA throughput with
/// Vector256 and Vector512 and several independent accumulators. Best of several repetitions, one thread.
/// </summary>
/// <remarks>
/// Copy counts bytes read + bytes written (write-allocate traffic not counted). The FMA loop runs
/// 8 independent accumulator chains so FMA latency (4 cycles) is hidden by 2 FMA pipes; each
/// lane-FMA counts 2 flops.
/// </remarks>
public static class MachineLimits
{
    public static void Run()
    {
        Console.WriteLine($"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}, cores: {Environment.ProcessorCount}");
        foreach ((string level, int bytes) in new[] { ("L1", 16 << 10), ("L2", 512 << 10), ("L3", 8 << 20), ("DRAM", 256 << 20) })
        {
            float[] a = new float[bytes / 4];
            float[] b = new float[bytes / 4];
            a.AsSpan().Fill(1f);
            long target = 2L << 30;
            int reps = (int)Math.Max(1, target / bytes);
            double copySeconds = Best(() =>
            {
                for (int r = 0; r < reps; r++)
                {
                    a.AsSpan().CopyTo(b);
                }
            });
            double copy = 2.0 * bytes * reps / copySeconds / 1e9;
            float sink = 0;
            double readSeconds = Best(() =>
            {
                for (int r = 0; r < reps; r++)
                {
                    sink += Sum(a);
                }
            });
            double read = (double)bytes * reps / readSeconds / 1e9;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{level,-5} {bytes / 1024,8} KiB  copy {copy,7:F1} GB/s (read+write)  read-sum {read,7:F1} GB/s  ({sink > 0})"));
        }

        long iterations = 50_000_000;
        double g256 = iterations * 8.0 * 8 * 2 / Best(() => Fma256(iterations)) / 1e9;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FMA Vector256 x8 chains: {g256:F1} GFLOP/s"));
        if (Vector512.IsHardwareAccelerated)
        {
            double g512 = iterations * 8.0 * 16 * 2 / Best(() => Fma512(iterations)) / 1e9;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FMA Vector512 x8 chains: {g512:F1} GFLOP/s"));
        }
    }

    private static double Best(Action action)
    {
        action();
        double best = double.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return best;
    }

    // Four independent accumulators so the add latency does not bound the loads.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Sum(float[] data)
    {
        ref float p = ref data[0];
        int n = data.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
            int i = 0;
            for (; i <= n - 64; i += 64)
            {
                s0 += Vector512.LoadUnsafe(ref p, (nuint)i);
                s1 += Vector512.LoadUnsafe(ref p, (nuint)(i + 16));
                s2 += Vector512.LoadUnsafe(ref p, (nuint)(i + 32));
                s3 += Vector512.LoadUnsafe(ref p, (nuint)(i + 48));
            }

            return Vector512.Sum(s0 + s1 + s2 + s3);
        }

        Vector256<float> t0 = default, t1 = default, t2 = default, t3 = default;
        for (int i = 0; i <= n - 32; i += 32)
        {
            t0 += Vector256.LoadUnsafe(ref p, (nuint)i);
            t1 += Vector256.LoadUnsafe(ref p, (nuint)(i + 8));
            t2 += Vector256.LoadUnsafe(ref p, (nuint)(i + 16));
            t3 += Vector256.LoadUnsafe(ref p, (nuint)(i + 24));
        }

        return Vector256.Sum(t0 + t1 + t2 + t3);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Fma256(long iterations)
    {
        var m = Vector256.Create(0.999999f);
        var c = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c);
            a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c);
            a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c);
            a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c);
            a7 = Vector256.FusedMultiplyAdd(a7, m, c);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Fma512(long iterations)
    {
        var m = Vector512.Create(0.999999f);
        var c = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c);
            a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c);
            a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c);
            a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c);
            a7 = Vector512.FusedMultiplyAdd(a7, m, c);
        }

        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }
}

using FastXray.Cli.Batch;
using Xunit;

namespace FastXray.Cli.Tests.Batch;

public sealed class ShardTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Key == name).Value;

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("2/3", 2, 3)]
    [InlineData("8/8", 8, 8)]
    public void Parses_k_of_n(string text, int k, int n)
    {
        Assert.Equal(new Shard(k, n), Shard.Parse(text, Env()));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("1-3")]
    [InlineData("a/b")]
    [InlineData("-1/3")]
    [InlineData("")]
    public void Rejects_malformed_shards(string text)
    {
        var e = Assert.Throws<UsageException>(() => Shard.Parse(text, Env()));
        Assert.Contains("expected K/N", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shards_partition_every_position_exactly_once()
    {
        for (int n = 1; n <= 5; n++)
        {
            for (int i = 0; i < 23; i++)
            {
                Assert.Single(Enumerable.Range(1, n), k => new Shard(k, n).Contains(i));
            }
        }
    }

    [Fact]
    public void Auto_reads_slurm_arrays_including_offset_and_stepped_ones()
    {
        Assert.Equal(new Shard(1, 4), Shard.Parse("auto", Env(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
        Assert.Equal(new Shard(3, 10), Shard.Parse("auto", Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "10"))));
        // --array=1-7:2 → ids 1,3,5,7: id 5 is the third of four.
        Assert.Equal(new Shard(3, 4), Shard.Parse("auto", Env(("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_STEP", "2"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
    }

    [Fact]
    public void Auto_reads_kubernetes_indexed_jobs_with_the_count_variable()
    {
        Assert.Equal(new Shard(1, 5), Shard.Parse("auto", Env(("JOB_COMPLETION_INDEX", "0"), (Shard.CountVariable, "5"))));
        Assert.Equal(new Shard(5, 5), Shard.Parse("auto", Env(("JOB_COMPLETION_INDEX", "4"), (Shard.CountVariable, "5"))));
    }

    [Theory]
    [InlineData("no SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")]
    [InlineData("FASTXRAY_SHARD_COUNT is not", "JOB_COMPLETION_INDEX", "2")]
    [InlineData("is not below FASTXRAY_SHARD_COUNT 2", "JOB_COMPLETION_INDEX", "2", "FASTXRAY_SHARD_COUNT", "2")]
    [InlineData("neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_ID", "2")]
    [InlineData("does not fit a contiguous array", "SLURM_ARRAY_TASK_ID", "9", "SLURM_ARRAY_TASK_COUNT", "4")]
    [InlineData("SLURM_ARRAY_TASK_ID=x is not a non-negative integer", "SLURM_ARRAY_TASK_ID", "x", "SLURM_ARRAY_TASK_COUNT", "4")]
    public void Auto_without_usable_variables_is_a_usage_error(string message, params string[] pairs)
    {
        var vars = pairs.Chunk(2).Select(p => (p[0], p[1])).ToArray();
        var e = Assert.Throws<UsageException>(() => Shard.Parse("auto", Env(vars)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}

using System.Text;

namespace FastXray.Cli.Memory;

/// <summary>
/// A command's planned peak memory for one image: named parts that may be live at the same time, summed.
/// </summary>
/// <remarks>
/// An upper bound by construction: every large buffer on the path is counted as live at once unless the code
/// provably reuses it (the pooled images of <see cref="Pipeline.ImageBuffers"/>, <see cref="System.Buffers.ArrayPool{T}"/>
/// arrays of one size rented again), because garbage the GC has not collected yet still counts in the resident set.
/// The runtime's own baseline (code, heap bookkeeping, thread stacks) is not included: it is the same for every
/// image and measured separately (see README, "Memory").
/// </remarks>
internal sealed class MemoryPlan(string what)
{
    private readonly List<(string Name, long Bytes)> _parts = [];

    /// <summary>What the plan is for, e.g. <c>16384x16384 sobel_magnitude</c>.</summary>
    public string What { get; } = what;

    public IReadOnlyList<(string Name, long Bytes)> Parts => _parts;

    public long Total { get; private set; }

    public MemoryPlan Add(string name, long bytes)
    {
        if (bytes > 0)
        {
            _parts.Add((name, bytes));
            Total = Total > long.MaxValue - bytes ? long.MaxValue : Total + bytes;
        }

        return this;
    }

    /// <summary>One line per part and the total, for <c>--plan</c>.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append("plan: ").Append(What).Append('\n');
        foreach ((string name, long bytes) in _parts)
        {
            sb.Append("  ").Append(ByteSize.Format(bytes).PadLeft(10)).Append("  ").Append(name).Append('\n');
        }

        sb.Append("  ").Append(ByteSize.Format(Total).PadLeft(10)).Append("  total (").Append(Total.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" bytes)\n");
        return sb.ToString();
    }
}

using FastXray.Threading;

namespace FastXray.Cli.Ops;

/// <summary>An op with its parameters parsed and checked: ready to run on any number of images, from any thread.</summary>
internal sealed class BoundOp
{
    public BoundOp(OpArgs args, string canonical)
    {
        Args = args;
        Canonical = canonical;
        // Compared as text: not every op's "mode" is a border mode (normalize's is max|minmax).
        bool wrap = args.Op.Find("mode") is not null && args.Has("mode") && args.Text("mode") == "wrap";
        Reach = wrap || args.Op.Reach is null ? -1 : args.Op.Reach(args);
    }

    public OpDefinition Op => Args.Op;

    /// <summary>Integer samples in, integer samples within the same range out (see <see cref="OpDefinition.KeepsIntegers"/>).</summary>
    public bool KeepsIntegers => Args.Op.KeepsIntegers?.Invoke(Args) ?? false;

    public OpArgs Args { get; }

    /// <summary><c>name:key=value,...</c> with every parameter (defaults included) in declared order and canonical values.</summary>
    public string Canonical { get; }

    /// <summary>Halo rows for the row-band scheduler; negative: a whole-image op that runs on one thread.</summary>
    public int Reach { get; }

    /// <summary>
    /// Runs the op; with <paramref name="threads"/> &gt; 1 and an image above the serial threshold, in row bands
    /// (bit-identical to one thread).
    /// </summary>
    public void Apply(ReadOnlyImageSpan<float> source, ImageSpan<float> destination, OpContext context, int threads = 1)
    {
        if (Reach < 0)
        {
            KernelCancellation.ThrowIfRequested();
            Op.Kernel(source, destination, Args, context);
            return;
        }

        // One thread too: under cancellation RowBands cuts a large image into bands and checks between them.
        RowBands.Filter(source, destination, new BandFilter(this, context), threads);
    }

    public override string ToString() => Canonical;

    /// <summary>The op as a halo filter: the kernel runs unchanged on each band's window.</summary>
    private readonly struct BandFilter(BoundOp op, OpContext context) : IHaloFilter<float, float>
    {
        public int Reach => op.Reach;

        public void Apply(ReadOnlyImageSpan<float> source, ImageSpan<float> destination) =>
            op.Op.Kernel(source, destination, op.Args, context);
    }
}

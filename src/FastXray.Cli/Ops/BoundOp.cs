namespace FastXray.Cli.Ops;

/// <summary>An op with its parameters parsed and checked: ready to run on any number of images, from any thread.</summary>
internal sealed class BoundOp
{
    public BoundOp(OpArgs args, string canonical)
    {
        Args = args;
        Canonical = canonical;
    }

    public OpDefinition Op => Args.Op;

    public OpArgs Args { get; }

    /// <summary><c>name:key=value,...</c> with every parameter (defaults included) in declared order and canonical values.</summary>
    public string Canonical { get; }

    public void Apply(ReadOnlyImageSpan<float> source, ImageSpan<float> destination, OpContext context) =>
        Op.Kernel(source, destination, Args, context);

    public override string ToString() => Canonical;
}

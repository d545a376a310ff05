using FastXray.Cli.Pipeline;

namespace FastXray.Cli.Ops;

/// <summary>
/// Ops applied left to right on a float32 image. Each op reads one buffer and writes the other (ping-pong),
/// so a chain of any length uses two images. A chain is immutable and may run on many threads at once.
/// </summary>
internal sealed class OpChain
{
    public OpChain(IReadOnlyList<BoundOp> ops) => Ops = ops;

    public IReadOnlyList<BoundOp> Ops { get; }

    /// <summary>The canonical specs, one per op, e.g. <c>["sobel:axis=-1,mode=reflect,cval=0"]</c>.</summary>
    public IReadOnlyList<string> Canonical => [.. Ops.Select(o => o.Canonical)];

    public static OpChain Parse(IEnumerable<string> specs, OpRegistry registry) =>
        new([.. specs.Select(s => OpSpecParser.Parse(s, registry))]);

    /// <summary>
    /// Runs the chain on <paramref name="image"/> and returns the result: <paramref name="image"/> itself for an
    /// empty chain, otherwise a new image; the caller disposes both.
    /// </summary>
    /// <param name="image">The input.</param>
    /// <param name="context">Per-image facts.</param>
    /// <param name="threads">Workers per op (row bands); the result is the same for every value.</param>
    public Image<float> Run(Image<float> image, OpContext context, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (Ops.Count == 0)
        {
            return image;
        }

        // Scratch from the thread's buffer cache (a batch reuses the same mapped memory for every file).
        Image<float> a = ImageBuffers.Rent(image.Width, image.Height);
        Image<float>? b = Ops.Count > 1 ? ImageBuffers.Rent(image.Width, image.Height) : null;
        try
        {
            Image<float> source = image;
            Image<float> destination = a;
            for (int i = 0; i < Ops.Count; i++)
            {
                Ops[i].Apply(source.AsReadOnlySpan(), destination.AsSpan(), context, threads);
                context = context with { IntegerSamples = context.IntegerSamples && Ops[i].KeepsIntegers };
                source = destination;
                destination = ReferenceEquals(destination, a) ? b! : a;
            }

            // `source` holds the result; free the other scratch image.
            ImageBuffers.Return(ReferenceEquals(source, a) ? b : a);
            return source;
        }
        catch
        {
            ImageBuffers.Return(a);
            ImageBuffers.Return(b);
            throw;
        }
    }
}

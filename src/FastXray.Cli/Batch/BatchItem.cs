namespace FastXray.Cli.Batch;

/// <summary>An input with its output path decided.</summary>
/// <param name="Input">The input.</param>
/// <param name="OutputFull">Absolute output path.</param>
/// <param name="OutputDisplay">The output path as the user wrote OUTDIR, for messages and the manifest.</param>
internal sealed record BatchItem(BatchInput Input, string OutputFull, string OutputDisplay);

using FastXray.Cli.Arguments;
using FastXray.Cli.Ops;

namespace FastXray.Cli.Commands;

/// <summary><c>fastxray ops [NAME]</c>: the ops <c>--op</c> accepts, with their parameters.</summary>
internal static class OpsCommand
{
    public static CommandSpec Spec { get; } = new(
        "ops",
        "List the ops --op accepts, or one op's parameters (types, defaults, allowed values).",
        "[NAME]",
        Run,
        maxPositionals: 1);

    private static int Run(ParsedArgs args, CliContext context)
    {
        OpRegistry registry = OpRegistry.Default;
        if (args.Positionals.Count == 1)
        {
            string name = args.Positionals[0];
            if (!registry.TryGet(name, out OpDefinition op))
            {
                string hint = registry.Closest(name) is { } near ? $" (did you mean '{near}'?)" : "";
                throw new UsageException($"unknown op '{name}'{hint}; valid ops: {registry.NameList}");
            }

            Describe(op, context.Out);
            return ExitCodes.Ok;
        }

        if (registry.All.Count == 0)
        {
            context.Out.WriteLine("(no ops in this build)");
        }

        foreach (OpDefinition op in registry.All)
        {
            Describe(op, context.Out);
        }

        return ExitCodes.Ok;
    }

    private static void Describe(OpDefinition op, TextWriter output)
    {
        output.WriteLine($"{op.Name} — {op.Summary}");
        foreach (OpParam p in op.Parameters)
        {
            output.WriteLine($"    {p.Name,-11} {p.Describe()}. {p.Help}");
        }
    }
}

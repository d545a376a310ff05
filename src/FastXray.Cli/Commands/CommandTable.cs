using FastXray.Cli.Arguments;

namespace FastXray.Cli.Commands;

/// <summary>Every subcommand, in the order <c>fastxray --help</c> lists them. Adding a command is one line here.</summary>
internal static class CommandTable
{
    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        FilterCommand.Spec,
        BatchCommand.Spec,
        InfoCommand.Spec,
        OpsCommand.Spec,
        TutorialCommand.Spec,
        DemoCommand.Spec,
        StatsCommand.Spec,
        HistCommand.Spec,
        StackCommand.Spec,
        MontageCommand.Spec,
        BenchCommand.Spec,
    ];

    public static CommandSpec? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}

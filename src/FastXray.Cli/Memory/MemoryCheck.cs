using FastXray.Cli.Arguments;
using FastXray.Cli.Ops;
using FastXray.Cli.Pipeline;

namespace FastXray.Cli.Memory;

/// <summary>The one call each command makes before it reads pixels: plan from the header, print or enforce.</summary>
internal static class MemoryCheck
{
    /// <summary><c>--plan</c> on <c>filter</c>: print the plan and the budget, read no pixels, write nothing.</summary>
    public static readonly OptionSpec PlanOption = new("plan", null, null, "print the planned peak memory and the budget; read no pixels, write nothing");

    /// <summary>
    /// <c>filter</c>: plans <paramref name="inputFull"/> through <paramref name="chain"/>; with <c>--plan</c> prints it and
    /// returns true (the command stops), else throws the refusal when it does not fit.
    /// </summary>
    public static bool Filter(ParsedArgs args, CliContext context, string inputFull, string display, OpChain chain, OutputOptions options, int threads)
    {
        MemoryBudget budget = MemoryBudget.From(args, context);
        ImageHeader? header = ImageHeader.TryRead(inputFull);
        if (header is null)
        {
            // Missing or malformed: the decoder reports it as before (and checks its limits before allocating).
            return false;
        }

        MemoryPlan plan = Planner.Filter(header, chain, options, threads);
        if (args.Has(PlanOption.Name))
        {
            Print(context, plan, budget);
            return true;
        }

        budget.Require(plan, display);
        return false;
    }

    /// <summary>The <c>--plan</c> output: the parts, the total and whether it fits the budget.</summary>
    public static void Print(CliContext context, MemoryPlan plan, MemoryBudget budget)
    {
        context.Out.Write(plan.Describe());
        context.Out.WriteLine($"budget: {ByteSize.Format(budget.Bytes)} ({budget.Source}); {(plan.Total <= budget.Bytes ? "fits" : "does not fit")}");
    }

    /// <summary>Throws the refusal unless <paramref name="plan"/>(header) fits; no-op for unreadable headers.</summary>
    public static void Require(MemoryBudget budget, string inputFull, string display, Func<ImageHeader, MemoryPlan> plan)
    {
        if (ImageHeader.TryRead(inputFull) is { } header)
        {
            budget.Require(plan(header), display);
        }
    }

    /// <summary>
    /// Commands over several inputs (<c>stack</c>, <c>montage</c>): one plan over every input's header, refused as the
    /// first input; skipped when a header is unreadable (the decoder then reports that file).
    /// </summary>
    public static void RequireAll(ParsedArgs args, CliContext context, Func<IReadOnlyList<ImageHeader>, MemoryPlan> plan)
    {
        MemoryBudget budget = MemoryBudget.From(args, context);
        var headers = new List<ImageHeader>(args.Positionals.Count);
        foreach (string input in args.Positionals)
        {
            if (ImageHeader.TryRead(context.FullPath(input)) is not { } header)
            {
                return;
            }

            headers.Add(header);
        }

        budget.Require(plan(headers), args.Positionals[0]);
    }
}

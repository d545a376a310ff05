using FastXray.Cli.Arguments;
using Xunit;

namespace FastXray.Cli.Tests.Arguments;

public sealed class ArgParserTests
{
    private static readonly CommandSpec Command = new("demo", "Demo.", "IN [-o OUT]", (_, _) => 0,
        [new OptionSpec("output", 'o', "OUT", "out"), new OptionSpec("op", null, "SPEC", "op", Repeatable: true), new OptionSpec("json", null, null, "json")],
        minPositionals: 1, maxPositionals: 2);

    [Fact]
    public void Parses_long_short_inline_and_repeated_options()
    {
        ParsedArgs p = ArgParser.Parse(Command, ["a", "-o", "x", "--op", "s1", "--op=s2", "--json", "b"]);
        Assert.Equal(["a", "b"], p.Positionals);
        Assert.Equal("x", p.Get("output"));
        Assert.Equal(["s1", "s2"], p.GetAll("op"));
        Assert.True(p.Has("json"));
        Assert.False(p.Has("help"));
    }

    [Fact]
    public void Option_value_is_the_next_argument_even_when_it_starts_with_a_dash()
    {
        ParsedArgs p = ArgParser.Parse(Command, ["a", "-o", "-"]);
        Assert.Equal("-", p.Get("output"));
    }

    [Fact]
    public void Double_dash_ends_options()
    {
        ParsedArgs p = ArgParser.Parse(Command, ["--", "--json", "-o"]);
        Assert.Equal(["--json", "-o"], p.Positionals);
        Assert.False(p.Has("json"));
    }

    [Fact]
    public void A_lone_dash_is_a_positional()
    {
        Assert.Equal(["-"], ArgParser.Parse(Command, ["-"]).Positionals);
    }

    [Theory]
    [InlineData("unknown option '--nope' for 'demo'; valid options: --output, --op, --json, --help, --verbose", "a", "--nope")]
    [InlineData("unknown option '-x' for 'demo'", "a", "-x")]
    [InlineData("unknown option '-ox' for 'demo'", "a", "-ox")]
    [InlineData("--output needs a value (OUT)", "a", "-o")]
    [InlineData("--output given more than once", "a", "-o", "x", "-o", "y")]
    [InlineData("--json takes no value", "a", "--json=yes")]
    [InlineData("expected at least 1 argument(s), got 0", "--json")]
    [InlineData("unexpected argument 'c'", "a", "b", "c")]
    public void Mistakes_are_usage_errors(string message, params string[] args)
    {
        var e = Assert.Throws<UsageException>(() => ArgParser.Parse(Command, args));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_wins_over_missing_positionals()
    {
        Assert.True(ArgParser.Parse(Command, ["--help"]).Has("help"));
    }

    [Fact]
    public void Typed_accessors_check_their_values()
    {
        ParsedArgs p = ArgParser.Parse(Command, ["a", "-o", "7"]);
        Assert.Equal(7, p.Int("output", 1, 1, 10));
        Assert.Equal(3, p.Int("op", 3, 1, 10));
        Assert.Throws<UsageException>(() => p.Int("output", 1, 1, 5));
        Assert.Throws<UsageException>(() => p.Choice("output", "a", "a", "b"));
        Assert.Equal("z", p.Choice("op", "z", "z"));
    }
}

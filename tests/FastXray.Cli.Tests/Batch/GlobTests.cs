using FastXray.Cli.Batch;
using Xunit;

namespace FastXray.Cli.Tests.Batch;

public sealed class GlobTests
{
    [Theory]
    [InlineData("*.png", "a.png", true)]
    [InlineData("*.png", "a.PNG", false)]
    [InlineData("*.png", ".hidden.png", false)]
    [InlineData(".*.png", ".hidden.png", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("img[0-9][0-9].npy", "img07.npy", true)]
    [InlineData("img[0-9][0-9].npy", "img7a.npy", false)]
    [InlineData("[!a]*", "b1", true)]
    [InlineData("[^a]*", "a1", false)]
    [InlineData("[]]x", "]x", true)]
    [InlineData("[abc", "[abc", true)]
    [InlineData("*a*b*", "xxaxxbxx", true)]
    [InlineData("*a*b", "xxaxxbxxc", false)]
    [InlineData("*", "", true)]
    [InlineData("**", "anything", true)]
    public void Matches_one_segment(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, Glob.MatchSegment(pattern, name));
    }

    [Theory]
    [InlineData("*.png", "", "*.png")]
    [InlineData("scans/**/*.png", "scans", "**|*.png")]
    [InlineData("/data/x/*.npy", "/data/x", "*.npy")]
    [InlineData("/*.npy", "/", "*.npy")]
    [InlineData("a/b*/c/*.png", "a", "b*|c|*.png")]
    public void Splits_the_literal_root(string pattern, string root, string segments)
    {
        (string r, string[] s) = Glob.Split(pattern);
        Assert.Equal(root, r);
        Assert.Equal(segments, string.Join('|', s));
    }
}

using FastXray.Cli.Ops;
using Xunit;

namespace FastXray.Cli.Tests.Ops;

public sealed class JsonNumbersTests
{
    [Theory]
    [InlineData("2", 0, 1, 1, "2")]
    [InlineData("-0.5", 0, 1, 1, "-0.5")]
    [InlineData("1e-3", 0, 1, 1, "0.001")]
    [InlineData("2.50E+1", 0, 1, 1, "25")]
    [InlineData(" [2, 1] ", 1, 1, 2, "[2,1]")]
    [InlineData("[[1,1,1],[0,0,0],[-1,-1,-1]]", 2, 3, 3, "[[1,1,1],[0,0,0],[-1,-1,-1]]")]
    [InlineData("[ [ 1 , 2 ] ]", 2, 1, 2, "[[1,2]]")]
    [InlineData("[0.1]", 1, 1, 1, "[0.1]")]
    [InlineData(".5", 0, 1, 1, "0.5")]        // Python's literals: the lesson writes its weights as .11
    [InlineData("-.25e1", 0, 1, 1, "-2.5")]
    [InlineData("1.", 0, 1, 1, "1")]
    [InlineData("[[.11,.11],[.11,.12]]", 2, 2, 2, "[[0.11,0.11],[0.11,0.12]]")]
    public void Parses_numbers_and_arrays_to_canonical_text(string text, int rank, int rows, int columns, string canonical)
    {
        Assert.True(JsonNumbers.TryParse(text, out JsonNumbers? n, out string error), error);
        Assert.Equal(rank, n!.Rank);
        Assert.Equal(rows, n.Rows);
        Assert.Equal(columns, n.Columns);
        Assert.Equal(canonical, n.ToString());
        Assert.True(JsonNumbers.TryParse(canonical, out JsonNumbers? again, out _));
        Assert.Equal(n.Values, again!.Values);
    }

    [Fact]
    public void Values_are_row_major()
    {
        Assert.True(JsonNumbers.TryParse("[[1,2,3],[4,5,6]]", out JsonNumbers? n, out _));
        Assert.Equal([1, 2, 3, 4, 5, 6], n!.Values);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("[]", "is an empty array")]
    [InlineData("[1,2", "has an unclosed '['")]
    [InlineData("[1,,2]", "where a number was expected")]
    [InlineData("[1,2]]", "unexpected text")]
    [InlineData("[[1,2],[3]]", "is not rectangular (row 2 has 1 values, row 1 has 2)")]
    [InlineData("[[1,2],3]", "mixes numbers and arrays")]
    [InlineData("[1,[2]]", "mixes numbers and arrays")]
    [InlineData("[[[1]]]", "nested deeper than two levels")]
    [InlineData("01", "where a number was expected")]
    [InlineData("+1", "where a number was expected")]
    [InlineData(".", "where a number was expected")]
    [InlineData("-.e1", "where a number was expected")]
    [InlineData("nan", "where a number was expected")]
    [InlineData("1e999", "out of range")]
    [InlineData("2 3", "unexpected text")]
    public void Rejects_malformed_text_with_a_reason(string text, string reason)
    {
        Assert.False(JsonNumbers.TryParse(text, out _, out string error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}

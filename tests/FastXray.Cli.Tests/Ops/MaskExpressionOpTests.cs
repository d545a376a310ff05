using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Cli.Memory;
using FastXray.Cli.Ops;
using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Npy;
using FastXray.Intensity;
using FastXray.Tests;
using Xunit;

namespace FastXray.Cli.Tests.Ops;

/// <summary><c>mask:expr=</c> and <c>where:expr=</c>: spec parsing, NumPy's results end to end, usage errors, memory.</summary>
public sealed class MaskExpressionOpTests
{
    [Theory]
    [InlineData("mask:expr=(x >= 3) & (x != 7)", "mask:expr=(x >= 3) & (x != 7)")]
    [InlineData("where: expr = (x > 10) | (x < 5) ", "where:expr=(x > 10) | (x < 5)")]
    [InlineData("mask:expr=x==1", "mask:expr=x == 1")]
    [InlineData("mask:expr=(32 < x) & ~(x > 64)", "mask:expr=(x > 32) & ~(x > 64)")]
    [InlineData("where:expr=x != -1.5e1", "where:expr=x != -15")]
    public void The_splitter_keeps_equals_signs_and_spaces_inside_the_value(string spec, string canonical)
    {
        BoundOp op = OpSpecParser.Parse(spec, OpRegistry.Default);
        Assert.Equal(canonical, op.Canonical);
        Assert.Equal(canonical, OpSpecParser.Parse(canonical, OpRegistry.Default).Canonical);
        Assert.NotNull(op.Args.Parsed<MaskExpression>("expr"));
        Assert.Equal(0, op.Reach);
        Assert.True(op.KeepsIntegers);
    }

    private static readonly Lazy<JsonElement[]> s_golden = new(() =>
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(TestData.Reference("FastXray.Core.Tests", "mask_expressions", "cases.json")));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    });

    public static TheoryData<string> Inputs => ["u8", "u16", "f32_nan"];

    /// <summary>
    /// filter IN.npy -o OUT.npy --op mask:expr=... / where:expr=... on the NumPy golden images: the float32 output,
    /// read back in the input's dtype, has NumPy's SHA-256 for every golden expression (one and two threads).
    /// </summary>
    [Theory]
    [MemberData(nameof(Inputs))]
    public void Filter_writes_numpys_masks(string input)
    {
        using var dir = new TempDir();
        string path = dir[input + ".npy"];
        File.Copy(TestData.Reference("FastXray.Core.Tests", "mask_expressions", input + ".npy"), path);
        foreach (JsonElement c in s_golden.Value.Where(c => c.GetProperty("input").GetString() == input))
        {
            string expr = c.GetProperty("expr").GetString()!;
            foreach (string threads in new[] { "1", "2" })
            {
                Assert.Equal(c.GetProperty("mask_sha256").GetString(), Run(dir, path, "mask:expr=" + expr, threads, input, asMask: true));
                Assert.Equal(c.GetProperty("where_sha256").GetString(), Run(dir, path, "where:expr=" + expr, threads, input, asMask: false));
            }
        }
    }

    private static string Run(TempDir dir, string path, string spec, string threads, string input, bool asMask)
    {
        CliResult r = CliRunner.Run(["filter", path, "-o", dir["out.npy"], "--op", spec, "--threads", threads], dir.Path);
        Assert.True(r.ExitCode == 0, spec + ": " + r);
        NpyArray output = NpyFile.Read(dir["out.npy"]);
        Assert.Equal(NpyDType.Float32, output.DType);
        float[] values = output.AsSpan<float>().ToArray();
        byte[] bytes = asMask || input == "u8" ? [.. values.Select(v => checked((byte)v))]
            : input == "u16" ? System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.Select(v => checked((ushort)v)).ToArray().AsSpan()).ToArray()
            : System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The expression form and the single-comparison form write the same file.</summary>
    [Theory]
    [InlineData("mask:gt=150", "mask:expr=x > 150")]
    [InlineData("mask:le=20.5", "mask:expr=20.5 >= x")]
    [InlineData("where:ne=0", "where:expr=x != 0")]
    [InlineData("where:eq=255", "where:expr=(x == 255)")]
    public void Expression_and_single_comparison_agree(string single, string expression)
    {
        using var dir = new TempDir();
        string input = dir.Npy8("in.npy", 97, 31, seed: 3);
        CliResult a = CliRunner.Run(["filter", input, "-o", dir["a.npy"], "--op", single], dir.Path);
        CliResult b = CliRunner.Run(["filter", input, "-o", dir["b.npy"], "--op", expression], dir.Path);
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, a + "\n" + b);
        Assert.Equal(File.ReadAllBytes(dir["a.npy"]), File.ReadAllBytes(dir["b.npy"]));
    }

    [Theory]
    [InlineData("mask:expr=x > 10 | x < 5", "expr at column 8: '|' needs comparisons on both sides; write (x > 10) | (x < 5)")]
    [InlineData("where:expr=x > 10 | x < 5", "expr at column 8: '|' needs comparisons on both sides; write (x > 10) | (x < 5)")]
    [InlineData("mask:expr=(im > 32) & ~(im > 64)", "expr at column 2: unknown name 'im'; the image is x")]
    [InlineData("mask:expr=3 < x < 7", "expr at column 7: chained comparison")]
    [InlineData("mask:expr=((x > 3) & (x < 9)", "expr at column 1: unbalanced '('")]
    [InlineData("mask:expr=(x > 3))", "expr at column 8: unbalanced ')'")]
    [InlineData("mask:expr=x > 3 y", "expr at column 7: unknown name 'y'")]
    [InlineData("mask:expr=x > 3 4", "expr at column 7: unexpected '4' after the expression")]
    [InlineData("mask:expr=x", "expr at column 1: 'x' is the image x, not a comparison")]
    [InlineData("mask:expr=", "expr= has no value")]
    [InlineData("mask:expr= ", "expr= has no value")]
    [InlineData("mask:gt=3,expr=x > 5", "give exactly one test: gt, ge, lt, le, eq, ne or expr")]
    [InlineData("where:expr=x > 5,expr=x < 3", "parameter 'expr' given twice")]
    public void Bad_expressions_are_usage_errors_naming_the_column(string spec, string message)
    {
        using var dir = new TempDir();
        CliResult r = CliRunner.Run(["filter", dir["missing.png"], "-o", dir["out.npy"], "--op", spec], dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"fastxray: --op '{spec}': ", r.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains(message, r.ErrorLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("missing.png", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ops_describes_expr()
    {
        CliResult r = CliRunner.Run("ops", "mask");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("expr=(x > 32) & ~(x > 64)", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("    expr        NumPy mask expression in x", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("(x > 10) | (x < 5), not x > 10 | x < 5", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("expr=(x > 10) | (x < 5)", CliRunner.Run("ops", "where").Stdout, StringComparison.Ordinal);
    }

    /// <summary>The plan counts the program's planes (a few blocks, whatever the image) and mask's byte map for one comparison.</summary>
    [Fact]
    public void Memory_plan_counts_the_planes()
    {
        BoundOp expr = OpSpecParser.Parse("mask:expr=((x > 1) & (x > 2)) | ((x > 3) & (x > 4))", OpRegistry.Default);
        Assert.Equal([3L * MaskExpression.BlockSize], OpMemory.Rents(expr, 2048, 2048, integerSamples: true, sourceBitDepth: 8));
        BoundOp where = OpSpecParser.Parse("where:expr=(x > 10) | (x < 5)", OpRegistry.Default);
        Assert.Equal([2L * MaskExpression.BlockSize], OpMemory.Rents(where, 2048, 100, integerSamples: false, sourceBitDepth: 0));
        Assert.Equal([2048L * 2048], OpMemory.Rents(OpSpecParser.Parse("mask:gt=3", OpRegistry.Default), 2048, 2048, true, 8));
        Assert.Empty(OpMemory.Rents(OpSpecParser.Parse("where:gt=3", OpRegistry.Default), 2048, 2048, true, 8));
    }
}

using FastXray.Cli.Ops;
using Xunit;

namespace FastXray.Cli.Tests.Ops;

public sealed class OpSpecParserTests
{
    // A registry of its own so these tests do not depend on which kernels have landed.
    private static readonly OpRegistry Registry = new OpRegistry()
        .Add("blur", "test", [
            OpParam.PerAxis("sigma", "s", min: 0),
            OpParam.PerAxis("order", "o", 0, min: 0, max: 3, integer: true),
            OpParam.Choice("mode", "m", "reflect", ["reflect", "nearest"], s => s == "grid-mirror" ? "reflect" : s),
            OpParam.Number("cval", "c", 0),
            OpParam.PerAxis("radius", "r", integer: true, min: 0, optional: true),
        ], Noop)
        .Add("kernel", "test", [OpParam.Matrix("weights", "w"), OpParam.Bool("flip", "f", false)], Noop)
        .Add("where", "test", [OpParam.Number("gt", "g", optional: true), OpParam.Number("lt", "l", optional: true)], Noop,
            a => a.Has("gt") == a.Has("lt") ? "give exactly one of gt, lt" : null)
        .Add("plain", "test", [], Noop);

    private static void Noop(ReadOnlyImageSpan<float> s, ImageSpan<float> d, OpArgs a, OpContext c)
    {
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(" plain ", "plain")]
    [InlineData("blur:sigma=2", "blur:sigma=2,order=0,mode=reflect,cval=0")]
    [InlineData("blur:sigma=[2,1],order=[0,1],mode=nearest", "blur:sigma=[2,1],order=[0,1],mode=nearest,cval=0")]
    [InlineData("blur: sigma = 2.0 , cval=-1.5e0", "blur:sigma=2,order=0,mode=reflect,cval=-1.5")]
    [InlineData("blur:sigma=1,mode=grid-mirror,radius=[3,4]", "blur:sigma=1,order=0,mode=reflect,cval=0,radius=[3,4]")]
    [InlineData("blur:sigma=1,mode=\"nearest\"", "blur:sigma=1,order=0,mode=nearest,cval=0")]
    [InlineData("kernel:weights=[[1,1,1],[0,0,0],[-1,-1,-1]]", "kernel:weights=[[1,1,1],[0,0,0],[-1,-1,-1]],flip=false")]
    [InlineData("kernel:flip=1,weights=[[0.5]]", "kernel:weights=[[0.5]],flip=true")]
    [InlineData("where:gt=150", "where:gt=150")]
    public void Parses_to_the_canonical_spec(string spec, string canonical)
    {
        BoundOp op = OpSpecParser.Parse(spec, Registry);
        Assert.Equal(canonical, op.Canonical);
        Assert.Equal(canonical, OpSpecParser.Parse(canonical, Registry).Canonical);
    }

    [Fact]
    public void Typed_accessors_read_the_values()
    {
        OpArgs a = OpSpecParser.Parse("blur:sigma=[2,1.5],order=1,radius=[3,4]", Registry).Args;
        Assert.Equal((2.0, 1.5), a.PerAxis("sigma"));
        Assert.Equal((1, 1), a.PerAxisInt("order"));
        Assert.Equal((3, 4), a.PerAxisInt("radius"));
        Assert.Equal(BorderMode.Reflect, a.Mode());
        Assert.Equal(0.0, a.Double("cval"));

        OpArgs k = OpSpecParser.Parse("kernel:weights=[[1,2,3],[4,5,6]]", Registry).Args;
        (double[] values, int rows, int columns) = k.Matrix("weights");
        Assert.Equal((2, 3), (rows, columns));
        Assert.Equal([1, 2, 3, 4, 5, 6], values);
        Assert.False(k.Bool("flip"));
        Assert.False(OpSpecParser.Parse("blur:sigma=1", Registry).Args.Has("radius"));
    }

    [Theory]
    [InlineData("blurr:sigma=1", "unknown op 'blurr' (did you mean 'blur'?); valid ops: blur, kernel, where, plain")]
    [InlineData("zzz", "unknown op 'zzz'; valid ops: blur, kernel, where, plain")]
    [InlineData(":sigma=1", "missing op name; valid ops: blur, kernel, where, plain")]
    [InlineData("blur:sgma=1", "op 'blur' has no parameter 'sgma' (did you mean 'sigma'?); valid parameters: sigma, order, mode, cval, radius")]
    [InlineData("plain:x=1", "op 'plain' takes no parameters, got 'x'")]
    [InlineData("blur", "op 'blur' needs sigma= (number or [axis0,axis1] >= 0, required)")]
    [InlineData("blur:", "nothing after ':'")]
    [InlineData("blur:sigma", "'sigma' is not key=value; parameters of 'blur': sigma, order, mode, cval, radius")]
    [InlineData("blur:sigma=", "sigma= has no value")]
    [InlineData("blur:sigma=1,,order=1", "empty parameter (stray ',')")]
    [InlineData("blur:sigma=1,sigma=2", "parameter 'sigma' given twice")]
    [InlineData("blur:sigma=-1", "sigma=-1 must be >= 0; sigma is number or [axis0,axis1] >= 0, required")]
    [InlineData("blur:sigma=[1,2,3]", "sigma=[1,2,3] must be a number or a pair [axis0,axis1] (images are 2-D)")]
    [InlineData("blur:sigma=abc", "sigma=abc has 'abc' where a number was expected")]
    [InlineData("blur:sigma=1,order=0.5", "order=0.5 must be an integer")]
    [InlineData("blur:sigma=1,order=4", "order=4 must be in 0..3")]
    [InlineData("blur:sigma=1,mode=edge", "mode=edge is not one of reflect, nearest; mode is reflect|nearest, default reflect")]
    [InlineData("blur:sigma=1,cval=[1,2]", "cval=[1,2] must be a single number")]
    [InlineData("blur:sigma=[1,2", "unbalanced '['")]
    [InlineData("blur:sigma=1]", "unbalanced ']'")]
    [InlineData("kernel:weights=[1,2]", "weights=[1,2] must be a 2-D array such as [[1,2],[3,4]]")]
    [InlineData("kernel:weights=[[1,2],[3]]", "is not rectangular")]
    [InlineData("kernel:weights=[[1]],flip=maybe", "flip=maybe is not true or false")]
    [InlineData("kernel", "op 'kernel' needs weights=")]
    [InlineData("where", "give exactly one of gt, lt")]
    [InlineData("where:gt=1,lt=2", "give exactly one of gt, lt")]
    public void Mistakes_are_usage_errors_that_list_what_is_valid(string spec, string message)
    {
        var e = Assert.Throws<UsageException>(() => OpSpecParser.Parse(spec, Registry));
        Assert.StartsWith($"--op '{spec}': ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Commas_inside_brackets_do_not_split()
    {
        BoundOp op = OpSpecParser.Parse("kernel:weights=[[1, 2],[3, 4]],flip=true", Registry);
        Assert.Equal("kernel:weights=[[1,2],[3,4]],flip=true", op.Canonical);
    }

    [Fact]
    public void Registering_a_name_twice_is_refused()
    {
        var r = new OpRegistry().Add("a", "x", [], Noop);
        Assert.Throws<InvalidOperationException>(() => r.Add("a", "y", [], Noop));
    }

    [Fact]
    public void Every_built_in_op_parses_with_its_defaults_and_round_trips()
    {
        foreach (OpDefinition op in OpRegistry.Default.All)
        {
            // Required parameters, plus the one-of choices that validation insists on (size or footprint; one test).
            IEnumerable<string> given = op.Parameters.Where(p => p.Required)
                .Select(p => p.Name + "=" + (p.Kind == OpParamKind.Matrix ? "[[1]]" : "1"));
            if (op.Find("footprint") is not null && op.Find("size") is { Required: false })
            {
                given = given.Append("size=3");
            }

            if (op.Find("gt") is not null)
            {
                given = given.Append("gt=1");
            }

            string spec = op.Name + (given.Any() ? ":" + string.Join(",", given) : "");
            BoundOp bound = OpSpecParser.Parse(spec, OpRegistry.Default);
            Assert.Equal(bound.Canonical, OpSpecParser.Parse(bound.Canonical, OpRegistry.Default).Canonical);
            Assert.All(op.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Describe())));
        }
    }
}

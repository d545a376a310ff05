namespace FastXray.Cli.Ops;

/// <summary>
/// The built-in ops: scipy.ndimage's names and parameters, each a few lines calling a FastXray.Core kernel.
/// To add one: declare its parameters (reusing the shared ones below) and the kernel call.
/// </summary>
internal static class BuiltInOps
{
    /// <summary>scipy's <c>mode</c> for filters (<c>grid-*</c> spellings map to their filter equivalents).</summary>
    public static OpParam Mode { get; } = OpParam.Choice("mode", "border handling (scipy.ndimage)", "reflect",
        ["reflect", "mirror", "nearest", "constant", "wrap"],
        s => BorderModes.TryParse(s, out BorderMode m) ? m.ToName() : s);

    public static OpParam Cval { get; } = OpParam.Number("cval", "value outside the image when mode=constant", 0);

    public static OpRegistry Create()
    {
        var r = new OpRegistry();
        return r;
    }
}

using FastXray.Intensity;

namespace FastXray.Cli.Ops;

/// <summary>
/// The <c>expr</c> parameter of <c>where</c> and <c>mask</c>: a NumPy mask expression, compiled once when the op spec
/// is parsed (<see cref="MaskExpression"/>); its canonical text is what the chain prints and hashes.
/// </summary>
internal static class MaskExpressionParam
{
    public const string Name = "expr";

    public static OpParam Create() => OpParam.Custom(Name,
        "comparisons of x (the image) with numbers combined by & | ^ ~ and parentheses, with Python's precedence: "
        + "(x > 10) | (x < 5), not x > 10 | x < 5. Give expr or one of gt/ge/lt/le/eq/ne",
        "NumPy mask expression in x, e.g. (x > 32) & ~(x > 64)",
        TryParse);

    private static bool TryParse(string text, out OpValue? value, out string error)
    {
        if (MaskExpression.TryParse(text, out MaskExpression? expression, out MaskExpressionError problem))
        {
            value = new OpValue(expression.ToString(), null, expression);
            error = "";
            return true;
        }

        value = null;
        error = problem.ToString();
        return false;
    }
}

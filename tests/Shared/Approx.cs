using Xunit.Sdk;

namespace FastXray.Tests;

/// <summary>Element-wise comparison with an absolute tolerance that reports the worst element.</summary>
public static class Approx
{
    /// <summary>Fails unless every |actual - expected| ≤ tolerance (NaN must match NaN).</summary>
    public static void Equal(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance, string what = "")
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: length {actual.Length}, expected {expected.Length}");
        }

        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i];
            double a = actual[i];
            if (double.IsNaN(e) || double.IsNaN(a))
            {
                if (double.IsNaN(e) != double.IsNaN(a))
                {
                    throw new XunitException($"{what}: element {i} is {a}, expected {e}");
                }

                continue;
            }

            double d = Math.Abs(a - e);
            if (!(d <= worst))
            {
                worst = d;
                worstAt = i;
            }
        }

        if (worst > tolerance)
        {
            throw new XunitException($"{what}: element {worstAt} is {actual[worstAt]:R}, expected {expected[worstAt]:R} (|diff| {worst:G3} > {tolerance:G3})");
        }
    }

    /// <summary>Same, for a double-precision result.</summary>
    public static void Equal(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what = "")
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: length {actual.Length}, expected {expected.Length}");
        }

        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i];
            double a = actual[i];
            bool ok = double.IsNaN(e) ? double.IsNaN(a) : Math.Abs(a - e) <= tolerance;
            if (!ok)
            {
                throw new XunitException($"{what}: element {i} is {a:R}, expected {e:R} (tolerance {tolerance:G3})");
            }
        }
    }
}

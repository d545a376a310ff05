using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastXray.Intensity;

/// <summary>What a comparison with a threshold selects over all possible values of a pixel type.</summary>
internal enum ThresholdOutcome
{
    /// <summary>No pixel matches.</summary>
    None,

    /// <summary>Every pixel matches.</summary>
    All,

    /// <summary>Pixels in [Lo, Hi] match (or, with Invert, the pixels outside it).</summary>
    Range,
}

/// <summary>
/// Every comparison <c>x op t</c> rewritten as membership of an inclusive interval [Lo, Hi] of the pixel type
/// (complemented for <c>!=</c>), so one SIMD predicate serves all six operators and the threshold is resolved
/// exactly once per call instead of per pixel.
/// </summary>
/// <remarks>
/// NumPy 1.24 compares an 8/16-bit array with a Python float in float64, i.e. exactly: for integers x,
/// <c>x &gt; t ⇔ x ≥ floor(t)+1</c>, <c>x ≥ t ⇔ x ≥ ceil(t)</c>, <c>x &lt; t ⇔ x ≤ ceil(t)-1</c>, <c>x ≤ t ⇔ x ≤ floor(t)</c>,
/// and <c>x == t</c> needs an integral t. A float32 array is compared in float32 with t rounded to float32
/// (value-based casting), unless |t| ≥ 3.4e38, where NumPy switches to float64; the bounds are then the
/// nearest float32 values on the correct side of t (so <c>x &gt; t ⇔ x ≥ nextafter(t, +inf)</c>). A NaN
/// threshold matches nothing, except under != where it matches everything.
/// Integer lanes test <c>(x - Lo) ≤ (Hi - Lo)</c> unsigned (one subtract, one compare); float lanes test
/// <c>x ≥ Lo &amp; x ≤ Hi</c>, which is false for NaN pixels (so NaN matches only !=, as in IEEE/NumPy).
/// </remarks>
internal readonly struct ThresholdRange<T>
    where T : unmanaged
{
    private ThresholdRange(ThresholdOutcome outcome, T lo, T hi, bool invert)
    {
        Outcome = outcome;
        Lo = lo;
        Hi = hi;
        Invert = invert;
    }

    public ThresholdOutcome Outcome { get; }

    public T Lo { get; }

    public T Hi { get; }

    /// <summary>True for !=: the match is the complement of [Lo, Hi].</summary>
    public bool Invert { get; }

    public static ThresholdRange<T> Create(CompareOp op, double threshold)
    {
        if ((uint)op > (uint)CompareOp.NotEqual)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(op), $"Unknown comparison {(int)op}.");
        }

        bool invert = op == CompareOp.NotEqual;
        if (double.IsNaN(threshold))
        {
            return new(invert ? ThresholdOutcome.All : ThresholdOutcome.None, default, default, false);
        }

        return typeof(T) == typeof(float) ? ForFloat(op, threshold, invert) : ForInteger(op, threshold, invert);
    }

    private static ThresholdRange<T> ForInteger(CompareOp op, double t, bool invert)
    {
        double top = typeof(T) == typeof(byte) ? byte.MaxValue : ushort.MaxValue;
        (double a, double b) = op switch
        {
            CompareOp.Greater => (Math.Floor(t) + 1, top),
            CompareOp.GreaterOrEqual => (Math.Ceiling(t), top),
            CompareOp.Less => (0, Math.Ceiling(t) - 1),
            CompareOp.LessOrEqual => (0, Math.Floor(t)),
            _ => t == Math.Floor(t) ? (t, t) : (1.0, 0.0),
        };
        a = Math.Max(a, 0);
        b = Math.Min(b, top);
        if (a > b)
        {
            return new(invert ? ThresholdOutcome.All : ThresholdOutcome.None, default, default, false);
        }

        if (a == 0 && b == top)
        {
            return new(invert ? ThresholdOutcome.None : ThresholdOutcome.All, default, default, false);
        }

        return new(ThresholdOutcome.Range, FromInt((int)a), FromInt((int)b), invert);
    }

    private static ThresholdRange<T> ForFloat(CompareOp op, double t, bool invert)
    {
        // NumPy's value-based casting: the scalar joins the float32 comparison unless it would overflow float32.
        double te = double.IsInfinity(t) || (t > -3.4e38 && t < 3.4e38) ? (float)t : t;
        float lo = float.NegativeInfinity;
        float hi = float.PositiveInfinity;
        bool any = op switch
        {
            CompareOp.Greater => TryLower(te, strict: true, out lo),
            CompareOp.GreaterOrEqual => TryLower(te, strict: false, out lo),
            CompareOp.Less => TryUpper(te, strict: true, out hi),
            CompareOp.LessOrEqual => TryUpper(te, strict: false, out hi),
            _ => TryExact(te, out lo, out hi),
        };
        if (!any)
        {
            return new(invert ? ThresholdOutcome.All : ThresholdOutcome.None, default, default, false);
        }

        return new(ThresholdOutcome.Range, Unsafe.BitCast<float, T>(lo), Unsafe.BitCast<float, T>(hi), invert);
    }

    /// <summary>The smallest float f with f &gt; t (strict) or f ≥ t; false if there is none.</summary>
    private static bool TryLower(double t, bool strict, out float lo)
    {
        float f = (float)t; // nearest, so at most one step from the answer
        if (strict ? f <= t : f < t)
        {
            f = MathF.BitIncrement(f);
        }

        lo = f;
        return strict ? f > t : f >= t;
    }

    /// <summary>The largest float f with f &lt; t (strict) or f ≤ t; false if there is none.</summary>
    private static bool TryUpper(double t, bool strict, out float hi)
    {
        float f = (float)t;
        if (strict ? f >= t : f > t)
        {
            f = MathF.BitDecrement(f);
        }

        hi = f;
        return strict ? f < t : f <= t;
    }

    private static bool TryExact(double t, out float lo, out float hi)
    {
        lo = hi = (float)t;
        return lo == t;
    }

    private static T FromInt(int v) =>
        typeof(T) == typeof(byte) ? Unsafe.BitCast<byte, T>((byte)v) : Unsafe.BitCast<ushort, T>((ushort)v);

    /// <summary>Scalar predicate (the reference for the SIMD lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Matches(T x)
    {
        bool inside;
        if (typeof(T) == typeof(float))
        {
            float v = Unsafe.BitCast<T, float>(x);
            inside = v >= Unsafe.BitCast<T, float>(Lo) && v <= Unsafe.BitCast<T, float>(Hi);
        }
        else if (typeof(T) == typeof(byte))
        {
            inside = (byte)(Unsafe.BitCast<T, byte>(x) - Unsafe.BitCast<T, byte>(Lo)) <= (byte)(Unsafe.BitCast<T, byte>(Hi) - Unsafe.BitCast<T, byte>(Lo));
        }
        else
        {
            inside = (ushort)(Unsafe.BitCast<T, ushort>(x) - Unsafe.BitCast<T, ushort>(Lo)) <= (ushort)(Unsafe.BitCast<T, ushort>(Hi) - Unsafe.BitCast<T, ushort>(Lo));
        }

        return inside != Invert;
    }

    /// <summary>All-ones lanes where <c>x op t</c> holds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<T> Matches(Vector128<T> x)
    {
        Vector128<T> lo = Vector128.Create(Lo);
        Vector128<T> hi = Vector128.Create(Hi);
        Vector128<T> inside = typeof(T) == typeof(float)
            ? Vector128.GreaterThanOrEqual(x, lo) & Vector128.LessThanOrEqual(x, hi)
            : Vector128.LessThanOrEqual(x - lo, hi - lo);
        return Invert ? ~inside : inside;
    }

    /// <summary>All-ones lanes where <c>x op t</c> holds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Matches(Vector256<T> x)
    {
        Vector256<T> lo = Vector256.Create(Lo);
        Vector256<T> hi = Vector256.Create(Hi);
        Vector256<T> inside = typeof(T) == typeof(float)
            ? Vector256.GreaterThanOrEqual(x, lo) & Vector256.LessThanOrEqual(x, hi)
            : Vector256.LessThanOrEqual(x - lo, hi - lo);
        return Invert ? ~inside : inside;
    }

    /// <summary>All-ones lanes where <c>x op t</c> holds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Matches(Vector512<T> x)
    {
        Vector512<T> lo = Vector512.Create(Lo);
        Vector512<T> hi = Vector512.Create(Hi);
        Vector512<T> inside = typeof(T) == typeof(float)
            ? Vector512.GreaterThanOrEqual(x, lo) & Vector512.LessThanOrEqual(x, hi)
            : Vector512.LessThanOrEqual(x - lo, hi - lo);
        return Invert ? ~inside : inside;
    }
}

namespace FastXray.Filters;

/// <summary>How a 1-D kernel's weights mirror about its centre; lets the passes fold pairs of taps.</summary>
internal enum KernelSymmetry
{
    None,
    /// <summary>w[c-k] == w[c+k] and the centre is the middle tap.</summary>
    Symmetric,
    /// <summary>w[c-k] == -w[c+k] and the centre is the middle tap.</summary>
    Antisymmetric,
}

/// <summary>
/// A correlation kernel: <c>out[i] = Σ_j Weights[j] · in[i + j − Left]</c>. scipy's
/// <c>correlate1d(w, origin=o)</c> is <c>Left = len(w)//2 + o</c>.
/// </summary>
internal readonly ref struct Kernel1D
{
    public Kernel1D(ReadOnlySpan<float> weights, int left, ReadOnlySpan<double> exactWeights = default)
    {
        Weights = weights;
        ExactWeights = exactWeights;
        Left = left;
        Symmetry = Classify(weights, left);
        float gain = 0;
        foreach (float w in weights)
        {
            gain += Math.Abs(w);
        }

        Gain = gain;
    }

    public ReadOnlySpan<float> Weights { get; }

    /// <summary>The float64 weights the float32 ones were rounded from, when known (else empty).</summary>
    public ReadOnlySpan<double> ExactWeights { get; }

    /// <summary>Σ|w|: how much the pass can amplify its input, and with it the float32 rounding error.</summary>
    public float Gain { get; }

    /// <summary>Taps before the centre (how far the kernel reaches toward lower indices).</summary>
    public int Left { get; }

    /// <summary>Taps after the centre.</summary>
    public int Right => Weights.Length - 1 - Left;

    public KernelSymmetry Symmetry { get; }

    public bool IsIdentity => Weights.Length == 1 && Weights[0] == 1f && Left == 0;

    /// <summary>The kernel <c>[1]</c> (an axis left as it is).</summary>
    public static Kernel1D Identity => new(s_one, 0);

    private static readonly float[] s_one = [1f];

    private static KernelSymmetry Classify(ReadOnlySpan<float> w, int left)
    {
        int n = w.Length;
        if (n % 2 == 0 || left != n / 2 || n == 1)
        {
            return KernelSymmetry.None;
        }

        bool sym = true;
        bool anti = w[left] == 0f;
        for (int k = 1; k <= left; k++)
        {
            sym &= w[left - k] == w[left + k];
            anti &= w[left - k] == -w[left + k];
        }

        return sym ? KernelSymmetry.Symmetric : anti ? KernelSymmetry.Antisymmetric : KernelSymmetry.None;
    }
}

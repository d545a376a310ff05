namespace FastXray.Filters;

/// <summary>scipy.ndimage.correlate1d and convolve1d along one axis of a 2-D image.</summary>
public static class Correlate1D
{
    /// <summary><c>out[i] = Σ_j w[j] · in[i + j − L//2 − origin]</c> along <paramref name="axis"/> (0 = rows, 1 or -1 = columns).</summary>
    /// <remarks>Origin must satisfy <c>−(L//2) ≤ origin ≤ (L−1)//2</c>. Runs on the separable engine with the other axis untouched.</remarks>
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, ReadOnlySpan<float> weights, int axis = -1, BorderMode mode = BorderMode.Reflect, double cval = 0, int origin = 0)
        where T : unmanaged
    {
        if (weights.IsEmpty)
        {
            ThrowHelper.ThrowArgument(nameof(weights), "weights must not be empty.");
        }

        Correlate.CheckOrigin(origin, weights.Length, nameof(origin));
        Edges.DifferenceKernels.CheckAxis(axis);
        var k = new Kernel1D(weights, (weights.Length / 2) + origin);
        if (axis is 0 or -2)
        {
            SeparableFilter.Apply(source, destination, k, Kernel1D.Identity, mode, (float)cval);
        }
        else
        {
            SeparableFilter.Apply(source, destination, Kernel1D.Identity, k, mode, (float)cval);
        }
    }

    /// <summary>scipy.ndimage.convolve1d: <c>out[i] = Σ_m w[m] · in[i + L//2 + origin − m]</c>.</summary>
    /// <remarks>Correlation with reversed weights and origin <c>−origin − (1 if L is even)</c>, as scipy.</remarks>
    public static void Convolve<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, ReadOnlySpan<float> weights, int axis = -1, BorderMode mode = BorderMode.Reflect, double cval = 0, int origin = 0)
        where T : unmanaged
    {
        if (weights.IsEmpty)
        {
            ThrowHelper.ThrowArgument(nameof(weights), "weights must not be empty.");
        }

        Correlate.CheckOrigin(origin, weights.Length, nameof(origin));
        float[] rented = System.Buffers.ArrayPool<float>.Shared.Rent(weights.Length);
        try
        {
            Span<float> reversed = rented.AsSpan(0, weights.Length);
            for (int i = 0; i < weights.Length; i++)
            {
                reversed[weights.Length - 1 - i] = weights[i];
            }

            Apply(source, destination, reversed, axis, mode, cval, Filters.Convolve.FlipOrigin(origin, weights.Length));
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(rented);
        }
    }
}

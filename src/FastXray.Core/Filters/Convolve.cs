using System.Buffers;

namespace FastXray.Filters;

/// <summary>scipy.ndimage.convolve: 2-D convolution with a weights matrix.</summary>
public static class Convolve
{
    /// <summary><c>out[i,j] = Σ_{a,b} W[a,b] · in[i + kh//2 + originY − a, j + kw//2 + originX − b]</c>.</summary>
    /// <remarks>
    /// As scipy: correlation with the weights flipped on both axes and each origin replaced by
    /// <c>−origin − (1 if the size is even)</c>, so even kernels use the window {i, i+1} where correlate uses {i−1, i}.
    /// </remarks>
    public static void Apply<T>(
        ReadOnlyImageSpan<T> source,
        ImageSpan<float> destination,
        ReadOnlySpan<float> weights,
        int kernelHeight,
        int kernelWidth,
        BorderMode mode = BorderMode.Reflect,
        double cval = 0,
        int originY = 0,
        int originX = 0)
        where T : unmanaged
    {
        if (kernelHeight < 1 || kernelWidth < 1 || weights.Length != kernelHeight * kernelWidth)
        {
            ThrowHelper.ThrowArgument(nameof(weights), $"weights must hold kernelHeight x kernelWidth = {kernelHeight}x{kernelWidth} values, got {weights.Length}.");
        }

        Correlate.CheckOrigin(originY, kernelHeight, nameof(originY));
        Correlate.CheckOrigin(originX, kernelWidth, nameof(originX));
        float[] flipped = ArrayPool<float>.Shared.Rent(weights.Length);
        try
        {
            for (int i = 0; i < weights.Length; i++)
            {
                flipped[weights.Length - 1 - i] = weights[i];
            }

            Correlate.Apply(
                source,
                destination,
                flipped.AsSpan(0, weights.Length),
                kernelHeight,
                kernelWidth,
                mode,
                cval,
                FlipOrigin(originY, kernelHeight),
                FlipOrigin(originX, kernelWidth));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(flipped);
        }
    }

    internal static int FlipOrigin(int origin, int size) => -origin - (size % 2 == 0 ? 1 : 0);
}

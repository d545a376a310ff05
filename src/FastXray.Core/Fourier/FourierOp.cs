using System.Buffers;

namespace FastXray.Fourier;

/// <summary>Shared validation and factor set-up of <see cref="FourierGaussian"/> and <see cref="FourierUniform"/>.</summary>
internal static class FourierOp
{
    public enum Kind
    {
        Gaussian,
        Uniform,
    }

    public static void RunReal<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination, Kind kind, double parameterY, double parameterX, int n, int axis)
        where T : unmanaged
    {
        if (!PixelConvert.IsSupported<T>())
        {
            ThrowHelper.ThrowNotSupportedType<T>();
        }

        ImageSpanValidation.SameSize(source, destination);
        FftOverlap.CheckExactOrNone(source, destination);
        float[] factors = Factors(kind, source.Height, source.Width, parameterY, parameterX, n, axis);
        try
        {
            FourierFilter.Real(source, destination, factors.AsSpan(0, source.Height), factors.AsSpan(source.Height, source.Width));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(factors);
        }
    }

    public static void RunComplex(ReadOnlyImageSpan<Complex32> source, ImageSpan<Complex32> destination, Kind kind, double parameterY, double parameterX, int n, int axis)
    {
        ImageSpanValidation.SameSize(source, destination);
        FftOverlap.CheckExactOrNone(source, destination);
        float[] factors = Factors(kind, source.Height, source.Width, parameterY, parameterX, n, axis);
        try
        {
            FourierFilter.Complex(source, destination, factors.AsSpan(0, source.Height), factors.AsSpan(source.Height, source.Width));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(factors);
        }
    }

    // Row factors at [0, height), column factors at [height, height + width) of a rented array.
    private static float[] Factors(Kind kind, int height, int width, double parameterY, double parameterX, int n, int axis)
    {
        int realAxis = FourierFactors.NormalizeAxis(axis);
        float[] factors = ArrayPool<float>.Shared.Rent(height + width);
        Fill(kind, factors.AsSpan(0, height), height, parameterY, n >= 0 && realAxis == 0, n);
        Fill(kind, factors.AsSpan(height, width), width, parameterX, n >= 0 && realAxis == 1, n);
        return factors;
    }

    private static void Fill(Kind kind, Span<float> factor, int length, double parameter, bool realAxis, int n)
    {
        if (kind == Kind.Gaussian)
        {
            FourierFactors.Gaussian(factor, length, parameter, realAxis, n);
        }
        else
        {
            FourierFactors.Uniform(factor, length, parameter, realAxis, n);
        }
    }
}

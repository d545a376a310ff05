using System.Runtime.InteropServices;

namespace FastXray.Intensity;

public static partial class Stats
{
    /// <summary>The population standard deviation, like <c>np.std</c> with ddof=0 (float64; NaN for an empty image).</summary>
    /// <remarks>
    /// <c>std = sqrt(Σ_i (x_i - mean)² / N)</c>. For 8- and 16-bit images it is computed from exact integer
    /// sums as <c>sqrt((N·Σx² - (Σx)²) / N²)</c> (128-bit integers, one rounding to float64 before the
    /// square root); NumPy's own two-pass float64 result agrees to about 1e-15 relative. float32 images use
    /// two passes in float64 (mean, then squared deviations), like <c>np.std(x, dtype=np.float64)</c>.
    /// </remarks>
    public static double Std<T>(ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        if (source.IsEmpty)
        {
            return double.NaN;
        }

        if (typeof(T) == typeof(float))
        {
            double mean = FloatSum(source) / source.PixelCount;
            return FloatStd(source, mean);
        }

        return IntegerStd(IntegerSumExact(source), IntegerSumOfSquares(source), source.PixelCount);
    }

    /// <summary>sqrt((N·s2 - s1²) / N²) with the numerator exact in 128-bit integers.</summary>
    internal static double IntegerStd(ulong sum, ulong sumOfSquares, long count)
    {
        UInt128 n = (ulong)count;
        UInt128 numerator = (n * sumOfSquares) - ((UInt128)sum * sum);
        return Math.Sqrt((double)numerator / ((double)count * count));
    }

    internal static double FloatStd<T>(in ReadOnlyImageSpan<T> source, double mean)
        where T : unmanaged
    {
        double total = 0;
        int spans = ImageRows.Count(source);
        for (int r = 0; r < spans; r++)
        {
            total += FloatSums.SumSquaredDeviations(MemoryMarshal.Cast<T, float>(ImageRows.Get(source, r)), mean);
        }

        return Math.Sqrt(total / source.PixelCount);
    }

    private static ulong IntegerSumOfSquares<T>(in ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        ulong total = 0;
        int spans = ImageRows.Count(source);
        for (int r = 0; r < spans; r++)
        {
            ReadOnlySpan<T> row = ImageRows.Get(source, r);
            total += typeof(T) == typeof(byte)
                ? IntegerSums.SumOfSquares(MemoryMarshal.Cast<T, byte>(row))
                : IntegerSums.SumOfSquares(MemoryMarshal.Cast<T, ushort>(row));
        }

        return total;
    }
}

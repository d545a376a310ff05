using System.Runtime.InteropServices;

namespace FastXray.Intensity;

public static partial class Stats
{
    /// <summary>The sum of all samples, like <c>np.sum</c> (0 for an empty image).</summary>
    /// <remarks>
    /// <c>sum = Σ_i x_i</c>. Exact for 8- and 16-bit images (integer accumulation; NumPy returns the same
    /// integer). float32 images are summed in float64, like <c>np.sum(x, dtype=np.float64)</c>.
    /// </remarks>
    public static double Sum<T>(ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        return typeof(T) == typeof(float) ? FloatSum(source) : IntegerSum(source);
    }

    /// <summary>The arithmetic mean, like <c>np.mean</c> (float64; NaN for an empty image).</summary>
    /// <remarks>
    /// <c>mean = (Σ_i x_i) / N</c>. For 8- and 16-bit images this is the exact integer sum divided by N in
    /// float64, bit-identical to NumPy (whose float64 pairwise sum of integers is exact below 2^53).
    /// float32 images are accumulated in float64, like <c>np.mean(x, dtype=np.float64)</c>.
    /// </remarks>
    public static double Mean<T>(ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        return source.IsEmpty ? double.NaN : Sum(source) / source.PixelCount;
    }

    /// <summary>Exact integer sum of an 8- or 16-bit image.</summary>
    internal static ulong IntegerSumExact<T>(in ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        ulong total = 0;
        int spans = ImageRows.Count(source);
        for (int r = 0; r < spans; r++)
        {
            ReadOnlySpan<T> row = ImageRows.Get(source, r);
            total += typeof(T) == typeof(byte)
                ? IntegerSums.Sum(MemoryMarshal.Cast<T, byte>(row))
                : IntegerSums.Sum(MemoryMarshal.Cast<T, ushort>(row));
        }

        return total;
    }

    private static double IntegerSum<T>(in ReadOnlyImageSpan<T> source)
        where T : unmanaged => IntegerSumExact(source);

    private static double FloatSum<T>(in ReadOnlyImageSpan<T> source)
        where T : unmanaged
    {
        double total = 0;
        int spans = ImageRows.Count(source);
        for (int r = 0; r < spans; r++)
        {
            total += FloatSums.Sum(MemoryMarshal.Cast<T, float>(ImageRows.Get(source, r)));
        }

        return total;
    }
}

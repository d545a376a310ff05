namespace FastXray.Intensity;

/// <summary>
/// Histograms with NumPy/scipy semantics: <c>scipy.ndimage.histogram(input, min, max, bins)</c> and
/// <c>np.histogram(x, bins, [lo, hi])</c>, with bin edges built exactly like <c>np.linspace</c>.
/// </summary>
/// <remarks>
/// Bin i counts <c>e_i ≤ v &lt; e_(i+1)</c>, the last bin is closed (<c>v == max</c> counts), values outside
/// [min, max] and NaN are dropped. Every sample is compared with the float64 edges themselves, never binned
/// by <c>floor((v - min) / width)</c>: <c>linspace(0, 1, 11)[3]</c> is 0.30000000000000004, so 0.3 falls in
/// bin 2. 8/16-bit images are counted per value first, and the at most 65536 distinct values are then walked
/// in increasing order against the edges (O(N + values + bins)); float32 samples get an arithmetic candidate
/// bin that is corrected by comparing with its neighbouring edges.
/// </remarks>
public static partial class Histogram
{
    /// <summary>Writes <c>np.linspace(min, max, edges.Length)</c> into <paramref name="edges"/>, bit for bit.</summary>
    /// <remarks>
    /// NumPy 1.24: <c>div = num - 1</c>, <c>step = (max - min) / div</c>, <c>e_i = i·step + min</c> (a rounded
    /// product, then a rounded sum: no fused multiply-add), and the last edge is exactly <c>max</c>. If the step
    /// underflows to 0 while <c>max ≠ min</c>, NumPy computes <c>e_i = (i / div)·(max - min) + min</c> instead; so does this.
    /// </remarks>
    public static void Edges(double min, double max, Span<double> edges)
    {
        int num = edges.Length;
        if (num == 0)
        {
            return;
        }

        double delta = max - min;
        if (num == 1)
        {
            edges[0] = (0 * delta) + min;
            return;
        }

        int div = num - 1;
        double step = delta / div;
        if (step == 0)
        {
            for (int i = 0; i < num; i++)
            {
                edges[i] = ((double)i / div * delta) + min;
            }
        }
        else
        {
            for (int i = 0; i < num; i++)
            {
                // Two separate roundings, as NumPy's `y = arange(num) * step; y += start`.
                double scaled = i * step;
                edges[i] = scaled + min;
            }
        }

        edges[num - 1] = max;
    }
}

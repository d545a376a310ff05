using System.Buffers;

namespace FastXray.Intensity;

public static partial class Equalize
{
    /// <summary><c>cv2.equalizeHist</c> (OpenCV 4.6) of an 8-bit image: byte output, bit-exact.</summary>
    /// <remarks>
    /// With h the 256-bin histogram, i0 the smallest value present and N the pixel count:
    /// <c>scale = 255f / (N - h[i0])</c> (float32), <c>lut[i0] = 0</c>, and for v &gt; i0
    /// <c>lut[v] = saturate(round((float)(cdf[v] - h[i0]) · scale))</c> with round-half-to-even (cvRound), i.e.
    /// <c>(cdf - cdf_min)·255 / (N - cdf_min)</c> rounded. A constant image keeps its value (OpenCV sets every
    /// pixel to i0). Source and destination may be the same buffer.
    /// </remarks>
    public static void OpenCv(ReadOnlyImageSpan<byte> source, ImageSpan<byte> destination)
    {
        ImageSpanValidation.SameSize(source, destination);
        if (source.IsEmpty)
        {
            return;
        }

        Span<int> counts = stackalloc int[256];
        ValueCounts.Count(source, counts);
        int first = ValueCounts.First(counts);
        Span<byte> lut = stackalloc byte[256];
        lut.Clear();
        long total = source.PixelCount;
        if (counts[first] == total)
        {
            lut.Fill((byte)first);
        }
        else
        {
            float scale = 255f / (float)(total - counts[first]);
            int sum = 0;
            for (int v = first + 1; v < 256; v++)
            {
                sum += counts[v];
                lut[v] = RoundToByte(sum * scale);
            }
        }

        LookupTable.Map(source, destination, lut, 0);
    }

    /// <summary>The OpenCV formula on a 16-bit image binned over its own range (<paramref name="bins"/> bins), byte output.</summary>
    /// <remarks>
    /// Bins as in <see cref="Cdf(ReadOnlyImageSpan{ushort}, ImageSpan{float}, int)"/>; then with b0 the first
    /// bin (it holds the minimum): <c>out = saturate(round((float)(cdf[bin(v)] - h[b0]) · (255f / (N - h[b0]))))</c>,
    /// round-half-to-even in float32 like cv2.equalizeHist. A constant image (one occupied bin) maps to 0.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is below 1.</exception>
    public static void OpenCv(ReadOnlyImageSpan<ushort> source, ImageSpan<byte> destination, int bins = DefaultBins16)
    {
        ImageSpanValidation.SameSize(source, destination);
        EnsureBins(bins);
        if (source.IsEmpty)
        {
            return;
        }

        using var table = new BinnedValues(source, bins);
        byte[] lut = ArrayPool<byte>.Shared.Rent(table.Span);
        try
        {
            long total = source.PixelCount;
            long cdfMin = table.FirstCount;
            float scale = total == cdfMin ? 0 : 255f / (float)(total - cdfMin);
            for (int j = 0; j < table.Span; j++)
            {
                lut[j] = RoundToByte((float)(table.Cdf[table.BinOf[j]] - cdfMin) * scale);
            }

            LookupTable.Map(source, destination, lut.AsSpan(0, table.Span), table.Min);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(lut);
        }
    }

    /// <summary>OpenCV's <c>saturate_cast&lt;uchar&gt;(float)</c>: round half to even, then clamp to 0..255.</summary>
    private static byte RoundToByte(float v) => (byte)Math.Clamp(MathF.Round(v), 0f, 255f);
}

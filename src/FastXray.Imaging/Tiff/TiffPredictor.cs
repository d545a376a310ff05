namespace FastXray.Imaging.Tiff;

/// <summary>Predictor 2, horizontal differencing (TIFF 6.0 section 14), per row, on 8- or 16-bit samples.</summary>
/// <remarks>
/// Each sample is stored as its difference from the same sample of the pixel to its left, modulo 2^bits;
/// the first pixel of a row is stored as is. 16-bit samples are differenced as native integers, after the
/// reader has put them in host byte order (as libtiff does). A serial dependence along the row, so scalar.
/// </remarks>
internal static class TiffPredictor
{
    /// <summary>Undoes differencing in place: s[i] += s[i − samplesPerPixel].</summary>
    public static void Accumulate(Span<byte> row, int samplesPerPixel)
    {
        for (int i = samplesPerPixel; i < row.Length; i++)
        {
            row[i] = (byte)(row[i] + row[i - samplesPerPixel]);
        }
    }

    /// <inheritdoc cref="Accumulate(Span{byte}, int)"/>
    public static void Accumulate(Span<ushort> row, int samplesPerPixel)
    {
        for (int i = samplesPerPixel; i < row.Length; i++)
        {
            row[i] = (ushort)(row[i] + row[i - samplesPerPixel]);
        }
    }

    /// <summary>Differences one-sample rows: destination[i] = source[i] − source[i − 1], destination[0] = source[0].</summary>
    public static void Difference(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        destination[0] = source[0];
        for (int i = 1; i < source.Length; i++)
        {
            destination[i] = (byte)(source[i] - source[i - 1]);
        }
    }

    /// <inheritdoc cref="Difference(ReadOnlySpan{byte}, Span{byte})"/>
    public static void Difference(ReadOnlySpan<ushort> source, Span<ushort> destination)
    {
        destination[0] = source[0];
        for (int i = 1; i < source.Length; i++)
        {
            destination[i] = (ushort)(source[i] - source[i - 1]);
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Imaging.Dicom.JpegLossless;

/// <summary>
/// Decodes one scan (T.81 H.2): restart intervals, prediction per H.1.2.1, reconstruction modulo 2^16.
/// </summary>
/// <remarks>
/// Prediction reads the already written destination (shifted back by the point transform), so no row buffer is
/// needed. Rows of a one-component scan (every DICOM grey frame, or one plane of a non-interleaved colour frame) go
/// through <see cref="Row{TPredictor}"/>, compiled per selection value; interleaved colour rows through the plain
/// <see cref="InterleavedRow"/>.
/// </remarks>
[SkipLocalsInit]
internal static class LosslessScan
{
    /// <summary>Decodes the scan whose entropy-coded data starts at <paramref name="position"/>; returns the position of the marker after it (or the end).</summary>
    public static int Decode(ReadOnlySpan<byte> data, int position, LosslessState state, Span<ushort> destination)
    {
        int width = state.Width;
        int height = state.Height;
        int rowsPerInterval = height;
        if (state.RestartInterval > 0)
        {
            // In lossless mode a restart interval is a whole number of MCU rows (T.81 H.1.2.1 resets the prediction
            // to the first-line rule at each restart; IJG refuses other intervals the same way).
            if (state.RestartInterval % width != 0)
            {
                ThrowHelper.ThrowFormat($"JPEG lossless restart interval {state.RestartInterval} is not a whole number of rows of {width}");
            }

            rowsPerInterval = state.RestartInterval / width;
        }

        var bits = new LosslessBits { Position = position };
        int expectedRestart = 0;
        for (int top = 0; top < height; top += rowsPerInterval)
        {
            if (top > 0)
            {
                bits = new LosslessBits { Position = ExpectRestart(data, bits.Position, expectedRestart, top) };
                expectedRestart = (expectedRestart + 1) & 7;
            }

            int bottom = Math.Min(height, top + rowsPerInterval);
            for (int y = top; y < bottom; y++)
            {
                if (state.ScanComponentCount == 1)
                {
                    OneComponentRow(data, ref bits, state, destination, y, y == top);
                }
                else
                {
                    InterleavedRow(data, ref bits, state, destination, y, y == top);
                }

                if (bits.Count < bits.Pad)
                {
                    Truncated(data, bits.Position, y);
                }
            }
        }

        return NextMarker(data, bits.Position);
    }

    /// <summary>The next marker at or after <paramref name="position"/> (skipping leftover entropy bytes and fill bytes), or the data length.</summary>
    public static int NextMarker(ReadOnlySpan<byte> data, int position)
    {
        while (position < data.Length - 1)
        {
            if (data[position] == 0xFF && data[position + 1] is not (0x00 or 0xFF))
            {
                return position;
            }

            position++;
        }

        return data.Length;
    }

    private static int ExpectRestart(ReadOnlySpan<byte> data, int position, int expected, int row)
    {
        int at = NextMarker(data, position);
        if (at >= data.Length)
        {
            ThrowHelper.ThrowFormat($"truncated JPEG lossless data: RST{expected} expected before row {row}");
        }

        if (data[at + 1] != LosslessMarkers.Rst0 + expected)
        {
            ThrowHelper.ThrowFormat($"JPEG lossless scan: RST{expected} expected before row {row}, found marker 0xFF{data[at + 1]:X2}");
        }

        return at + 2;
    }

    private static void Truncated(ReadOnlySpan<byte> data, int position, int row)
    {
        if (position + 1 < data.Length)
        {
            ThrowHelper.ThrowFormat($"JPEG lossless scan interrupted by marker 0xFF{data[position + 1]:X2} in row {row}");
        }

        ThrowHelper.ThrowFormat($"truncated JPEG lossless data (scan ends in row {row})");
    }

    private static void OneComponentRow(ReadOnlySpan<byte> data, ref LosslessBits bits, LosslessState state, Span<ushort> destination, int y, bool first)
    {
        int stride = state.ComponentCount;
        int width = state.Width;
        int pt = state.PointTransform;
        LosslessHuffmanTable table = state.ScanTables[0];

        // Destination bounds: the caller checked its length is Width x Height x Components, and y < Height.
        ref ushort row = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), ((nint)y * width * stride) + state.ScanComponents[0]);
        if (first)
        {
            // First line of the image or of a restart interval: 2^(P-Pt-1), then Ra (H.1.2.1).
            Row<PredictLeft>(data, ref bits, table, ref row, ref row, stride, width, 1 << (state.Precision - pt - 1), state.Precision, pt);
            return;
        }

        ref ushort above = ref Unsafe.Subtract(ref row, (nint)width * stride);
        int firstPrediction = above >> pt; // first column: Rb
        switch (state.Predictor)
        {
            case 1: Row<PredictLeft>(data, ref bits, table, ref row, ref above, stride, width, firstPrediction, state.Precision, pt); break;
            case 2: Row<PredictAbove>(data, ref bits, table, ref row, ref above, stride, width, firstPrediction, state.Precision, pt); break;
            case 3: Row<PredictAboveLeft>(data, ref bits, table, ref row, ref above, stride, width, firstPrediction, state.Precision, pt); break;
            case 4: Row<PredictPlane>(data, ref bits, table, ref row, ref above, stride, width, firstPrediction, state.Precision, pt); break;
            case 5: Row<PredictLeftPlusHalf>(data, ref bits, table, ref row, ref above, stride, width, firstPrediction, state.Precision, pt); break;
            case 6: Row<PredictAbovePlusHalf>(data, ref bits, table, ref row, ref above, stride, width, firstPrediction, state.Precision, pt); break;
            default: Row<PredictAverage>(data, ref bits, table, ref row, ref above, stride, width, firstPrediction, state.Precision, pt); break;
        }
    }

    /// <summary>Picks the loop without the point-transform shift when Pt is 0 (nearly always): one register fewer in the hot loop.</summary>
    private static void Row<TPredictor>(
        ReadOnlySpan<byte> data, ref LosslessBits bits, LosslessHuffmanTable table, ref ushort row, ref ushort above,
        nint stride, int width, int firstPrediction, int precision, int pt)
        where TPredictor : struct, ILosslessPredictor
    {
        if (pt == 0)
        {
            Row<TPredictor, NoShift>(data, ref bits, table, ref row, ref above, stride, width, firstPrediction, precision, 0);
        }
        else
        {
            Row<TPredictor, Shift>(data, ref bits, table, ref row, ref above, stride, width, firstPrediction, precision, pt);
        }
    }

    /// <summary>
    /// One row of one component: the hot loop. Bit state lives in locals for the row; samples are written as
    /// ((prediction + difference) mod 2^16, masked to P - Pt bits) &lt;&lt; Pt. The mask is a no-op on valid data and
    /// keeps corrupt data inside 0 .. 2^P - 1. Output and row-above positions advance by pointer bumps of the
    /// component stride (no multiply, no index register).
    /// </summary>
    private static void Row<TPredictor, TShift>(
        ReadOnlySpan<byte> data, ref LosslessBits bits, LosslessHuffmanTable table, ref ushort row, ref ushort above,
        nint stride, int width, int firstPrediction, int precision, int pt)
        where TPredictor : struct, ILosslessPredictor
        where TShift : struct, IPointShift
    {
        ulong buffer = bits.Buffer;
        int count = bits.Count;
        int position = bits.Position;
        int pad = bits.Pad;
        ref int lookahead = ref MemoryMarshal.GetArrayDataReference(table.Lookahead);
        int mask = (1 << (precision - pt)) - 1;

        LosslessBits.Refill(data, ref buffer, ref count, ref position, ref pad);
        int ra = (firstPrediction + LosslessBits.Difference(table, ref lookahead, ref buffer, ref count)) & mask;
        row = (ushort)(TShift.Shifted ? ra << pt : ra);
        int rc = TPredictor.UsesAbove ? (TShift.Shifted ? above >> pt : above) : 0;
        ref ushort last = ref Unsafe.Add(ref row, (nint)(width - 1) * stride);
        ref ushort output = ref row;
        while (Unsafe.IsAddressLessThan(ref output, ref last))
        {
            output = ref Unsafe.Add(ref output, stride);
            LosslessBits.Refill(data, ref buffer, ref count, ref position, ref pad);
            int diff = LosslessBits.Difference(table, ref lookahead, ref buffer, ref count);
            int rb = 0;
            if (TPredictor.UsesAbove)
            {
                above = ref Unsafe.Add(ref above, stride);
                rb = TShift.Shifted ? above >> pt : above;
            }

            ra = (TPredictor.Predict(ra, rb, rc) + diff) & mask;
            rc = rb;
            output = (ushort)(TShift.Shifted ? ra << pt : ra);
        }

        bits.Buffer = buffer;
        bits.Count = count;
        bits.Position = position;
        bits.Pad = pad;
    }

    /// <summary>One row of an interleaved scan: each pixel's samples in scan order, each with its own table (T.81 H.2).</summary>
    private static void InterleavedRow(ReadOnlySpan<byte> data, ref LosslessBits bits, LosslessState state, Span<ushort> destination, int y, bool first)
    {
        int stride = state.ComponentCount;
        int width = state.Width;
        int pt = state.PointTransform;
        int mask = (1 << (state.Precision - pt)) - 1;
        int start = y * width * stride;
        Span<ushort> row = destination.Slice(start, width * stride);
        Span<ushort> above = first ? row : destination.Slice(start - (width * stride), width * stride);
        ulong buffer = bits.Buffer;
        int count = bits.Count;
        int position = bits.Position;
        int pad = bits.Pad;
        for (int x = 0; x < width; x++)
        {
            for (int k = 0; k < state.ScanComponentCount; k++)
            {
                int c = state.ScanComponents[k];
                LosslessHuffmanTable table = state.ScanTables[k];
                LosslessBits.Refill(data, ref buffer, ref count, ref position, ref pad);
                int diff = LosslessBits.Difference(table, ref MemoryMarshal.GetArrayDataReference(table.Lookahead), ref buffer, ref count);
                int at = (x * stride) + c;
                int prediction;
                if (first)
                {
                    prediction = x == 0 ? 1 << (state.Precision - pt - 1) : row[at - stride] >> pt;
                }
                else if (x == 0)
                {
                    prediction = above[at] >> pt;
                }
                else
                {
                    prediction = LosslessPredictor.Predict(state.Predictor, row[at - stride] >> pt, above[at] >> pt, above[at - stride] >> pt);
                }

                row[at] = (ushort)(((prediction + diff) & mask) << pt);
            }
        }

        bits.Buffer = buffer;
        bits.Count = count;
        bits.Position = position;
        bits.Pad = pad;
    }
}

/// <summary>Whether samples carry a point transform (T.81 H.1.2.3: decoded values are shifted left by Pt).</summary>
internal interface IPointShift
{
    static abstract bool Shifted { get; }
}

internal readonly struct NoShift : IPointShift
{
    public static bool Shifted => false;
}

internal readonly struct Shift : IPointShift
{
    public static bool Shifted => true;
}

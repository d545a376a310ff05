using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;

namespace FastXray.Imaging.Dicom.JpegLs;

/// <summary>
/// Decodes one scan (T.87 annex A): per line, regular-mode samples and runs from the current and the previous line,
/// in the component order of the interleave mode, with a reset at every restart marker.
/// </summary>
/// <remarks>
/// Lines live in rented int buffers of width + 2 samples per component, one spare sample at each end so the
/// neighbours of the first and last samples (T.87 A.2.1: Ra = Rb and Rc from the line above at x = 0, Rd = Rb at the
/// last sample) are plain loads: before each line the caller copies them into the spares. Two lines per component
/// alternate as previous and current. In sample-interleaved mode (ILV 2) one buffer holds the three components
/// interleaved. Each finished line is narrowed into the destination.
/// </remarks>
[SkipLocalsInit]
internal unsafe partial struct JpegLsScanDecoder
{
    /// <summary>Regular contexts 1..364 by |Q|; 0 is used only by sample-interleaved scans (CharLS's layout).</summary>
    private const int ContextCount = 365;

    private JpegLsBitReader _reader;
    private JpegLsRegularContext* _contexts;
    private JpegLsRunContext* _runContexts;
    private sbyte* _quantize; // gradient -> -4..4, indexed from -MAXVAL to MAXVAL
    private int _width;
    private int _maxVal;
    private int _near;
    private int _step;        // 2 NEAR + 1
    private int _rangeStep;   // RANGE (2 NEAR + 1): the modulus of reconstructed values
    private int _qbpp;
    private int _limit;
    private int _reset;
    private int _initialA;
    private int _runIndex;

    /// <summary>
    /// Decodes the scan whose data starts at <paramref name="start"/> into <paramref name="destination"/> and returns the
    /// offset of the marker that ends it (or the data length).
    /// </summary>
    public static int Decode(
        ReadOnlySpan<byte> data, int start, in JpegLsFrame frame, in JpegLsScanHeader scan, in JpegLsCodingParameters parameters,
        int restartInterval, Span<ushort> destination)
    {
        int width = frame.Width;
        bool triplet = scan.Interleave == 2;
        int lineSets = triplet ? 1 : scan.Count;          // line pairs kept
        int samplesPerEntry = triplet ? 3 : 1;
        int lineLength = (width + 2) * samplesPerEntry;
        int[] lines = ArrayPool<int>.Shared.Rent(2 * lineSets * lineLength);
        sbyte[] quantize = ArrayPool<sbyte>.Shared.Rent((2 * parameters.MaxVal) + 1);
        JpegLsRegularContext* contexts = stackalloc JpegLsRegularContext[ContextCount];
        JpegLsRunContext* runContexts = stackalloc JpegLsRunContext[2];
        Span<int> runIndex = stackalloc int[3];
        try
        {
            BuildQuantizer(quantize, parameters);
            fixed (byte* dataStart = data)
            fixed (int* lineBase = lines)
            fixed (sbyte* quantizeBase = quantize)
            fixed (ushort* output = destination)
            {
                var decoder = new JpegLsScanDecoder
                {
                    _contexts = contexts,
                    _runContexts = runContexts,
                    _quantize = quantizeBase + parameters.MaxVal,
                    _width = width,
                    _maxVal = parameters.MaxVal,
                    _near = parameters.Near,
                    _step = (2 * parameters.Near) + 1,
                    _rangeStep = parameters.Range * ((2 * parameters.Near) + 1),
                    _qbpp = parameters.Qbpp,
                    _limit = parameters.Limit,
                    _reset = parameters.Reset,
                    _initialA = Math.Max(2, (parameters.Range + 32) / 64),
                };
                byte* end = dataStart + data.Length;
                decoder._reader.Start(dataStart + start, end);
                decoder.ResetState(lineBase, 2 * lineSets * lineLength, runIndex);

                int components = frame.Components;
                int restartCount = 0;
                for (int y = 0; y < frame.Height; y++)
                {
                    if (restartInterval > 0 && y > 0 && y % restartInterval == 0)
                    {
                        decoder.Restart(data, dataStart, end, restartCount++ & 7);
                        decoder.ResetState(lineBase, 2 * lineSets * lineLength, runIndex);
                    }

                    ushort* row = output + ((long)y * width * components);
                    if (triplet)
                    {
                        int* previous = lineBase + ((y & 1) * lineLength) + 3;
                        int* current = lineBase + (((y + 1) & 1) * lineLength) + 3;
                        SetEdges(previous, current, width, 3);
                        decoder.DecodeLineTriplet(previous, current);
                        for (int i = 0; i < 3 * width; i++)
                        {
                            row[i] = (ushort)current[i];
                        }
                    }
                    else
                    {
                        for (int c = 0; c < scan.Count; c++)
                        {
                            int* previous = lineBase + (((2 * c) + (y & 1)) * lineLength) + 1;
                            int* current = lineBase + (((2 * c) + ((y + 1) & 1)) * lineLength) + 1;
                            SetEdges(previous, current, width, 1);
                            decoder._runIndex = runIndex[c];
                            decoder.DecodeLine(previous, current);
                            runIndex[c] = decoder._runIndex;
                            CopyOut(current, row + scan.IndexAt(c), width, components);
                        }
                    }

                    if (decoder._reader.Bits < 0)
                    {
                        JpegLsErrors.ThrowTruncated();
                    }
                }

                return JpegLsMarkerReader.FindMarker(data, (int)(decoder._reader.Next - dataStart));
            }
        }
        finally
        {
            ArrayPool<sbyte>.Shared.Return(quantize);
            ArrayPool<int>.Shared.Return(lines);
        }
    }

    /// <summary>T.87 A.3.3 gradient quantisation as a table over -MAXVAL..MAXVAL.</summary>
    private static void BuildQuantizer(Span<sbyte> table, in JpegLsCodingParameters p)
    {
        // Beyond +-T3 everything is +-4: filled in bulk (131,071 entries at 16 bits), only the middle computed.
        table[..(p.MaxVal - p.T3 + 1)].Fill(-4);
        table.Slice(p.MaxVal + p.T3, p.MaxVal - p.T3 + 1).Fill(4);
        for (int d = 1 - p.T3; d < p.T3; d++)
        {
            table[d + p.MaxVal] = (sbyte)(
                d <= -p.T3 ? -4 : d <= -p.T2 ? -3 : d <= -p.T1 ? -2 : d < -p.Near ? -1 :
                d <= p.Near ? 0 : d < p.T1 ? 1 : d < p.T2 ? 2 : d < p.T3 ? 3 : 4);
        }
    }

    /// <summary>The state a scan and every restart interval start from (T.87 A.2.1, A.7.1.1; at a restart as at a scan start, as CharLS does).</summary>
    private void ResetState(int* lines, int lineInts, Span<int> runIndex)
    {
        new Span<int>(lines, lineInts).Clear(); // the line above the first is all zero
        for (int i = 0; i < ContextCount; i++)
        {
            _contexts[i] = new JpegLsRegularContext { A = _initialA, N = 1 };
        }

        _runContexts[0] = new JpegLsRunContext { A = _initialA, N = 1 };
        _runContexts[1] = new JpegLsRunContext { A = _initialA, N = 1 };
        runIndex.Clear();
        _runIndex = 0;
    }

    /// <summary>Skips the padding at the end of a restart interval and checks that RST<paramref name="expected"/> follows.</summary>
    private void Restart(ReadOnlySpan<byte> data, byte* dataStart, byte* end, int expected)
    {
        int at = JpegLsMarkerReader.FindMarker(data, (int)(_reader.Next - dataStart));
        if (at + 1 >= data.Length)
        {
            JpegLsErrors.ThrowTruncated();
        }

        if (data[at + 1] != 0xD0 + expected)
        {
            JpegLsErrors.ThrowCorrupt($"RST{expected} expected, found marker 0xFF{data[at + 1]:X2}");
        }

        _reader.Start(dataStart + at + 2, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetEdges(int* previous, int* current, int width, int samples)
    {
        for (int i = 0; i < samples; i++)
        {
            previous[(width * samples) + i] = previous[((width - 1) * samples) + i];
            current[i - samples] = previous[i];
        }
    }

    private static void CopyOut(int* line, ushort* output, int width, int stride)
    {
        if (stride == 1)
        {
            // Samples are 0..65535, so truncating narrowing is exact; whole vectors, then the scalar tail.
            int x = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; x <= width - 16; x += 16)
                {
                    Vector256<ushort> narrow = Vector256.Narrow(Vector256.Load((uint*)line + x), Vector256.Load((uint*)line + x + 8));
                    narrow.Store(output + x);
                }
            }

            for (; x < width; x++)
            {
                output[x] = (ushort)line[x];
            }

            return;
        }

        for (int x = 0; x < width; x++)
        {
            output[x * stride] = (ushort)line[x];
        }
    }

    /// <summary>One line of one component (ILV 0 or 1).</summary>
    /// <remarks>
    /// The regular-mode path of <see cref="DecodeRegular"/> written out with the bit reader's state in locals, so the
    /// cache and its bit count stay in registers across samples; the state goes back to <see cref="_reader"/> only
    /// around the rare calls (byte-wise refill, long or escaped codes, runs). Same arithmetic, step for step.
    /// </remarks>
    private void DecodeLine(int* previous, int* current)
    {
        int width = _width;
        sbyte* q = _quantize;
        JpegLsRegularContext* contexts = _contexts;
        int maxVal = _maxVal;
        int near = _near;
        int step = _step;
        int reset = _reset;
        int escape = _limit - _qbpp - 1;
        _reader.Export(out ulong cache, out int bits, out byte* next, out byte* nextFF);

        int x = 0;
        int ra = current[-1]; // the sample just decoded rides in a register, not through a store and a reload
        int rb = previous[-1];
        int rd = previous[0];
        while (x < width)
        {
            int rc = rb;
            rb = rd;
            rd = previous[x + 1];
            int qs = (((q[rd - rb] * 9) + q[rb - rc]) * 9) + q[rc - ra];
            if (qs == 0)
            {
                _reader.Import(cache, bits, next, nextFF);
                x += DecodeRun(x, previous, current);
                _reader.Export(out cache, out bits, out next, out nextFF);
                ra = current[x - 1];
                rb = previous[x - 1];
                rd = previous[x];
                continue;
            }

            int sign = qs >> 31;
            JpegLsRegularContext* context = contexts + ((qs ^ sign) - sign);
            int a = context->A;
            int b = context->B;
            int c = context->C;
            int n = context->N;

            // MED without branches: on noisy data the comparisons are coin flips a branch predictor would miss.
            int diff = ra - rb;
            int below = diff & (diff >> 31); // min(ra, rb) - rb
            int min = rb + below;
            int max = ra - below;
            int predicted = ra + rb - rc;
            predicted = Select((max - rc - 1) >> 31, min, predicted); // rc >= max
            predicted = Select((rc - min - 1) >> 31, max, predicted); // rc <= min
            predicted += (c ^ sign) - sign;
            predicted = predicted < 0 ? 0 : predicted > maxVal ? maxVal : predicted;

            int k = GolombParameter(n, a);
            if (bits < 32)
            {
                if (next + 8 <= nextFF)
                {
                    cache |= BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(next)) >> bits;
                    int taken = (64 - bits) >> 3;
                    next += taken;
                    bits += taken << 3;
                }
                else
                {
                    _reader.Import(cache, bits, next, nextFF);
                    _reader.FillSlow();
                    _reader.Export(out cache, out bits, out next, out nextFF);
                }
            }

            int zeros = BitOperations.LeadingZeroCount(cache);
            int mapped;
            if (zeros < escape && zeros + 1 + k <= bits)
            {
                ulong rest = cache << zeros << 1;
                mapped = (zeros << k) + (int)((rest >> 1) >> (63 - k));
                cache = rest << k;
                bits -= zeros + 1 + k;
                if ((uint)mapped > MaxMapped)
                {
                    JpegLsErrors.ThrowCorrupt("Golomb-coded error out of range");
                }
            }
            else
            {
                _reader.Import(cache, bits, next, nextFF);
                mapped = DecodeValueSlow(k, _limit);
                _reader.Export(out cache, out bits, out next, out nextFF);
            }

            int error = (mapped >> 1) ^ -(mapped & 1);
            if ((k | near) == 0 && 2 * b <= -n)
            {
                error = ~error;
            }

            // Context update (T.87 A.6), as in UpdateContext, with the bias step done by masks: whether B crossed
            // -N or 0 is data-dependent and mispredicts often enough to cost more than the arithmetic.
            int errorSign = error >> 31;
            a += (error ^ errorSign) - errorSign;
            b += error * step;
            if (n == reset)
            {
                a >>= 1;
                b >>= 1;
                n >>= 1;
            }

            n++;
            int lowMask = (b + n - 1) >> 31;                 // B <= -N: move C down, B up by N (at least 1 - N)
            int highMask = -b >> 31;                          // B > 0: move C up, B down by N (at most 0)
            int bLow = b + n;
            bLow -= (bLow + n - 1) & ((bLow + n - 1) >> 31); // max(B + N, 1 - N)
            int bHigh = b - n;
            bHigh &= bHigh >> 31;                             // min(B - N, 0)
            b = Select(lowMask, bLow, Select(highMask, bHigh, b));
            c = Select(lowMask, c + ((-128 - c) >> 31), Select(highMask, c - ((c - 127) >> 31), c));

            context->A = a;
            context->B = b;
            context->C = c;
            context->N = n;

            error *= step;
            ra = Reconstruct(predicted + ((error ^ sign) - sign));
            current[x] = ra;
            x++;
        }

        _reader.Import(cache, bits, next, nextFF);
    }

    /// <summary><paramref name="ifSet"/> where <paramref name="mask"/> is -1, <paramref name="otherwise"/> where it is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Select(int mask, int ifSet, int otherwise) => (ifSet & mask) | (otherwise & ~mask);

    /// <summary>One line of three interleaved components (ILV 2): a run only where all three gradients are flat.</summary>
    private void DecodeLineTriplet(int* previous, int* current)
    {
        int width = _width;
        sbyte* q = _quantize;
        int x = 0;
        while (x < width)
        {
            int* a = current + (3 * x) - 3;
            int* b = previous + (3 * x);
            int* c = b - 3;
            int* d = b + 3;
            int qs0 = (((q[d[0] - b[0]] * 9) + q[b[0] - c[0]]) * 9) + q[c[0] - a[0]];
            int qs1 = (((q[d[1] - b[1]] * 9) + q[b[1] - c[1]]) * 9) + q[c[1] - a[1]];
            int qs2 = (((q[d[2] - b[2]] * 9) + q[b[2] - c[2]]) * 9) + q[c[2] - a[2]];
            if ((qs0 | qs1 | qs2) == 0)
            {
                x += DecodeRunTriplet(x, previous, current);
            }
            else
            {
                int* x3 = current + (3 * x);
                x3[0] = DecodeRegular(qs0, a[0], b[0], c[0]);
                x3[1] = DecodeRegular(qs1, a[1], b[1], c[1]);
                x3[2] = DecodeRegular(qs2, a[2], b[2], c[2]);
                x++;
            }
        }
    }
}

using System.Runtime.CompilerServices;

namespace FastXray.Imaging.Dicom.JpegLs;

/// <summary>Run mode (T.87 A.7): run lengths coded with the adaptive J table, then the run-interruption sample.</summary>
internal unsafe partial struct JpegLsScanDecoder
{
    /// <summary>T.87 A.7.1.1, table J: bits of the remainder of an interrupted run, by RUNindex.</summary>
    private static ReadOnlySpan<byte> J => [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    /// <summary>A run starting at <paramref name="x"/> of one component's line; returns the samples decoded (run + interruption).</summary>
    /// <remarks>Not inlined: inside the regular-mode loop its locals pushed that loop's state out of registers.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int DecodeRun(int x, int* previous, int* current)
    {
        int ra = current[x - 1];
        int length = DecodeRunLength(_width - x, out bool interrupted);
        new Span<int>(current + x, length).Fill(ra);
        if (!interrupted)
        {
            return length;
        }

        int at = x + length;
        int rb = previous[at];
        if (Math.Abs(ra - rb) <= _near)
        {
            current[at] = Reconstruct(ra + (DecodeInterruptionError(1) * _step));
        }
        else
        {
            current[at] = Reconstruct(rb + (DecodeInterruptionError(0) * _step * Sign(rb - ra)));
        }

        if (_runIndex > 0)
        {
            _runIndex--;
        }

        return length + 1;
    }

    /// <summary>
    /// A run of three-component pixels (ILV 2). The interruption pixel codes each component with the RItype 0
    /// context, predicted from the line above, as CharLS (and so dcmtk) does.
    /// </summary>
    private int DecodeRunTriplet(int x, int* previous, int* current)
    {
        int* a = current + (3 * x) - 3;
        int length = DecodeRunLength(_width - x, out bool interrupted);
        for (int i = 0; i < length; i++)
        {
            int* p = current + (3 * (x + i));
            p[0] = a[0];
            p[1] = a[1];
            p[2] = a[2];
        }

        if (!interrupted)
        {
            return length;
        }

        int at = 3 * (x + length);
        for (int c = 0; c < 3; c++)
        {
            int rb = previous[at + c];
            current[at + c] = Reconstruct(rb + (DecodeInterruptionError(0) * _step * Sign(rb - a[c])));
        }

        if (_runIndex > 0)
        {
            _runIndex--;
        }

        return length + 1;
    }

    /// <summary>
    /// T.87 A.7.1.2: each 1 bit is a full segment of 2^J[RUNindex] samples (RUNindex grows), cut short at the end of
    /// the line; a 0 bit ends the run with J[RUNindex] bits of remainder and an interruption sample follows.
    /// </summary>
    private int DecodeRunLength(int remaining, out bool interrupted)
    {
        int length = 0;
        while (_reader.ReadBit() == 1)
        {
            int segment = 1 << J[_runIndex];
            int count = Math.Min(segment, remaining - length);
            length += count;
            if (count == segment && _runIndex < 31)
            {
                _runIndex++;
            }

            if (length == remaining)
            {
                interrupted = false;
                return length;
            }
        }

        int j = J[_runIndex];
        if (j > 0)
        {
            length += _reader.ReadBits(j);
        }

        if (length >= remaining)
        {
            if (length > remaining)
            {
                JpegLsErrors.ThrowCorrupt("run longer than the rest of the line");
            }

            interrupted = false; // CharLS ends such a run at the line end without an interruption sample
            return length;
        }

        interrupted = true;
        return length;
    }

    /// <summary>The error of a run-interruption sample (T.87 A.7.2), with its context's update.</summary>
    private int DecodeInterruptionError(int type)
    {
        ref JpegLsRunContext context = ref _runContexts[type];
        int k = GolombParameter(context.N, context.A + ((context.N >> 1) * type));
        int mapped = DecodeValue(k, _limit - J[_runIndex] - 1);

        // EMErrval = 2 |Errval| - RItype - map; map's parity gives |Errval| and, with k and Nn, the sign.
        int t = mapped + type;
        int map = t & 1;
        int magnitude = (t + map) >> 1;
        bool negative = (k != 0 || 2 * context.Nn >= context.N) == (map != 0);
        int error = negative ? -magnitude : magnitude;

        if (error < 0)
        {
            context.Nn++;
        }

        context.A += (mapped + 1 - type) >> 1;
        if (context.N == _reset)
        {
            context.A >>= 1;
            context.N >>= 1;
            context.Nn >>= 1;
        }

        context.N++;
        return error;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Sign(int value) => (value >> 31) | 1;
}

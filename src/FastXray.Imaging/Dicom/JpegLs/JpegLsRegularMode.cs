using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastXray.Imaging.Dicom.JpegLs;

/// <summary>Regular mode (T.87 A.3-A.6) and the limited-length Golomb code both modes read.</summary>
internal unsafe partial struct JpegLsScanDecoder
{
    /// <summary>
    /// One regular-mode sample from its context number <paramref name="qs"/> (signed: 81 Q1 + 9 Q2 + Q3) and
    /// neighbours: MED prediction, bias correction C, Golomb-coded mapped error, context update, reconstruction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DecodeRegular(int qs, int ra, int rb, int rc)
    {
        // A negative context is folded onto its positive twin with the error's sign flipped (T.87 A.3.4).
        int sign = qs >> 31;
        ref JpegLsRegularContext context = ref _contexts[(qs ^ sign) - sign];

        // Median edge detector (T.87 A.4.1).
        int max = Math.Max(ra, rb);
        int min = Math.Min(ra, rb);
        int predicted = rc >= max ? min : rc <= min ? max : ra + rb - rc;
        predicted += (context.C ^ sign) - sign;
        predicted = predicted < 0 ? 0 : predicted > _maxVal ? _maxVal : predicted;

        int k = GolombParameter(context.N, context.A);
        int mapped = DecodeValue(k, _limit);

        // Inverse of the error mapping (T.87 A.5.2); the k = 0 special case swaps the parity of the mapping.
        int error = (mapped >> 1) ^ -(mapped & 1);
        if ((k | _near) == 0 && 2 * context.B <= -context.N)
        {
            error = ~error;
        }

        UpdateContext(ref context, error);
        error *= _step;
        return Reconstruct(predicted + ((error ^ sign) - sign));
    }

    /// <summary>T.87 A.6: accumulate, halve at RESET, then move C towards the bias and keep B in (-N, 0].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UpdateContext(ref JpegLsRegularContext context, int error)
    {
        int a = context.A + Math.Abs(error);
        int b = context.B + (error * _step);
        int n = context.N;
        if (n == _reset)
        {
            a >>= 1;
            b >>= 1; // arithmetic shift: floor(B / 2), what T.87's -((1 - B) >> 1) gives for negative B
            n >>= 1;
        }

        n++;
        context.A = a;
        context.N = n;
        if (b + n <= 0)
        {
            b += n;
            if (b <= -n)
            {
                b = -n + 1;
            }

            if (context.C > -128)
            {
                context.C--;
            }
        }
        else if (b > 0)
        {
            b -= n;
            if (b > 0)
            {
                b = 0;
            }

            if (context.C < 127)
            {
                context.C++;
            }
        }

        context.B = b;
    }

    /// <summary>Brings a prediction plus error back into 0..MAXVAL: modulo RANGE (2 NEAR + 1), then clamped (T.87 A.4.2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Reconstruct(int value)
    {
        if (value < -_near)
        {
            value += _rangeStep;
        }
        else if (value > _maxVal + _near)
        {
            value -= _rangeStep;
        }

        return value < 0 ? 0 : value > _maxVal ? _maxVal : value;
    }

    /// <summary>
    /// k = min { k : N 2^k >= A } (T.87 A.5.1), from the bit lengths instead of a loop: N shifted to A's top bit is
    /// either already >= A or one more doubling makes it so. Unsigned, so a garbage A from corrupt data cannot overflow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GolombParameter(int n, int a)
    {
        uint un = (uint)n;
        uint ua = (uint)a;
        int k = BitOperations.LeadingZeroCount(un) - BitOperations.LeadingZeroCount(ua);
        if (k < 0)
        {
            k = 0;
        }

        return (un << k) < ua ? k + 1 : k;
    }

    /// <summary>
    /// A limited-length Golomb code (T.87 A.5.3): a unary prefix; below LIMIT - qbpp - 1 zeros it is followed by k bits,
    /// at exactly that many by qbpp bits holding the value - 1. <paramref name="limit"/> is LIMIT, or LIMIT - J - 1 in
    /// run interruptions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DecodeValue(int k, int limit)
    {
        if (_reader.Bits < 32)
        {
            _reader.Fill();
        }

        int zeros = _reader.LeadingZeros();
        int used = zeros + 1 + k;
        if (zeros < limit - _qbpp - 1 && used <= _reader.Bits)
        {
            ulong bits = _reader.Cache << zeros << 1;
            int value = (zeros << k) + (int)((bits >> 1) >> (63 - k));
            _reader.Skip(used - k);
            _reader.Skip(k);
            if ((uint)value > MaxMapped)
            {
                JpegLsErrors.ThrowCorrupt("Golomb-coded error out of range");
            }

            return value;
        }

        return DecodeValueSlow(k, limit);
    }

    /// <summary>
    /// Larger than any mapped error of a valid stream (those are below 2 RANGE &lt;= 2^17); keeps |error| and the context
    /// sums of corrupt data small enough not to overflow.
    /// </summary>
    private const uint MaxMapped = 1u << 17;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int DecodeValueSlow(int k, int limit)
    {
        if (_reader.Bits >= 0 && _reader.Bits <= 56)
        {
            _reader.Fill();
        }

        int escape = limit - _qbpp - 1;
        int zeros = _reader.LeadingZeros();
        if (zeros > escape)
        {
            if (_reader.Bits <= escape)
            {
                JpegLsErrors.ThrowTruncated();
            }

            JpegLsErrors.ThrowCorrupt("Golomb code longer than LIMIT");
        }

        if (zeros >= _reader.Bits)
        {
            JpegLsErrors.ThrowTruncated();
        }

        _reader.Skip(zeros + 1);
        int value;
        if (zeros == escape)
        {
            value = _reader.ReadBits(_qbpp) + 1;
        }
        else
        {
            if (k > 31)
            {
                JpegLsErrors.ThrowCorrupt("Golomb parameter out of range");
            }

            value = (zeros << k) + (k == 0 ? 0 : _reader.ReadBits(k));
        }

        if ((uint)value > MaxMapped)
        {
            JpegLsErrors.ThrowCorrupt("Golomb-coded error out of range");
        }

        return value;
    }
}

using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastXray.Fourier;

/// <summary>
/// Iterative radix-4 decimation-in-time FFT of a power-of-two length (one radix-2 stage first when log2 n is odd),
/// run on a batch of independent transforms held lane-wise in registers.
/// </summary>
/// <remarks>
/// <para>Batch layout ("split" format): element e of the transform occupies floats <c>[e·2L, e·2L + 2L)</c> of the
/// work buffer, the L real parts of the L transforms first, then their L imaginary parts. Complex arithmetic is then
/// plain vertical lane arithmetic with broadcast twiddles, no shuffles.</para>
/// <para>Input is in bit-reversed order (the gathers write it so, which costs nothing), output in natural order,
/// in place. Forward sign: <c>X[k] = Σ x[n]·exp(−2πi·nk/n)</c>, unscaled. The inverse is obtained by the callers
/// swapping real and imaginary parts on the way in and out: <c>ifft(x) = swap(fft(swap(x)))/n</c>.</para>
/// <para>With bit-reversed input, a block of 4s elements holds the four length-s sub-transforms of the residues
/// 0, 2, 1, 3 (mod 4) in that order; the butterfly therefore multiplies position 1 by w², position 2 by w¹.</para>
/// <para>Twiddles <c>exp(−2πi·rj/4s)</c> are computed in double once per length and stored as float. Stages whose
/// span fits an L1-sized block run block by block so the early, short-span stages do not stream the whole batch
/// through L2 once each.</para>
/// </remarks>
internal sealed class PowerOfTwoFft
{
    // Per radix-4 stage of span s (s >= 2): s entries of (w1re, w1im, w2re, w2im, w3re, w3im).
    private readonly float[] _twiddles;
    private readonly int[] _stageOffset;

    public PowerOfTwoFft(int length)
    {
        Debug.Assert(length >= 1 && BitOperations.IsPow2(length));
        Length = length;
        Log2 = BitOperations.Log2((uint)length);
        BitReverse = new int[length];
        for (int i = 0; i < length; i++)
        {
            BitReverse[i] = ReverseBits(i, Log2);
        }

        // Stages with twiddles: spans 4, 16, 64, ... after a unit radix-4 stage (log2 n even), or 2, 8, 32, ...
        // after a unit radix-2 stage (log2 n odd).
        _stageOffset = new int[Log2 + 1];
        int total = 0;
        for (int s = FirstTwiddledSpan; s < length; s *= 4)
        {
            _stageOffset[BitOperations.Log2((uint)s)] = total;
            total += 6 * s;
        }

        _twiddles = new float[total];
        for (int s = FirstTwiddledSpan; s < length; s *= 4)
        {
            int at = _stageOffset[BitOperations.Log2((uint)s)];
            for (int j = 0; j < s; j++)
            {
                for (int r = 1; r <= 3; r++)
                {
                    // Reduce r·j modulo 4s exactly before scaling so the angle stays in [0, 2π).
                    double angle = -2.0 * Math.PI * (r * j % (4 * s)) / (4.0 * s);
                    (double sin, double cos) = Math.SinCos(angle);
                    _twiddles[at + (6 * j) + (2 * (r - 1))] = (float)cos;
                    _twiddles[at + (6 * j) + (2 * (r - 1)) + 1] = (float)sin;
                }
            }
        }
    }

    public int Length { get; }

    public int Log2 { get; }

    /// <summary>Where a gather must put input element i: <c>BitReverse[i]</c>.</summary>
    public int[] BitReverse { get; }

    // The unit first stage is radix-4 when log2 n is even, radix-2 when odd; the next span follows from it.
    private int FirstTwiddledSpan => (Log2 & 1) == 0 ? 4 : 2;

    /// <summary>Transforms <see cref="Length"/> batch elements at <paramref name="data"/> in place.</summary>
    public void Execute<TV, TOps>(ref float data)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int n = Length;
        if (n == 1)
        {
            return;
        }

        nuint elementFloats = (nuint)(2 * TOps.Count);
        int block = Math.Min(n, BlockElements(TOps.Count));
        bool radix2First = (Log2 & 1) != 0;
        int s = 1;
        for (int start = 0; start < n; start += block)
        {
            ref float b = ref Unsafe.Add(ref data, (nuint)start * elementFloats);
            if (radix2First)
            {
                Radix2Unit<TV, TOps>(ref b, block);
                s = 2;
            }
            else
            {
                Radix4Unit<TV, TOps>(ref b, block);
                s = 4;
            }

            for (; 4 * s <= block; s *= 4)
            {
                Radix4<TV, TOps>(ref b, block, s, ref _twiddles[_stageOffset[BitOperations.Log2((uint)s)]]);
            }
        }

        for (; s < n; s *= 4)
        {
            Radix4<TV, TOps>(ref data, n, s, ref _twiddles[_stageOffset[BitOperations.Log2((uint)s)]]);
        }
    }

    // About 16 KiB of batch per block: half of a typical 32 KiB L1D, leaving room for twiddles and the next block.
    private static int BlockElements(int lanes) => Math.Max(4, 2048 / lanes);

    /// <summary>The low <paramref name="bits"/> bits of <paramref name="value"/> in reverse order.</summary>
    public static int ReverseBits(int value, int bits)
    {
        if (bits == 0)
        {
            return 0;
        }

        uint v = (uint)value;
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (int)(((v >> 16) | (v << 16)) >> (32 - bits));
    }

    // Length-2 DFTs of adjacent pairs: (a, b) -> (a + b, a - b).
    private static void Radix2Unit<TV, TOps>(ref float data, int n)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        nuint l = (nuint)TOps.Count;
        nuint e = 2 * l;
        for (int i = 0; i < n; i += 2)
        {
            ref float p0 = ref Unsafe.Add(ref data, (nuint)i * e);
            ref float p1 = ref Unsafe.Add(ref p0, e);
            TV ar = TOps.Load(ref p0, 0);
            TV ai = TOps.Load(ref p0, l);
            TV br = TOps.Load(ref p1, 0);
            TV bi = TOps.Load(ref p1, l);
            TOps.Store(TOps.Add(ar, br), ref p0, 0);
            TOps.Store(TOps.Add(ai, bi), ref p0, l);
            TOps.Store(TOps.Subtract(ar, br), ref p1, 0);
            TOps.Store(TOps.Subtract(ai, bi), ref p1, l);
        }
    }

    // Length-4 DFTs of adjacent quadruples (inputs in order x0, x2, x1, x3), all twiddles 1.
    private static void Radix4Unit<TV, TOps>(ref float data, int n)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        nuint l = (nuint)TOps.Count;
        nuint e = 2 * l;
        for (int i = 0; i < n; i += 4)
        {
            ref float p0 = ref Unsafe.Add(ref data, (nuint)i * e);
            ref float p1 = ref Unsafe.Add(ref p0, e);
            ref float p2 = ref Unsafe.Add(ref p0, 2 * e);
            ref float p3 = ref Unsafe.Add(ref p0, 3 * e);
            TV a0r = TOps.Load(ref p0, 0);
            TV a0i = TOps.Load(ref p0, l);
            TV a2r = TOps.Load(ref p1, 0);
            TV a2i = TOps.Load(ref p1, l);
            TV a1r = TOps.Load(ref p2, 0);
            TV a1i = TOps.Load(ref p2, l);
            TV a3r = TOps.Load(ref p3, 0);
            TV a3i = TOps.Load(ref p3, l);
            Butterfly<TV, TOps>(a0r, a0i, a1r, a1i, a2r, a2i, a3r, a3i, ref p0, ref p1, ref p2, ref p3, l);
        }
    }

    private static void Radix4<TV, TOps>(ref float data, int n, int s, ref float twiddles)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        nuint l = (nuint)TOps.Count;
        nuint e = 2 * l;
        nuint span = (nuint)s * e;
        for (int start = 0; start < n; start += 4 * s)
        {
            ref float p0 = ref Unsafe.Add(ref data, (nuint)start * e);
            ref float w = ref twiddles;
            for (int j = 0; j < s; j++)
            {
                ref float p1 = ref Unsafe.Add(ref p0, span);
                ref float p2 = ref Unsafe.Add(ref p0, 2 * span);
                ref float p3 = ref Unsafe.Add(ref p0, 3 * span);
                TV a0r = TOps.Load(ref p0, 0);
                TV a0i = TOps.Load(ref p0, l);

                // Position 2 holds residue 1 (times w¹), position 1 residue 2 (times w²), position 3 residue 3.
                LaneMath.Multiply<TV, TOps>(TOps.Load(ref p2, 0), TOps.Load(ref p2, l), ref w, out TV a1r, out TV a1i);
                LaneMath.Multiply<TV, TOps>(TOps.Load(ref p1, 0), TOps.Load(ref p1, l), ref Unsafe.Add(ref w, 2), out TV a2r, out TV a2i);
                LaneMath.Multiply<TV, TOps>(TOps.Load(ref p3, 0), TOps.Load(ref p3, l), ref Unsafe.Add(ref w, 4), out TV a3r, out TV a3i);
                Butterfly<TV, TOps>(a0r, a0i, a1r, a1i, a2r, a2i, a3r, a3i, ref p0, ref p1, ref p2, ref p3, l);
                p0 = ref Unsafe.Add(ref p0, e);
                w = ref Unsafe.Add(ref w, 6);
            }
        }
    }

    // y_q = Σ_r a_r·(−i)^{rq}, written in natural order y0..y3 to p0..p3.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly<TV, TOps>(
        TV a0r, TV a0i, TV a1r, TV a1i, TV a2r, TV a2i, TV a3r, TV a3i,
        ref float p0, ref float p1, ref float p2, ref float p3, nuint l)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        TV t0r = TOps.Add(a0r, a2r);
        TV t0i = TOps.Add(a0i, a2i);
        TV t1r = TOps.Subtract(a0r, a2r);
        TV t1i = TOps.Subtract(a0i, a2i);
        TV t2r = TOps.Add(a1r, a3r);
        TV t2i = TOps.Add(a1i, a3i);
        TV t3r = TOps.Subtract(a1r, a3r);
        TV t3i = TOps.Subtract(a1i, a3i);
        TOps.Store(TOps.Add(t0r, t2r), ref p0, 0);
        TOps.Store(TOps.Add(t0i, t2i), ref p0, l);
        TOps.Store(TOps.Subtract(t0r, t2r), ref p2, 0);
        TOps.Store(TOps.Subtract(t0i, t2i), ref p2, l);

        // y1 = t1 − i·t3, y3 = t1 + i·t3.
        TOps.Store(TOps.Add(t1r, t3i), ref p1, 0);
        TOps.Store(TOps.Subtract(t1i, t3r), ref p1, l);
        TOps.Store(TOps.Subtract(t1r, t3i), ref p3, 0);
        TOps.Store(TOps.Add(t1i, t3r), ref p3, l);
    }
}

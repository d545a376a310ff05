using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Fourier;

/// <summary>
/// A one-dimensional discrete Fourier transform of one length, with NumPy's conventions: the exact DFT for every
/// length (not a zero-padded approximation), forward unscaled, inverse scaled by 1/n.
/// </summary>
/// <remarks>
/// <para>Forward: <c>X[k] = Σₙ x[n]·exp(−2πi·kn/N)</c> (<c>numpy.fft.fft</c>). Inverse:
/// <c>x[n] = (1/N)·Σₖ X[k]·exp(+2πi·kn/N)</c> (<c>numpy.fft.ifft</c>). The real variants are
/// <c>numpy.fft.rfft</c> (N/2+1 outputs) and <c>numpy.fft.irfft(X, n=N)</c>.</para>
/// <para>Powers of two use an iterative radix-4 (plus one radix-2) kernel. Every other length uses Bluestein's
/// chirp-z identity <c>nk = (n² + k² − (k−n)²)/2</c>, turning the DFT into a circular convolution of power-of-two
/// length M ≥ 2N−1, whose filter spectrum is computed once in double precision.</para>
/// <para>A plan holds twiddle, bit-reversal, chirp and filter tables (built in double, stored as float). It is
/// immutable and thread-safe; transforms rent their scratch once per call and allocate nothing else.
/// <see cref="Get"/> returns a process-wide cached plan; the cache keeps every length it has seen.</para>
/// <para>Complex data is interleaved <see cref="Complex32"/>; all arithmetic is float32 without fused multiply-add.</para>
/// </remarks>
public sealed class FftPlan
{
    private static readonly ConcurrentDictionary<int, FftPlan> s_cache = new();

    // Bluestein only: chirp c[n] = exp(−iπ·n²/N) for n < N, and FFT_M(b)/M with b[m] = conj c[|m|], interleaved.
    private readonly float[]? _chirp;
    private readonly float[]? _filter;

    /// <summary>Builds a plan for transforms of <paramref name="length"/> points.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1 (NumPy rejects n &lt; 1 too) or above <see cref="MaxLength"/>.</exception>
    public FftPlan(int length)
    {
        if (length < 1 || length > MaxLength)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(length), $"An FFT length must be 1..{MaxLength}; got {length}.");
        }

        Length = length;
        if (BitOperations.IsPow2(length))
        {
            Kernel = new PowerOfTwoFft(length);
            InputOrder = Kernel.BitReverse;
            return;
        }

        int m = (int)BitOperations.RoundUpToPowerOf2((uint)((2 * length) - 1));
        Kernel = Get(m).Kernel;
        InputOrder = [];
        _chirp = new float[2 * length];
        var b = new Complex[m];
        for (int n = 0; n < length; n++)
        {
            // n² mod 2N keeps the angle small and exact: exp(−iπ·n²/N) has period 2N in n².
            long q = (long)n * n % (2L * length);
            (double sin, double cos) = Math.SinCos(-Math.PI * q / length);
            _chirp[2 * n] = (float)cos;
            _chirp[(2 * n) + 1] = (float)sin;
            b[n] = new Complex(cos, -sin);
            if (n > 0)
            {
                b[m - n] = b[n];
            }
        }

        DoubleFft.Forward(b);
        _filter = new float[2 * m];
        for (int k = 0; k < m; k++)
        {
            _filter[2 * k] = (float)(b[k].Real / m);
            _filter[(2 * k) + 1] = (float)(b[k].Imaginary / m);
        }
    }

    /// <summary>The largest supported length, 2^24 (a Bluestein plan of that size holds a 2^26-point filter).</summary>
    public const int MaxLength = 1 << 24;

    /// <summary>Number of points.</summary>
    public int Length { get; }

    /// <summary>True when the length is not a power of two and the transform runs through Bluestein's algorithm.</summary>
    public bool UsesBluestein => _chirp is not null;

    /// <summary>The power-of-two kernel: of <see cref="Length"/> itself, or of the Bluestein convolution length.</summary>
    internal PowerOfTwoFft Kernel { get; }

    /// <summary>Where gathers put input element i (empty = natural order).</summary>
    internal int[] InputOrder { get; }

    /// <summary>Extra batch elements <see cref="Execute{TV, TOps}"/> needs beyond the work elements.</summary>
    internal int ScratchElements => UsesBluestein ? Kernel.Length : 0;

    /// <summary>A cached plan for <paramref name="length"/> (built on first use, then shared by all threads).</summary>
    public static FftPlan Get(int length) =>
        s_cache.TryGetValue(length, out FftPlan? plan) ? plan : s_cache.GetOrAdd(length, static n => new FftPlan(n));

    /// <summary><c>numpy.fft.fft</c>: <paramref name="destination"/>[k] = Σₙ source[n]·exp(−2πi·kn/N).</summary>
    /// <remarks><paramref name="source"/> and <paramref name="destination"/> hold <see cref="Length"/> values and may be the same span.</remarks>
    public void Forward(ReadOnlySpan<Complex32> source, Span<Complex32> destination) => Complex1D(source, destination, inverse: false);

    /// <summary><c>numpy.fft.ifft</c>: <paramref name="destination"/>[n] = (1/N)·Σₖ source[k]·exp(+2πi·kn/N).</summary>
    /// <remarks><paramref name="source"/> and <paramref name="destination"/> hold <see cref="Length"/> values and may be the same span.</remarks>
    public void Inverse(ReadOnlySpan<Complex32> source, Span<Complex32> destination) => Complex1D(source, destination, inverse: true);

    /// <summary><c>numpy.fft.rfft</c>: the first N/2+1 values of the DFT of a real signal.</summary>
    /// <remarks><c>destination[k] = Σₙ source[n]·exp(−2πi·kn/N)</c> for k = 0..N/2; <paramref name="source"/> holds N values.</remarks>
    public void ForwardReal(ReadOnlySpan<float> source, Span<Complex32> destination)
    {
        if (source.Length != Length || destination.Length != (Length / 2) + 1)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"A length-{Length} real FFT maps {Length} samples to {(Length / 2) + 1} values; got {source.Length} and {destination.Length}.");
        }

        Fft2DPlan.ForwardRealRow(this, new ReadOnlyImageSpan<float>(source, Length, 1), new ImageSpan<Complex32>(destination, destination.Length, 1));
    }

    /// <summary><c>numpy.fft.irfft(source, n=N)</c>: the real signal whose half spectrum is <paramref name="source"/>.</summary>
    /// <remarks>
    /// <c>destination[n] = (1/N)·Σₖ X[k]·exp(+2πi·kn/N)</c> with X[N−k] = conj X[k]; as in NumPy the imaginary parts
    /// of X[0] and (N even) X[N/2] are ignored. <paramref name="source"/> holds N/2+1 values.
    /// </remarks>
    public void InverseReal(ReadOnlySpan<Complex32> source, Span<float> destination)
    {
        if (destination.Length != Length || source.Length != (Length / 2) + 1)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"A length-{Length} inverse real FFT maps {(Length / 2) + 1} values to {Length} samples; got {source.Length} and {destination.Length}.");
        }

        Fft2DPlan.InverseRealRow(this, new ReadOnlyImageSpan<Complex32>(source, source.Length, 1), new ImageSpan<float>(destination, Length, 1));
    }

    private void Complex1D(ReadOnlySpan<Complex32> source, Span<Complex32> destination, bool inverse)
    {
        if (source.Length != Length || destination.Length != Length)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"A length-{Length} FFT needs {Length} values in and out; got {source.Length} and {destination.Length}.");
        }

        if (source.Overlaps(destination, out int offset) && offset != 0)
        {
            ThrowHelper.ThrowOverlap();
        }

        Fft2DPlan.ComplexRow(this, new ReadOnlyImageSpan<Complex32>(source, Length, 1), new ImageSpan<Complex32>(destination, Length, 1), inverse);
    }

    /// <summary>
    /// Transforms one batch in place: <paramref name="work"/> holds <see cref="Length"/> elements in
    /// <see cref="InputOrder"/> and receives the forward DFT in natural order. <paramref name="scratch"/> must hold
    /// <see cref="ScratchElements"/> elements.
    /// </summary>
    internal void Execute<TV, TOps>(ref float work, ref float scratch)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        if (_chirp is null)
        {
            Kernel.Execute<TV, TOps>(ref work);
        }
        else
        {
            Bluestein<TV, TOps>(ref work, ref scratch);
        }
    }

    private void Bluestein<TV, TOps>(ref float work, ref float a)
        where TV : struct
        where TOps : struct, IFftLanes<TV>
    {
        int n = Length;
        int m = Kernel.Length;
        int[] rev = Kernel.BitReverse;
        nuint l = (nuint)TOps.Count;
        nuint e = 2 * l;
        ref float chirp = ref MemoryMarshal.GetArrayDataReference(_chirp!);
        ref float filter = ref MemoryMarshal.GetArrayDataReference(_filter!);

        // a[n] = x[n]·c[n], zero-padded to M, in bit-reversed order.
        for (int i = 0; i < n; i++)
        {
            ref float x = ref Unsafe.Add(ref work, (nuint)i * e);
            LaneMath.Multiply<TV, TOps>(TOps.Load(ref x, 0), TOps.Load(ref x, l), ref Unsafe.Add(ref chirp, 2 * i), out TV re, out TV im);
            ref float dst = ref Unsafe.Add(ref a, (nuint)rev[i] * e);
            TOps.Store(re, ref dst, 0);
            TOps.Store(im, ref dst, l);
        }

        for (int i = n; i < m; i++)
        {
            ref float dst = ref Unsafe.Add(ref a, (nuint)rev[i] * e);
            TOps.Store(TOps.Zero, ref dst, 0);
            TOps.Store(TOps.Zero, ref dst, l);
        }

        Kernel.Execute<TV, TOps>(ref a);

        // Multiply by the filter spectrum (1/M folded in), swap re/im and bit-reverse in place, pair by pair:
        // the second forward transform then computes the inverse one, ifft(y) = swap(fft(swap(y)))/M.
        for (int k = 0; k < m; k++)
        {
            int r = rev[k];
            if (r < k)
            {
                continue;
            }

            ref float pk = ref Unsafe.Add(ref a, (nuint)k * e);
            LaneMath.Multiply<TV, TOps>(TOps.Load(ref pk, 0), TOps.Load(ref pk, l), ref Unsafe.Add(ref filter, 2 * k), out TV kr, out TV ki);
            if (r == k)
            {
                TOps.Store(ki, ref pk, 0);
                TOps.Store(kr, ref pk, l);
                continue;
            }

            ref float pr = ref Unsafe.Add(ref a, (nuint)r * e);
            LaneMath.Multiply<TV, TOps>(TOps.Load(ref pr, 0), TOps.Load(ref pr, l), ref Unsafe.Add(ref filter, 2 * r), out TV rr, out TV ri);
            TOps.Store(ki, ref pr, 0);
            TOps.Store(kr, ref pr, l);
            TOps.Store(ri, ref pk, 0);
            TOps.Store(rr, ref pk, l);
        }

        Kernel.Execute<TV, TOps>(ref a);

        // X[k] = c[k]·conv[k], conv = swap(a).
        for (int k = 0; k < n; k++)
        {
            ref float src = ref Unsafe.Add(ref a, (nuint)k * e);
            LaneMath.Multiply<TV, TOps>(TOps.Load(ref src, l), TOps.Load(ref src, 0), ref Unsafe.Add(ref chirp, 2 * k), out TV re, out TV im);
            ref float dst = ref Unsafe.Add(ref work, (nuint)k * e);
            TOps.Store(re, ref dst, 0);
            TOps.Store(im, ref dst, l);
        }
    }
}

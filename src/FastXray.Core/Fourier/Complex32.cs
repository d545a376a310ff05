using System.Runtime.InteropServices;

namespace FastXray.Fourier;

/// <summary>
/// A single-precision complex number stored as an interleaved (real, imaginary) float pair, the memory layout of
/// NumPy's <c>complex64</c>. Spans of it can be reinterpreted as spans of float with
/// <see cref="MemoryMarshal.Cast{TFrom, TTo}(Span{TFrom})"/> and back.
/// </summary>
/// <remarks>Every FFT in <c>FastXray.Fourier</c> reads and writes complex data in this layout.</remarks>
/// <param name="Real">The real part.</param>
/// <param name="Imaginary">The imaginary part.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Complex32(float Real, float Imaginary)
{
    /// <summary>The modulus, computed in double precision: <c>sqrt(re² + im²)</c>.</summary>
    public double Magnitude => Math.Sqrt(((double)Real * Real) + ((double)Imaginary * Imaginary));
}

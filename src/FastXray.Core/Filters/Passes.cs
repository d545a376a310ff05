using System.Runtime.Intrinsics;

namespace FastXray.Filters;

/// <summary>
/// The two 1-D correlation passes of <see cref="SeparableFilter"/>, one generic body per direction,
/// instantiated per vector width.
/// </summary>
/// <remarks>
/// Vertical: <c>out[x] = Σ_k w[k]·rows[k][x]</c>, taps inside the pixel loop so each output vector stays in a
/// register across all taps (one store per vector). Horizontal: <c>out[x] = Σ_k w[k]·row[x+k]</c> with
/// unaligned loads at each tap offset from L1. Both fold tap pairs for (anti)symmetric kernels:
/// <c>w[c]·x[c] + Σ w[c−k]·(x[c−k] ± x[c+k])</c>, which is also scipy's own summation order for such kernels.
/// </remarks>
internal static unsafe class Passes
{
    public static void Vertical(float** rows, float* w, int taps, KernelSymmetry symmetry, float* output, int width)
    {
        switch (SimdCapabilities.Active)
        {
            case SimdLevel.Vector512 when width >= Vector512<float>.Count:
                Vertical<Vector512<float>, Vector512Ops>(rows, w, taps, symmetry, output, width);
                break;
            case >= SimdLevel.Vector256 when width >= Vector256<float>.Count:
                Vertical<Vector256<float>, Vector256Ops>(rows, w, taps, symmetry, output, width);
                break;
            case >= SimdLevel.Vector128 when width >= Vector128<float>.Count:
                Vertical<Vector128<float>, Vector128Ops>(rows, w, taps, symmetry, output, width);
                break;
            default:
                Vertical<float, ScalarOps>(rows, w, taps, symmetry, output, width);
                break;
        }
    }

    public static void Horizontal(float* row, float* w, int taps, KernelSymmetry symmetry, float* output, int width)
    {
        switch (SimdCapabilities.Active)
        {
            case SimdLevel.Vector512 when width >= Vector512<float>.Count:
                Horizontal<Vector512<float>, Vector512Ops>(row, w, taps, symmetry, output, width);
                break;
            case >= SimdLevel.Vector256 when width >= Vector256<float>.Count:
                Horizontal<Vector256<float>, Vector256Ops>(row, w, taps, symmetry, output, width);
                break;
            case >= SimdLevel.Vector128 when width >= Vector128<float>.Count:
                Horizontal<Vector128<float>, Vector128Ops>(row, w, taps, symmetry, output, width);
                break;
            default:
                Horizontal<float, ScalarOps>(row, w, taps, symmetry, output, width);
                break;
        }
    }

    // Requires width >= TOps.Count. Output never aliases the input rows, so the overlapping last
    // vector recomputes identical values.
    private static void Vertical<TV, TOps>(float** rows, float* w, int taps, KernelSymmetry symmetry, float* output, int width)
        where TV : unmanaged
        where TOps : struct, IVectorOps<TV>
    {
        int c = TOps.Count;
        int last = width - c;
        int mid = taps / 2;
        for (int x = 0; ; x += c)
        {
            if (x > last)
            {
                x = last;
            }

            TV acc;
            if (symmetry == KernelSymmetry.Symmetric)
            {
                acc = TOps.Multiply(TOps.Broadcast(w[mid]), TOps.Load(in rows[mid][x], 0));
                for (int k = 1; k <= mid; k++)
                {
                    TV pair = TOps.Add(TOps.Load(in rows[mid - k][x], 0), TOps.Load(in rows[mid + k][x], 0));
                    acc = TOps.MultiplyAdd(TOps.Broadcast(w[mid - k]), pair, acc);
                }
            }
            else if (symmetry == KernelSymmetry.Antisymmetric)
            {
                // scipy starts from x0·w_c although w_c is 0: without that term a flat run gives −0 (e.g.
                // (a − a)·−1) where scipy gives +0, so the float32 bytes (.npy) would differ from scipy's.
                acc = TOps.Multiply(TOps.Broadcast(w[mid]), TOps.Load(in rows[mid][x], 0));
                for (int k = 1; k <= mid; k++)
                {
                    TV pair = TOps.Subtract(TOps.Load(in rows[mid - k][x], 0), TOps.Load(in rows[mid + k][x], 0));
                    acc = TOps.MultiplyAdd(TOps.Broadcast(w[mid - k]), pair, acc);
                }
            }
            else
            {
                acc = TOps.Multiply(TOps.Broadcast(w[0]), TOps.Load(in rows[0][x], 0));
                for (int k = 1; k < taps; k++)
                {
                    acc = TOps.MultiplyAdd(TOps.Broadcast(w[k]), TOps.Load(in rows[k][x], 0), acc);
                }
            }

            TOps.Store(acc, ref output[x], 0);
            if (x == last)
            {
                break;
            }
        }
    }

    // row[0] is the virtual sample x - left of output 0; the row holds width + taps - 1 samples.
    private static void Horizontal<TV, TOps>(float* row, float* w, int taps, KernelSymmetry symmetry, float* output, int width)
        where TV : unmanaged
        where TOps : struct, IVectorOps<TV>
    {
        int c = TOps.Count;
        int last = width - c;
        int mid = taps / 2;
        for (int x = 0; ; x += c)
        {
            if (x > last)
            {
                x = last;
            }

            float* p = row + x;
            TV acc;
            if (symmetry == KernelSymmetry.Symmetric)
            {
                acc = TOps.Multiply(TOps.Broadcast(w[mid]), TOps.Load(in p[mid], 0));
                for (int k = 1; k <= mid; k++)
                {
                    TV pair = TOps.Add(TOps.Load(in p[mid - k], 0), TOps.Load(in p[mid + k], 0));
                    acc = TOps.MultiplyAdd(TOps.Broadcast(w[mid - k]), pair, acc);
                }
            }
            else if (symmetry == KernelSymmetry.Antisymmetric)
            {
                // x0·w_c first, as scipy (the sign of a zero result; see Vertical).
                acc = TOps.Multiply(TOps.Broadcast(w[mid]), TOps.Load(in p[mid], 0));
                for (int k = 1; k <= mid; k++)
                {
                    TV pair = TOps.Subtract(TOps.Load(in p[mid - k], 0), TOps.Load(in p[mid + k], 0));
                    acc = TOps.MultiplyAdd(TOps.Broadcast(w[mid - k]), pair, acc);
                }
            }
            else
            {
                acc = TOps.Multiply(TOps.Broadcast(w[0]), TOps.Load(in p[0], 0));
                for (int k = 1; k < taps; k++)
                {
                    acc = TOps.MultiplyAdd(TOps.Broadcast(w[k]), TOps.Load(in p[k], 0), acc);
                }
            }

            TOps.Store(acc, ref output[x], 0);
            if (x == last)
            {
                break;
            }
        }
    }

    /// <summary>Vertical pass in float64 arithmetic with the kernel's float64 weights (high-gain kernels only).</summary>
    public static void VerticalPrecise(float** rows, Kernel1D k, float* output, int width)
    {
        ReadOnlySpan<double> exact = k.ExactWeights;
        ReadOnlySpan<float> single = k.Weights;
        int taps = single.Length;
        for (int x = 0; x < width; x++)
        {
            double acc = 0;
            for (int t = 0; t < taps; t++)
            {
                acc += (exact.IsEmpty ? single[t] : exact[t]) * rows[t][x];
            }

            output[x] = (float)acc;
        }
    }

    /// <summary>Horizontal pass in float64 arithmetic with the kernel's float64 weights (high-gain kernels only).</summary>
    public static void HorizontalPrecise(float* row, Kernel1D k, float* output, int width)
    {
        ReadOnlySpan<double> w = k.ExactWeights;
        if (w.IsEmpty)
        {
            // The other axis was the high-gain one; this kernel's float weights are exact.
            ReadOnlySpan<float> f = k.Weights;
            for (int x = 0; x < width; x++)
            {
                double acc = 0;
                for (int t = 0; t < f.Length; t++)
                {
                    acc += f[t] * (double)row[x + t];
                }

                output[x] = (float)acc;
            }

            return;
        }

        for (int x = 0; x < width; x++)
        {
            double acc = 0;
            for (int t = 0; t < w.Length; t++)
            {
                acc += w[t] * row[x + t];
            }

            output[x] = (float)acc;
        }
    }
}

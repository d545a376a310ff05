using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.ScipyCast;

/// <summary>
/// Element-wise float64 row operations, each the very IEEE operation scipy performs per sample, in the same
/// order: vectorising across independent output samples keeps every result bit-identical to scipy's scalar loop.
/// </summary>
/// <remarks>
/// Multiplications and additions stay separate (no fused multiply-add: it would round once instead of twice and
/// change the last bit). <see cref="Vector{T}"/> lanes hold consecutive samples; the tail runs the scalar form of
/// the same expression. Spans may overlap only where the output is also an input at the same index.
/// </remarks>
internal static class RowArithmetic
{
    /// <summary>acc[i] = a[i] · w.</summary>
    public static void Multiply(Span<double> acc, ReadOnlySpan<double> a, double w)
    {
        int i = 0;
        ref double pa = ref MemoryMarshal.GetReference(a);
        ref double pc = ref MemoryMarshal.GetReference(acc);
        if (Vector.IsHardwareAccelerated)
        {
            var vw = new Vector<double>(w);
            for (; i <= acc.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                (Vector.LoadUnsafe(ref pa, (nuint)i) * vw).StoreUnsafe(ref pc, (nuint)i);
            }
        }

        for (; i < acc.Length; i++)
        {
            Unsafe.Add(ref pc, i) = Unsafe.Add(ref pa, i) * w;
        }
    }

    /// <summary>acc[i] += a[i] · w.</summary>
    public static void AddProduct(Span<double> acc, ReadOnlySpan<double> a, double w)
    {
        int i = 0;
        ref double pa = ref MemoryMarshal.GetReference(a);
        ref double pc = ref MemoryMarshal.GetReference(acc);
        if (Vector.IsHardwareAccelerated)
        {
            var vw = new Vector<double>(w);
            for (; i <= acc.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                (Vector.LoadUnsafe(ref pc, (nuint)i) + (Vector.LoadUnsafe(ref pa, (nuint)i) * vw)).StoreUnsafe(ref pc, (nuint)i);
            }
        }

        for (; i < acc.Length; i++)
        {
            Unsafe.Add(ref pc, i) += Unsafe.Add(ref pa, i) * w;
        }
    }

    /// <summary>acc[i] += (a[i] + b[i]) · w (scipy's symmetric 1-D kernels).</summary>
    public static void AddSumProduct(Span<double> acc, ReadOnlySpan<double> a, ReadOnlySpan<double> b, double w)
    {
        int i = 0;
        ref double pa = ref MemoryMarshal.GetReference(a);
        ref double pb = ref MemoryMarshal.GetReference(b);
        ref double pc = ref MemoryMarshal.GetReference(acc);
        if (Vector.IsHardwareAccelerated)
        {
            var vw = new Vector<double>(w);
            for (; i <= acc.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector<double> s = Vector.LoadUnsafe(ref pa, (nuint)i) + Vector.LoadUnsafe(ref pb, (nuint)i);
                (Vector.LoadUnsafe(ref pc, (nuint)i) + (s * vw)).StoreUnsafe(ref pc, (nuint)i);
            }
        }

        for (; i < acc.Length; i++)
        {
            Unsafe.Add(ref pc, i) += (Unsafe.Add(ref pa, i) + Unsafe.Add(ref pb, i)) * w;
        }
    }

    /// <summary>acc[i] += (a[i] − b[i]) · w (scipy's antisymmetric 1-D kernels).</summary>
    public static void AddDifferenceProduct(Span<double> acc, ReadOnlySpan<double> a, ReadOnlySpan<double> b, double w)
    {
        int i = 0;
        ref double pa = ref MemoryMarshal.GetReference(a);
        ref double pb = ref MemoryMarshal.GetReference(b);
        ref double pc = ref MemoryMarshal.GetReference(acc);
        if (Vector.IsHardwareAccelerated)
        {
            var vw = new Vector<double>(w);
            for (; i <= acc.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector<double> d = Vector.LoadUnsafe(ref pa, (nuint)i) - Vector.LoadUnsafe(ref pb, (nuint)i);
                (Vector.LoadUnsafe(ref pc, (nuint)i) + (d * vw)).StoreUnsafe(ref pc, (nuint)i);
            }
        }

        for (; i < acc.Length; i++)
        {
            Unsafe.Add(ref pc, i) += (Unsafe.Add(ref pa, i) - Unsafe.Add(ref pb, i)) * w;
        }
    }

    /// <summary>acc[i] += a[i] − b[i] (the running sum of scipy's uniform filter: the difference first).</summary>
    public static void AddDifference(Span<double> acc, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0;
        ref double pa = ref MemoryMarshal.GetReference(a);
        ref double pb = ref MemoryMarshal.GetReference(b);
        ref double pc = ref MemoryMarshal.GetReference(acc);
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= acc.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                (Vector.LoadUnsafe(ref pc, (nuint)i) + (Vector.LoadUnsafe(ref pa, (nuint)i) - Vector.LoadUnsafe(ref pb, (nuint)i))).StoreUnsafe(ref pc, (nuint)i);
            }
        }

        for (; i < acc.Length; i++)
        {
            Unsafe.Add(ref pc, i) += Unsafe.Add(ref pa, i) - Unsafe.Add(ref pb, i);
        }
    }

    /// <summary>acc[i] += a[i].</summary>
    public static void Add(Span<double> acc, ReadOnlySpan<double> a) =>
        System.Numerics.Tensors.TensorPrimitives.Add(acc, a, acc);

    /// <summary>q[i] = acc[i] / d (division, not multiplication by 1/d, as scipy).</summary>
    public static void Divide(ReadOnlySpan<double> acc, double d, Span<double> q) =>
        System.Numerics.Tensors.TensorPrimitives.Divide(acc, d, q);
}

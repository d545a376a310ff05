using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Intensity;

/// <summary>
/// Thresholding with NumPy's <c>np.where</c>: keep the pixels that pass a comparison (<see cref="Keep{T}"/>)
/// or mark them with 1 (<see cref="Mask{T}"/>).
/// </summary>
/// <remarks>
/// The comparison follows NumPy 1.24 with a Python float threshold: exact for 8/16-bit images (float64
/// comparison), float32 for float32 images (the threshold is rounded to float32 first; e.g. a float32 0.1
/// is not &gt; 0.1). NaN pixels match only <see cref="CompareOp.NotEqual"/>. Element-wise SIMD with an
/// overlapping last vector that is loaded before the first store, so source and destination may be the
/// same buffer.
/// </remarks>
public static partial class Where
{
    /// <summary><c>np.where(x op t, x, 0)</c>: the pixel where the comparison holds, else 0, in the source type.</summary>
    /// <remarks><c>out_i = (x_i op t) ? x_i : 0</c>. NumPy keeps the input dtype (uint8 stays uint8). Source and destination may be the same buffer.</remarks>
    public static void Keep<T>(ReadOnlyImageSpan<T> source, CompareOp op, double threshold, ImageSpan<T> destination)
        where T : unmanaged
    {
        ImageRows.EnsureSupported<T>();
        ImageSpanValidation.SameSize(source, destination);
        var range = ThresholdRange<T>.Create(op, threshold);
        int spans = ImageRows.Count(source, destination);
        for (int r = 0; r < spans; r++)
        {
            ReadOnlySpan<T> src = ImageRows.GetSource(source, destination, r);
            Span<T> dst = ImageRows.GetDestination(source, destination, r);
            switch (range.Outcome)
            {
                case ThresholdOutcome.None:
                    dst.Clear();
                    break;
                case ThresholdOutcome.All:
                    src.CopyTo(dst);
                    break;
                default:
                    KeepRow(src, dst, range);
                    break;
            }
        }
    }

    /// <summary>out = x &amp; match(x) lane by lane.</summary>
    internal static void KeepRow<T>(ReadOnlySpan<T> source, Span<T> destination, in ThresholdRange<T> range)
        where T : unmanaged
    {
        ref T s = ref MemoryMarshal.GetReference(source);
        ref T d = ref MemoryMarshal.GetReference(destination);
        int n = source.Length;
        SimdLevel level = SimdCapabilities.Active;
        if (Vector512.IsHardwareAccelerated && level >= SimdLevel.Vector512 && n >= Vector512<T>.Count)
        {
            int last = n - Vector512<T>.Count;
            Vector512<T> tail = Vector512.LoadUnsafe(ref s, (nuint)last);
            for (int i = 0; i < last; i += Vector512<T>.Count)
            {
                Vector512<T> v = Vector512.LoadUnsafe(ref s, (nuint)i);
                (v & range.Matches(v)).StoreUnsafe(ref d, (nuint)i);
            }

            (tail & range.Matches(tail)).StoreUnsafe(ref d, (nuint)last);
            return;
        }

        if (Vector256.IsHardwareAccelerated && level >= SimdLevel.Vector256 && n >= Vector256<T>.Count)
        {
            int last = n - Vector256<T>.Count;
            Vector256<T> tail = Vector256.LoadUnsafe(ref s, (nuint)last);
            for (int i = 0; i < last; i += Vector256<T>.Count)
            {
                Vector256<T> v = Vector256.LoadUnsafe(ref s, (nuint)i);
                (v & range.Matches(v)).StoreUnsafe(ref d, (nuint)i);
            }

            (tail & range.Matches(tail)).StoreUnsafe(ref d, (nuint)last);
            return;
        }

        if (Vector128.IsHardwareAccelerated && level >= SimdLevel.Vector128 && n >= Vector128<T>.Count)
        {
            int last = n - Vector128<T>.Count;
            Vector128<T> tail = Vector128.LoadUnsafe(ref s, (nuint)last);
            for (int i = 0; i < last; i += Vector128<T>.Count)
            {
                Vector128<T> v = Vector128.LoadUnsafe(ref s, (nuint)i);
                (v & range.Matches(v)).StoreUnsafe(ref d, (nuint)i);
            }

            (tail & range.Matches(tail)).StoreUnsafe(ref d, (nuint)last);
            return;
        }

        for (int i = 0; i < n; i++)
        {
            T v = Unsafe.Add(ref s, i);
            Unsafe.Add(ref d, i) = range.Matches(v) ? v : default;
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastXray.Color;

namespace FastXray.Cli.Pipeline;

/// <summary>
/// The documented rule that turns a float32 result into 8- or 16-bit PNG samples (top = 255 or 65535).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>auto</c> (default): when every finite value lies in 0..top the values are written as they are,
/// rounded half to even (so a filter that keeps the input range, or an 8-bit image passed through, is written
/// unchanged). Otherwise the finite values are min-max scaled, <c>round_half_even((v - min) * top / (max - min))</c>
/// computed in double. A constant image outside the range is clipped instead (there is no range to scale).</item>
/// <item><c>clip</c>: <c>round_half_even(clamp(v, 0, top))</c>.</item>
/// <item><c>none</c>: NumPy's <c>astype(uint8|uint16)</c> on x86-64, which scipy uses for integer outputs:
/// truncate toward zero, then wrap modulo 2^bits (-3 → 253); values with |v| ≥ 2^31 give 0.</item>
/// </list>
/// In every mode NaN becomes 0; in <c>auto</c> and <c>clip</c>, -∞ becomes 0 and +∞ becomes top, and infinities
/// do not take part in the min/max.
/// </remarks>
internal static class SampleScaler
{
    /// <summary>Converts to 8-bit samples (dense, row-major).</summary>
    public static byte[] ToUInt8(ReadOnlyImageSpan<float> image, ScaleMode mode)
    {
        var result = new byte[image.PixelCount];
        Convert<byte>(image, mode, result);
        return result;
    }

    /// <summary>Converts to 16-bit samples (dense, row-major).</summary>
    public static ushort[] ToUInt16(ReadOnlyImageSpan<float> image, ScaleMode mode)
    {
        var result = new ushort[image.PixelCount];
        Convert<ushort>(image, mode, result);
        return result;
    }

    private static void Convert<T>(ReadOnlyImageSpan<float> image, ScaleMode mode, Span<T> destination)
        where T : unmanaged
    {
        uint top = typeof(T) == typeof(byte) ? 255u : 65535u;

        // The finite range (Colormap.AutoRange is exactly that: (0, 0) when nothing is finite, which never scales).
        (double min, double max) = Colormap.AutoRange(image);
        bool scale = mode == ScaleMode.Auto && (min < 0 || max > top) && max > min;
        double range = max - min;
        int width = image.Width;
        for (int y = 0; y < image.Height; y++)
        {
            // A 16384² conversion takes a second or more on a loaded machine.
            if ((y & 63) == 0)
            {
                FastXray.Threading.KernelCancellation.ThrowIfRequested();
            }

            ReadOnlySpan<float> row = image.Row(y);
            Span<T> dst = destination.Slice(y * width, width);
            int done = !scale && mode != ScaleMode.None ? RoundClamp(row, dst, top) : 0;
            for (int x = done; x < row.Length; x++)
            {
                float f = row[x];
                uint q;
                if (float.IsNaN(f))
                {
                    q = 0;
                }
                else if (mode == ScaleMode.None)
                {
                    // scipy/NumPy cast: truncate, then keep the low bits. Checked explicitly because .NET's own
                    // double-to-int conversion saturates, unlike the x86 instruction NumPy relies on.
                    double t = Math.Truncate(f);
                    q = Math.Abs(t) < 2147483648.0 ? (uint)(int)t & top : 0;
                }
                else if (float.IsInfinity(f))
                {
                    q = f > 0 ? top : 0;
                }
                else
                {
                    double v = scale ? (f - min) * top / range : f;
                    q = (uint)Math.Round(Math.Clamp(v, 0, top), MidpointRounding.ToEven);
                }

                if (typeof(T) == typeof(byte))
                {
                    Unsafe.As<T, byte>(ref dst[x]) = (byte)q;
                }
                else
                {
                    Unsafe.As<T, ushort>(ref dst[x]) = (ushort)q;
                }
            }
        }
    }

    // round_half_even(clamp(v, 0, top)), NaN -> 0, for whole vectors of the row; returns how many samples it wrote
    // (the rest go through the scalar loop). The same IEEE operations as the scalar path in float32: clamping and
    // rounding an exactly representable float give the same integer as in double; ±inf clamp to 0 and top.
    private static int RoundClamp<T>(ReadOnlySpan<float> row, Span<T> destination, uint top)
        where T : unmanaged
    {
        if (!Vector128.IsHardwareAccelerated)
        {
            return 0;
        }

        ref float src = ref MemoryMarshal.GetReference(row);
        int n = Vector128<float>.Count;
        int block = typeof(T) == typeof(byte) ? 4 * n : 2 * n;
        int x = 0;
        for (; x + block <= row.Length; x += block)
        {
            Vector128<int> a = Quantize(Vector128.LoadUnsafe(ref src, (nuint)x), top);
            Vector128<int> b = Quantize(Vector128.LoadUnsafe(ref src, (nuint)(x + n)), top);
            Vector128<ushort> ab = Vector128.Narrow(a, b).AsUInt16();
            if (typeof(T) == typeof(byte))
            {
                Vector128<int> c = Quantize(Vector128.LoadUnsafe(ref src, (nuint)(x + (2 * n))), top);
                Vector128<int> d = Quantize(Vector128.LoadUnsafe(ref src, (nuint)(x + (3 * n))), top);
                Vector128.Narrow(ab, Vector128.Narrow(c, d).AsUInt16()).StoreUnsafe(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(destination)), (nuint)x);
            }
            else
            {
                ab.StoreUnsafe(ref Unsafe.As<T, ushort>(ref MemoryMarshal.GetReference(destination)), (nuint)x);
            }
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Quantize(Vector128<float> v, uint top)
    {
        Vector128<float> clamped = Vector128.Min(Vector128.Max(v, Vector128<float>.Zero), Vector128.Create((float)top));
        return Vector128.ConvertToInt32(Vector128.Round(clamped)) & Vector128.Equals(v, v).AsInt32();
    }
}

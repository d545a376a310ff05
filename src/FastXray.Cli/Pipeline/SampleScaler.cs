using System.Runtime.CompilerServices;

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
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        for (int y = 0; y < image.Height; y++)
        {
            foreach (float v in image.Row(y))
            {
                if (float.IsFinite(v))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }
        }

        bool scale = mode == ScaleMode.Auto && min <= max && (min < 0 || max > top) && max > min;
        double range = max - min;
        int i = 0;
        for (int y = 0; y < image.Height; y++)
        {
            foreach (float f in image.Row(y))
            {
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
                    Unsafe.As<T, byte>(ref destination[i++]) = (byte)q;
                }
                else
                {
                    Unsafe.As<T, ushort>(ref destination[i++]) = (ushort)q;
                }
            }
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Imaging.Png;

/// <summary>zlib's Adler-32 checksum (RFC 1950 §8.2), used to verify the inflated IDAT stream ourselves.</summary>
/// <remarks>
/// s1 = 1 + Σ x_i, s2 = Σ s1 after each byte, both mod 65521; checksum = s2·65536 + s1.
/// We check it ourselves because the BCL's ZLibStream silently accepts a stream cut off before its
/// checksum (it only verifies one that is present).
/// Vector form over a chunk of N bytes x_0..x_{N-1}: s1 += Σ x_i and s2 += N·s1 + Σ (N−i)·x_i. Lanes
/// accumulate Σ x (vs1), Σ weight·x (vs2) and the running Σ of earlier chunks' s1 contributions (vps);
/// bytes widen to 16-bit lanes for the weight multiply (≤ 255·32·2 fits) and to 32-bit lanes to accumulate.
/// Blocks stay under zlib's NMAX (5552 bytes) so no 32-bit sum overflows before the modulo.
/// </remarks>
internal static class Adler32
{
    private const uint Modulus = 65521;
    private const int NMax = 5552;

    /// <summary>Continues a checksum (1 to start) over <paramref name="data"/>.</summary>
    public static uint Append(uint adler, ReadOnlySpan<byte> data)
    {
        uint s1 = adler & 0xFFFF;
        uint s2 = adler >> 16;
        ref byte p = ref MemoryMarshal.GetReference(data);
        int n = data.Length;
        int i = 0;
        while (i < n)
        {
            int block = Math.Min(n - i, NMax);
            int end = i + block;
            if (Vector256.IsHardwareAccelerated && block >= Vector256<byte>.Count)
            {
                i = Vector256Block(ref p, i, end, ref s1, ref s2);
            }
            else if (Vector128.IsHardwareAccelerated && block >= Vector128<byte>.Count)
            {
                i = Vector128Block(ref p, i, end, ref s1, ref s2);
            }

            for (; i < end; i++)
            {
                s1 += Unsafe.Add(ref p, i);
                s2 += s1;
            }

            s1 %= Modulus;
            s2 %= Modulus;
        }

        return (s2 << 16) | s1;
    }

    /// <summary>Processes whole 32-byte chunks of [start, end); returns where it stopped.</summary>
    private static int Vector256Block(ref byte p, int start, int end, ref uint s1, ref uint s2)
    {
        const int N = 32;
        Vector256<ushort> weightLo = Vector256.Create((ushort)32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17);
        Vector256<ushort> weightHi = Vector256.Create((ushort)16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        Vector256<uint> vs1 = Vector256<uint>.Zero;
        Vector256<uint> vs2 = Vector256<uint>.Zero;
        Vector256<uint> vps = Vector256<uint>.Zero;
        int i = start;
        int chunks = 0;
        for (; i + N <= end; i += N, chunks++)
        {
            Vector256<byte> x = Vector256.LoadUnsafe(ref p, (nuint)i);
            (Vector256<ushort> lo, Vector256<ushort> hi) = Vector256.Widen(x);
            vps += vs1;
            (Vector256<uint> sLo, Vector256<uint> sHi) = Vector256.Widen(lo + hi);
            vs1 += sLo + sHi;
            (Vector256<uint> wLo, Vector256<uint> wHi) = Vector256.Widen((lo * weightLo) + (hi * weightHi));
            vs2 += wLo + wHi;
        }

        s2 += ((uint)(chunks * N) * s1) + (N * Vector256.Sum(vps)) + Vector256.Sum(vs2);
        s1 += Vector256.Sum(vs1);
        return i;
    }

    private static int Vector128Block(ref byte p, int start, int end, ref uint s1, ref uint s2)
    {
        const int N = 16;
        Vector128<ushort> weightLo = Vector128.Create((ushort)16, 15, 14, 13, 12, 11, 10, 9);
        Vector128<ushort> weightHi = Vector128.Create((ushort)8, 7, 6, 5, 4, 3, 2, 1);
        Vector128<uint> vs1 = Vector128<uint>.Zero;
        Vector128<uint> vs2 = Vector128<uint>.Zero;
        Vector128<uint> vps = Vector128<uint>.Zero;
        int i = start;
        int chunks = 0;
        for (; i + N <= end; i += N, chunks++)
        {
            Vector128<byte> x = Vector128.LoadUnsafe(ref p, (nuint)i);
            (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(x);
            vps += vs1;
            (Vector128<uint> sLo, Vector128<uint> sHi) = Vector128.Widen(lo + hi);
            vs1 += sLo + sHi;
            (Vector128<uint> wLo, Vector128<uint> wHi) = Vector128.Widen((lo * weightLo) + (hi * weightHi));
            vs2 += wLo + wHi;
        }

        s2 += ((uint)(chunks * N) * s1) + (N * Vector128.Sum(vps)) + Vector128.Sum(vs2);
        s1 += Vector128.Sum(vs1);
        return i;
    }
}

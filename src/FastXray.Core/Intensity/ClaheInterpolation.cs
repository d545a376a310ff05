using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastXray.Intensity;

/// <summary>CLAHE step 2: bilinear blending of the four nearest tile LUTs, bit-exact with OpenCV's float32 order.</summary>
/// <remarks>
/// Per column the two LUT offsets and weights (OpenCV's ind1_p/ind2_p/xa_p/xa1_p) are tabulated once; per row the
/// two LUT planes and ya follow. The LUTs hold floats (integral values) so the AVX2 path can fetch the four entries
/// of 8 pixels with four 32-bit gathers, then evaluate <c>(l11*xa1 + l12*xa)*ya1 + (l21*xa1 + l22*xa)*ya</c> with
/// separate multiplies and adds (no FMA, which would change the last bit), round with cvtps2dq (nearest, ties to
/// even, as cvRound) and narrow. There is no portable gather, and none for 512 bits in .NET 9, so other ISAs and the
/// last width % 8 pixels take the scalar path, which is the reference.
/// </remarks>
internal static unsafe class ClaheInterpolation
{
    public static void Apply<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination, in ClaheGrid grid, float[] luts)
        where T : unmanaged
    {
        int width = source.Width;
        int bins = grid.Bins;
        int shift = typeof(T) == typeof(byte) ? 0 : 16 - System.Numerics.BitOperations.Log2((uint)bins);
        int top = typeof(T) == typeof(byte) ? byte.MaxValue : ushort.MaxValue;

        // 8-bit with AVX2: the four LUT bytes of a pixel live in one uint of a per-band table, so one 32-bit gather
        // replaces four. Column x uses pair (tx1 + 1) where tx1 in [-1, tilesX - 1] is the unclamped left tile.
        bool packed = typeof(T) == typeof(byte) && Avx2.IsSupported;
        int pairs = grid.TilesX + 1;
        int[] indices = ArrayPool<int>.Shared.Rent(3 * width);
        float[] weights = ArrayPool<float>.Shared.Rent(2 * width);
        uint[] table = ArrayPool<uint>.Shared.Rent(packed ? pairs * 256 : 1);
        try
        {
            Span<int> pairBase = indices.AsSpan(2 * width, width);
            Span<int> ind1 = indices.AsSpan(0, width);
            Span<int> ind2 = indices.AsSpan(width, width);
            Span<float> xa = weights.AsSpan(0, width);
            Span<float> xa1 = weights.AsSpan(width, width);
            float invTw = 1.0f / grid.TileWidth;
            for (int x = 0; x < width; x++)
            {
                float txf = (x * invTw) - 0.5f;
                int tx1 = (int)MathF.Floor(txf);
                int tx2 = tx1 + 1;
                xa[x] = txf - tx1;
                xa1[x] = 1.0f - xa[x];
                ind1[x] = Math.Max(tx1, 0) * bins;
                ind2[x] = Math.Min(tx2, grid.TilesX - 1) * bins;
                pairBase[x] = (tx1 + 1) * 256;
            }

            float invTh = 1.0f / grid.TileHeight;
            int planeSize = grid.TilesX * bins;
            int bandTy1 = -1;
            int bandTy2 = -1;
            fixed (float* lut = luts)
            fixed (uint* tab = table)
            {
                for (int y = 0; y < source.Height; y++)
                {
                    float tyf = (y * invTh) - 0.5f;
                    int ty1 = (int)MathF.Floor(tyf);
                    int ty2 = ty1 + 1;
                    float ya = tyf - ty1;
                    float ya1 = 1.0f - ya;
                    ty1 = Math.Max(ty1, 0);
                    ty2 = Math.Min(ty2, grid.TilesY - 1);
                    float* plane1 = lut + ((long)ty1 * planeSize);
                    float* plane2 = lut + ((long)ty2 * planeSize);
                    var row = new RowContext(plane1, plane2, ya, ya1, shift, top);
                    int done = 0;
                    if (packed)
                    {
                        if (ty1 != bandTy1 || ty2 != bandTy2)
                        {
                            BuildPairTable(plane1, plane2, grid.TilesX, new Span<uint>(tab, pairs * 256));
                            (bandTy1, bandTy2) = (ty1, ty2);
                        }

                        done = RowPackedAvx2(MemoryMarshal.Cast<T, byte>(source.Row(y)), MemoryMarshal.Cast<T, byte>(destination.Row(y)), pairBase, xa, xa1, tab, row);
                    }
                    else if (Avx2.IsSupported)
                    {
                        done = RowAvx2(source.Row(y), destination.Row(y), ind1, ind2, xa, xa1, row);
                    }

                    RowScalar(source.Row(y), destination.Row(y), ind1, ind2, xa, xa1, row, done);
                }
            }
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(table);
            ArrayPool<float>.Shared.Return(weights);
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    /// <summary>The scalar reference, from column <paramref name="start"/> on.</summary>
    internal static void RowScalar<T>(ReadOnlySpan<T> src, Span<T> dst, ReadOnlySpan<int> ind1, ReadOnlySpan<int> ind2, ReadOnlySpan<float> xa, ReadOnlySpan<float> xa1, in RowContext row, int start)
        where T : unmanaged
    {
        for (int x = start; x < src.Length; x++)
        {
            T s = src[x];
            int v = typeof(T) == typeof(byte) ? Unsafe.As<T, byte>(ref s) : Unsafe.As<T, ushort>(ref s) >> row.Shift;
            int i1 = ind1[x] + v;
            int i2 = ind2[x] + v;
            float res = (((row.Plane1[i1] * xa1[x]) + (row.Plane1[i2] * xa[x])) * row.Ya1) +
                        (((row.Plane2[i1] * xa1[x]) + (row.Plane2[i2] * xa[x])) * row.Ya);
            int r = Math.Clamp((int)MathF.Round(res), 0, row.Top);
            if (typeof(T) == typeof(byte))
            {
                Unsafe.As<T, byte>(ref dst[x]) = (byte)r;
            }
            else
            {
                Unsafe.As<T, ushort>(ref dst[x]) = (ushort)r;
            }
        }
    }

    /// <summary>Eight pixels per step; returns how many columns it covered (a multiple of 8).</summary>
    private static int RowAvx2<T>(ReadOnlySpan<T> src, Span<T> dst, ReadOnlySpan<int> ind1, ReadOnlySpan<int> ind2, ReadOnlySpan<float> xa, ReadOnlySpan<float> xa1, in RowContext row)
        where T : unmanaged
    {
        int n = src.Length & ~7;
        Vector256<float> ya = Vector256.Create(row.Ya);
        Vector256<float> ya1 = Vector256.Create(row.Ya1);
        Vector256<int> zero = Vector256<int>.Zero;
        Vector256<int> top = Vector256.Create(row.Top);
        Vector128<int> shift = Vector128.CreateScalar(row.Shift);
        ref T s = ref MemoryMarshal.GetReference(src);
        ref T d = ref MemoryMarshal.GetReference(dst);
        ref int r1 = ref MemoryMarshal.GetReference(ind1);
        ref int r2 = ref MemoryMarshal.GetReference(ind2);
        ref float ra = ref MemoryMarshal.GetReference(xa);
        ref float ra1 = ref MemoryMarshal.GetReference(xa1);
        for (int x = 0; x < n; x += 8)
        {
            // Zero-extend 8 samples to 32-bit lanes (vpmovzxbd / vpmovzxwd).
            Vector256<int> v;
            if (typeof(T) == typeof(byte))
            {
                v = Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref s, x)))).AsByte());
            }
            else
            {
                v = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref Unsafe.As<T, ushort>(ref Unsafe.Add(ref s, x))));
                v = Avx2.ShiftRightLogical(v, shift);
            }

            Vector256<int> i1 = Vector256.LoadUnsafe(ref r1, (nuint)x) + v;
            Vector256<int> i2 = Vector256.LoadUnsafe(ref r2, (nuint)x) + v;
            Vector256<float> wa = Vector256.LoadUnsafe(ref ra, (nuint)x);
            Vector256<float> wa1 = Vector256.LoadUnsafe(ref ra1, (nuint)x);
            Vector256<float> l11 = Avx2.GatherVector256(row.Plane1, i1, 4);
            Vector256<float> l12 = Avx2.GatherVector256(row.Plane1, i2, 4);
            Vector256<float> l21 = Avx2.GatherVector256(row.Plane2, i1, 4);
            Vector256<float> l22 = Avx2.GatherVector256(row.Plane2, i2, 4);
            Vector256<float> res = (((l11 * wa1) + (l12 * wa)) * ya1) + (((l21 * wa1) + (l22 * wa)) * ya);
            Vector256<int> r = Vector256.Min(Vector256.Max(Avx.ConvertToVector256Int32(res), zero), top);

            // Narrow 8 x int32 to 8 x uint16 (and on to 8 bytes); values are already within range.
            Vector256<ushort> words = Vector256.Narrow(r.AsUInt32(), r.AsUInt32());
            if (typeof(T) == typeof(byte))
            {
                Vector256<byte> bytes = Vector256.Narrow(words, words);
                Unsafe.WriteUnaligned(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref d, x)), bytes.AsUInt64().ToScalar());
            }
            else
            {
                words.GetLower().StoreUnsafe(ref Unsafe.As<T, ushort>(ref Unsafe.Add(ref d, x)));
            }
        }

        return n;
    }

    /// <summary>Entry (pair j, value v) = LUT bytes l11 | l12 &lt;&lt; 8 | l21 &lt;&lt; 16 | l22 &lt;&lt; 24 for left tile j - 1 and right tile j, clamped.</summary>
    private static void BuildPairTable(float* plane1, float* plane2, int tilesX, Span<uint> table)
    {
        for (int j = 0; j <= tilesX; j++)
        {
            int t1 = Math.Max(j - 1, 0) * 256;
            int t2 = Math.Min(j, tilesX - 1) * 256;
            Span<uint> entries = table.Slice(j * 256, 256);
            for (int v = 0; v < 256; v++)
            {
                entries[v] = (uint)plane1[t1 + v] | ((uint)plane1[t2 + v] << 8) | ((uint)plane2[t1 + v] << 16) | ((uint)plane2[t2 + v] << 24);
            }
        }
    }

    /// <summary>8-bit AVX2 row: one gather per 8 pixels from the pair table, then the same float32 blend as <see cref="RowScalar{T}"/>.</summary>
    private static int RowPackedAvx2(ReadOnlySpan<byte> src, Span<byte> dst, ReadOnlySpan<int> pairBase, ReadOnlySpan<float> xa, ReadOnlySpan<float> xa1, uint* table, in RowContext row)
    {
        int n = src.Length & ~7;
        Vector256<float> ya = Vector256.Create(row.Ya);
        Vector256<float> ya1 = Vector256.Create(row.Ya1);
        Vector256<int> zero = Vector256<int>.Zero;
        Vector256<int> top = Vector256.Create(255);
        Vector256<int> lowByte = Vector256.Create(0xFF);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        ref int rb = ref MemoryMarshal.GetReference(pairBase);
        ref float ra = ref MemoryMarshal.GetReference(xa);
        ref float ra1 = ref MemoryMarshal.GetReference(xa1);
        for (int x = 0; x < n; x += 8)
        {
            Vector256<int> v = Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, x))).AsByte());
            Vector256<int> g = Avx2.GatherVector256((int*)table, Vector256.LoadUnsafe(ref rb, (nuint)x) + v, 4);
            Vector256<float> l11 = Vector256.ConvertToSingle(g & lowByte);
            Vector256<float> l12 = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(g, 8) & lowByte);
            Vector256<float> l21 = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(g, 16) & lowByte);
            Vector256<float> l22 = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(g, 24));
            Vector256<float> wa = Vector256.LoadUnsafe(ref ra, (nuint)x);
            Vector256<float> wa1 = Vector256.LoadUnsafe(ref ra1, (nuint)x);
            Vector256<float> res = (((l11 * wa1) + (l12 * wa)) * ya1) + (((l21 * wa1) + (l22 * wa)) * ya);
            Vector256<int> r = Vector256.Min(Vector256.Max(Avx.ConvertToVector256Int32(res), zero), top);
            Vector256<ushort> words = Vector256.Narrow(r.AsUInt32(), r.AsUInt32());
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, x), Vector256.Narrow(words, words).AsUInt64().ToScalar());
        }

        return n;
    }

    /// <summary>What one output row needs besides the per-column tables.</summary>
    internal readonly struct RowContext
    {
        public RowContext(float* plane1, float* plane2, float ya, float ya1, int shift, int top)
        {
            Plane1 = plane1;
            Plane2 = plane2;
            Ya = ya;
            Ya1 = ya1;
            Shift = shift;
            Top = top;
        }

        public float* Plane1 { get; }

        public float* Plane2 { get; }

        public float Ya { get; }

        public float Ya1 { get; }

        public int Shift { get; }

        public int Top { get; }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Intensity;

/// <summary>
/// Logical operations on 0/1 byte masks (NumPy's <c>&amp;</c>, <c>|</c>, <c>^</c>, <c>~</c> on boolean arrays):
/// any nonzero byte counts as true and the result is always 0 or 1.
/// </summary>
/// <remarks>
/// Lanes: bytes are clamped to 0/1 with an unsigned min against 1 (not: compared with 0), then combined
/// bitwise. Element-wise SIMD with an overlapping last vector loaded before the first store, so any operand
/// may be the destination.
/// </remarks>
public static class MaskLogic
{
    /// <summary><c>out = (a != 0) &amp; (b != 0)</c>, as 0/1.</summary>
    public static void And(ReadOnlyImageSpan<byte> a, ReadOnlyImageSpan<byte> b, ImageSpan<byte> destination) =>
        Apply<AndOperator>(a, b, destination);

    /// <summary><c>out = (a != 0) | (b != 0)</c>, as 0/1.</summary>
    public static void Or(ReadOnlyImageSpan<byte> a, ReadOnlyImageSpan<byte> b, ImageSpan<byte> destination) =>
        Apply<OrOperator>(a, b, destination);

    /// <summary><c>out = (a != 0) ^ (b != 0)</c>, as 0/1.</summary>
    public static void Xor(ReadOnlyImageSpan<byte> a, ReadOnlyImageSpan<byte> b, ImageSpan<byte> destination) =>
        Apply<XorOperator>(a, b, destination);

    /// <summary><c>out = (a == 0)</c>, as 0/1 (NumPy's <c>~</c> on a boolean mask).</summary>
    public static void Not(ReadOnlyImageSpan<byte> a, ImageSpan<byte> destination) =>
        Apply<NotOperator>(a, a, destination);

    private static void Apply<TOperator>(in ReadOnlyImageSpan<byte> a, in ReadOnlyImageSpan<byte> b, in ImageSpan<byte> destination)
        where TOperator : struct, IMaskOperator
    {
        ImageRows.EnsureSameSize(a, b, nameof(b));
        ImageSpanValidation.SameSize(a, destination);
        bool whole = a.IsContiguous && b.IsContiguous && destination.IsContiguous;
        int count = a.Width * a.Height;
        int spans = a.IsEmpty ? 0 : whole ? 1 : a.Height;
        for (int r = 0; r < spans; r++)
        {
            ReadOnlySpan<byte> x = whole ? a.Data[..count] : a.Row(r);
            ReadOnlySpan<byte> y = whole ? b.Data[..count] : b.Row(r);
            Span<byte> d = whole ? destination.Data[..count] : destination.Row(r);
            Row<TOperator>(x, y, d);
        }
    }

    internal static void Row<TOperator>(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination)
        where TOperator : struct, IMaskOperator
    {
        ref byte pa = ref MemoryMarshal.GetReference(a);
        ref byte pb = ref MemoryMarshal.GetReference(b);
        ref byte d = ref MemoryMarshal.GetReference(destination);
        int n = a.Length;
        SimdLevel level = SimdCapabilities.Active;
        if (Vector512.IsHardwareAccelerated && level >= SimdLevel.Vector512 && n >= Vector512<byte>.Count)
        {
            int last = n - Vector512<byte>.Count;
            Vector512<byte> tail = TOperator.Invoke(Vector512.LoadUnsafe(ref pa, (nuint)last), Vector512.LoadUnsafe(ref pb, (nuint)last));
            for (int i = 0; i < last; i += Vector512<byte>.Count)
            {
                TOperator.Invoke(Vector512.LoadUnsafe(ref pa, (nuint)i), Vector512.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }

            tail.StoreUnsafe(ref d, (nuint)last);
            return;
        }

        if (Vector256.IsHardwareAccelerated && level >= SimdLevel.Vector256 && n >= Vector256<byte>.Count)
        {
            int last = n - Vector256<byte>.Count;
            Vector256<byte> tail = TOperator.Invoke(Vector256.LoadUnsafe(ref pa, (nuint)last), Vector256.LoadUnsafe(ref pb, (nuint)last));
            for (int i = 0; i < last; i += Vector256<byte>.Count)
            {
                TOperator.Invoke(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }

            tail.StoreUnsafe(ref d, (nuint)last);
            return;
        }

        if (Vector128.IsHardwareAccelerated && level >= SimdLevel.Vector128 && n >= Vector128<byte>.Count)
        {
            int last = n - Vector128<byte>.Count;
            Vector128<byte> tail = TOperator.Invoke(Vector128.LoadUnsafe(ref pa, (nuint)last), Vector128.LoadUnsafe(ref pb, (nuint)last));
            for (int i = 0; i < last; i += Vector128<byte>.Count)
            {
                TOperator.Invoke(Vector128.LoadUnsafe(ref pa, (nuint)i), Vector128.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }

            tail.StoreUnsafe(ref d, (nuint)last);
            return;
        }

        for (int i = 0; i < n; i++)
        {
            Unsafe.Add(ref d, i) = TOperator.Invoke(Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i));
        }
    }
}

/// <summary>A lane-wise operation on two masks whose result is 0 or 1 per byte.</summary>
internal interface IMaskOperator
{
    static abstract byte Invoke(byte a, byte b);

    static abstract Vector128<byte> Invoke(Vector128<byte> a, Vector128<byte> b);

    static abstract Vector256<byte> Invoke(Vector256<byte> a, Vector256<byte> b);

    static abstract Vector512<byte> Invoke(Vector512<byte> a, Vector512<byte> b);
}

internal readonly struct AndOperator : IMaskOperator
{
    public static byte Invoke(byte a, byte b) => (byte)(Math.Min(a, (byte)1) & Math.Min(b, (byte)1));

    public static Vector128<byte> Invoke(Vector128<byte> a, Vector128<byte> b) => Vector128.Min(a, Vector128<byte>.One) & Vector128.Min(b, Vector128<byte>.One);

    public static Vector256<byte> Invoke(Vector256<byte> a, Vector256<byte> b) => Vector256.Min(a, Vector256<byte>.One) & Vector256.Min(b, Vector256<byte>.One);

    public static Vector512<byte> Invoke(Vector512<byte> a, Vector512<byte> b) => Vector512.Min(a, Vector512<byte>.One) & Vector512.Min(b, Vector512<byte>.One);
}

internal readonly struct OrOperator : IMaskOperator
{
    public static byte Invoke(byte a, byte b) => Math.Min((byte)(a | b), (byte)1);

    public static Vector128<byte> Invoke(Vector128<byte> a, Vector128<byte> b) => Vector128.Min(a | b, Vector128<byte>.One);

    public static Vector256<byte> Invoke(Vector256<byte> a, Vector256<byte> b) => Vector256.Min(a | b, Vector256<byte>.One);

    public static Vector512<byte> Invoke(Vector512<byte> a, Vector512<byte> b) => Vector512.Min(a | b, Vector512<byte>.One);
}

internal readonly struct XorOperator : IMaskOperator
{
    public static byte Invoke(byte a, byte b) => (byte)(Math.Min(a, (byte)1) ^ Math.Min(b, (byte)1));

    public static Vector128<byte> Invoke(Vector128<byte> a, Vector128<byte> b) => Vector128.Min(a, Vector128<byte>.One) ^ Vector128.Min(b, Vector128<byte>.One);

    public static Vector256<byte> Invoke(Vector256<byte> a, Vector256<byte> b) => Vector256.Min(a, Vector256<byte>.One) ^ Vector256.Min(b, Vector256<byte>.One);

    public static Vector512<byte> Invoke(Vector512<byte> a, Vector512<byte> b) => Vector512.Min(a, Vector512<byte>.One) ^ Vector512.Min(b, Vector512<byte>.One);
}

/// <summary>Ignores <c>b</c> (the driver passes <c>a</c> twice).</summary>
internal readonly struct NotOperator : IMaskOperator
{
    public static byte Invoke(byte a, byte b) => a == 0 ? (byte)1 : (byte)0;

    public static Vector128<byte> Invoke(Vector128<byte> a, Vector128<byte> b) => Vector128.Equals(a, Vector128<byte>.Zero) & Vector128<byte>.One;

    public static Vector256<byte> Invoke(Vector256<byte> a, Vector256<byte> b) => Vector256.Equals(a, Vector256<byte>.Zero) & Vector256<byte>.One;

    public static Vector512<byte> Invoke(Vector512<byte> a, Vector512<byte> b) => Vector512.Equals(a, Vector512<byte>.Zero) & Vector512<byte>.One;
}

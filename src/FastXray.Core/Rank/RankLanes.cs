using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastXray.Rank;

/// <summary>
/// One vector of lanes, so each rank and uniform kernel is written once and instantiated for
/// <see cref="Lanes512{T}"/>, <see cref="Lanes256{T}"/>, <see cref="Lanes128{T}"/> and the one-lane scalar
/// <see cref="Lanes1{T}"/>. The wrappers are single-field structs with inlined static members, so after the JIT
/// (or ILC) specialises a kernel for a struct type argument only the raw vector instructions remain.
/// </summary>
/// <remarks>
/// Lane types are the unsigned keys of the rank kernels (byte, ushort, uint; comparisons are unsigned) and
/// float/double for the uniform filter. Masks are all-ones lanes, as the Vector APIs return them.
/// </remarks>
internal interface ILanes<TSelf, T>
    where TSelf : struct, ILanes<TSelf, T>
    where T : unmanaged
{
    static abstract int Count { get; }

    static abstract TSelf Load(ref T source, nint offset);

    static abstract void Store(TSelf value, ref T destination, nint offset);

    static abstract TSelf Broadcast(T value);

    static abstract TSelf Min(TSelf a, TSelf b);

    static abstract TSelf Max(TSelf a, TSelf b);

    static abstract TSelf Add(TSelf a, TSelf b);

    static abstract TSelf Subtract(TSelf a, TSelf b);

    static abstract TSelf Multiply(TSelf a, TSelf b);

    static abstract TSelf Divide(TSelf a, TSelf b);

    static abstract TSelf LessThan(TSelf a, TSelf b);

    static abstract TSelf LessThanOrEqual(TSelf a, TSelf b);

    /// <summary>Lanes of <paramref name="a"/> where <paramref name="mask"/> is set, else of <paramref name="b"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf a, TSelf b);

    static abstract TSelf Or(TSelf a, TSelf b);
}

/// <summary>512-bit lanes.</summary>
internal readonly struct Lanes512<T> : ILanes<Lanes512<T>, T>
    where T : unmanaged
{
    private readonly Vector512<T> _v;

    private Lanes512(Vector512<T> v) => _v = v;

    public static int Count => Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Load(ref T source, nint offset) => new(Vector512.LoadUnsafe(ref source, (nuint)offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes512<T> value, ref T destination, nint offset) => value._v.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Broadcast(T value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Min(Lanes512<T> a, Lanes512<T> b) => new(Vector512.Min(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Max(Lanes512<T> a, Lanes512<T> b) => new(Vector512.Max(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Add(Lanes512<T> a, Lanes512<T> b) => new(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Subtract(Lanes512<T> a, Lanes512<T> b) => new(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Multiply(Lanes512<T> a, Lanes512<T> b) => new(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Divide(Lanes512<T> a, Lanes512<T> b) => new(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> LessThan(Lanes512<T> a, Lanes512<T> b) => new(Vector512.LessThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> LessThanOrEqual(Lanes512<T> a, Lanes512<T> b) => new(Vector512.LessThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Select(Lanes512<T> mask, Lanes512<T> a, Lanes512<T> b) => new(Vector512.ConditionalSelect(mask._v, a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Or(Lanes512<T> a, Lanes512<T> b) => new(a._v | b._v);
}

/// <summary>256-bit lanes.</summary>
internal readonly struct Lanes256<T> : ILanes<Lanes256<T>, T>
    where T : unmanaged
{
    private readonly Vector256<T> _v;

    private Lanes256(Vector256<T> v) => _v = v;

    public static int Count => Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Load(ref T source, nint offset) => new(Vector256.LoadUnsafe(ref source, (nuint)offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes256<T> value, ref T destination, nint offset) => value._v.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Broadcast(T value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Min(Lanes256<T> a, Lanes256<T> b) => new(Vector256.Min(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Max(Lanes256<T> a, Lanes256<T> b) => new(Vector256.Max(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Add(Lanes256<T> a, Lanes256<T> b) => new(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Subtract(Lanes256<T> a, Lanes256<T> b) => new(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Multiply(Lanes256<T> a, Lanes256<T> b) => new(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Divide(Lanes256<T> a, Lanes256<T> b) => new(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> LessThan(Lanes256<T> a, Lanes256<T> b) => new(Vector256.LessThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> LessThanOrEqual(Lanes256<T> a, Lanes256<T> b) => new(Vector256.LessThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Select(Lanes256<T> mask, Lanes256<T> a, Lanes256<T> b) => new(Vector256.ConditionalSelect(mask._v, a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Or(Lanes256<T> a, Lanes256<T> b) => new(a._v | b._v);
}

/// <summary>128-bit lanes.</summary>
internal readonly struct Lanes128<T> : ILanes<Lanes128<T>, T>
    where T : unmanaged
{
    private readonly Vector128<T> _v;

    private Lanes128(Vector128<T> v) => _v = v;

    public static int Count => Vector128<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Load(ref T source, nint offset) => new(Vector128.LoadUnsafe(ref source, (nuint)offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes128<T> value, ref T destination, nint offset) => value._v.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Broadcast(T value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Min(Lanes128<T> a, Lanes128<T> b) => new(Vector128.Min(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Max(Lanes128<T> a, Lanes128<T> b) => new(Vector128.Max(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Add(Lanes128<T> a, Lanes128<T> b) => new(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Subtract(Lanes128<T> a, Lanes128<T> b) => new(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Multiply(Lanes128<T> a, Lanes128<T> b) => new(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Divide(Lanes128<T> a, Lanes128<T> b) => new(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> LessThan(Lanes128<T> a, Lanes128<T> b) => new(Vector128.LessThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> LessThanOrEqual(Lanes128<T> a, Lanes128<T> b) => new(Vector128.LessThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Select(Lanes128<T> mask, Lanes128<T> a, Lanes128<T> b) => new(Vector128.ConditionalSelect(mask._v, a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Or(Lanes128<T> a, Lanes128<T> b) => new(a._v | b._v);
}

/// <summary>
/// One scalar lane: the reference path when no SIMD is accelerated (DOTNET_EnableHWIntrinsic=0). The
/// <c>typeof(T)</c> tests are JIT constants, so each instantiation keeps one branch.
/// </summary>
internal readonly struct Lanes1<T> : ILanes<Lanes1<T>, T>
    where T : unmanaged
{
    private readonly T _v;

    private Lanes1(T v) => _v = v;

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1<T> Load(ref T source, nint offset) => new(Unsafe.Add(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes1<T> value, ref T destination, nint offset) => Unsafe.Add(ref destination, offset) = value._v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1<T> Broadcast(T value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1<T> Min(Lanes1<T> a, Lanes1<T> b) => Less(a._v, b._v) ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1<T> Max(Lanes1<T> a, Lanes1<T> b) => Less(a._v, b._v) ? b : a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1<T> Add(Lanes1<T> a, Lanes1<T> b) => Arith(a._v, b._v, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1<T> Subtract(Lanes1<T> a, Lanes1<T> b) => Arith(a._v, b._v, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1<T> Multiply(Lanes1<T> a, Lanes1<T> b) => Arith(a._v, b._v, 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1<T> Divide(Lanes1<T> a, Lanes1<T> b) => Arith(a._v, b._v, 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1<T> LessThan(Lanes1<T> a, Lanes1<T> b) => Mask(Less(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1<T> LessThanOrEqual(Lanes1<T> a, Lanes1<T> b) => Mask(!Less(b._v, a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1<T> Select(Lanes1<T> mask, Lanes1<T> a, Lanes1<T> b) => IsSet(mask._v) ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1<T> Or(Lanes1<T> a, Lanes1<T> b)
    {
        T a1 = a._v;
        T b1 = b._v;
        if (typeof(T) == typeof(byte))
        {
            return Of((byte)(As<byte>(a1) | As<byte>(b1)));
        }

        if (typeof(T) == typeof(ushort))
        {
            return Of((ushort)(As<ushort>(a1) | As<ushort>(b1)));
        }

        if (typeof(T) == typeof(uint))
        {
            return Of(As<uint>(a1) | As<uint>(b1));
        }

        return Unsupported();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(T a, T b)
    {
        if (typeof(T) == typeof(byte))
        {
            return As<byte>(a) < As<byte>(b);
        }

        if (typeof(T) == typeof(ushort))
        {
            return As<ushort>(a) < As<ushort>(b);
        }

        if (typeof(T) == typeof(uint))
        {
            return As<uint>(a) < As<uint>(b);
        }

        if (typeof(T) == typeof(int))
        {
            return As<int>(a) < As<int>(b);
        }

        if (typeof(T) == typeof(float))
        {
            return As<float>(a) < As<float>(b);
        }

        if (typeof(T) == typeof(double))
        {
            return As<double>(a) < As<double>(b);
        }

        return UnsupportedCompare();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSet(T mask)
    {
        if (typeof(T) == typeof(byte))
        {
            return As<byte>(mask) != 0;
        }

        if (typeof(T) == typeof(ushort))
        {
            return As<ushort>(mask) != 0;
        }

        if (typeof(T) == typeof(uint) || typeof(T) == typeof(int) || typeof(T) == typeof(float))
        {
            return Unsafe.As<T, uint>(ref mask) != 0;
        }

        return Unsafe.As<T, ulong>(ref mask) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Lanes1<T> Mask(bool set)
    {
        if (typeof(T) == typeof(byte))
        {
            return Of(set ? byte.MaxValue : (byte)0);
        }

        if (typeof(T) == typeof(ushort))
        {
            return Of(set ? ushort.MaxValue : (ushort)0);
        }

        if (typeof(T) == typeof(uint) || typeof(T) == typeof(int) || typeof(T) == typeof(float))
        {
            uint bits = set ? uint.MaxValue : 0;
            return new(Unsafe.As<uint, T>(ref bits));
        }

        ulong wide = set ? ulong.MaxValue : 0;
        return new(Unsafe.As<ulong, T>(ref wide));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Lanes1<T> Arith(T a, T b, int op)
    {
        // Integer lanes wrap like the vector instructions (unchecked); float lanes are IEEE.
        if (typeof(T) == typeof(byte))
        {
            int x = As<byte>(a);
            int y = As<byte>(b);
            return Of(unchecked((byte)(op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y)));
        }

        if (typeof(T) == typeof(ushort))
        {
            int x = As<ushort>(a);
            int y = As<ushort>(b);
            return Of(unchecked((ushort)(op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y)));
        }

        if (typeof(T) == typeof(uint))
        {
            uint x = As<uint>(a);
            uint y = As<uint>(b);
            return Of(unchecked(op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y));
        }

        if (typeof(T) == typeof(int))
        {
            int x = As<int>(a);
            int y = As<int>(b);
            return Of(unchecked(op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y));
        }

        if (typeof(T) == typeof(float))
        {
            float x = As<float>(a);
            float y = As<float>(b);
            return Of(op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y);
        }

        if (typeof(T) == typeof(double))
        {
            double x = As<double>(a);
            double y = As<double>(b);
            return Of(op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y);
        }

        return Unsupported();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TTo As<TTo>(T value)
        where TTo : unmanaged => Unsafe.As<T, TTo>(ref value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Lanes1<T> Of<TFrom>(TFrom value)
        where TFrom : unmanaged => new(Unsafe.As<TFrom, T>(ref value));

    private static bool UnsupportedCompare()
    {
        ThrowHelper.ThrowNotSupportedType<T>();
        return false;
    }

    private static Lanes1<T> Unsupported()
    {
        ThrowHelper.ThrowNotSupportedType<T>();
        return default;
    }
}

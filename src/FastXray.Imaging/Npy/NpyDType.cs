namespace FastXray.Imaging.Npy;

/// <summary>The NumPy dtypes FastXray reads and writes (little-endian, C order).</summary>
public enum NpyDType
{
    /// <summary><c>|b1</c>, one byte 0 or 1.</summary>
    Bool,
    /// <summary><c>|u1</c>.</summary>
    UInt8,
    /// <summary><c>&lt;u2</c>.</summary>
    UInt16,
    /// <summary><c>&lt;i8</c>.</summary>
    Int64,
    /// <summary><c>&lt;f4</c>.</summary>
    Float32,
    /// <summary><c>&lt;f8</c>.</summary>
    Float64,

    /// <summary><c>&lt;f2</c> (IEEE half): what NumPy gives for <c>np.hypot</c> of two uint8 arrays, so the
    /// tutorial-compatible Sobel panel can be saved with its own dtype.</summary>
    Float16,
}

/// <summary>Descriptor strings and element sizes of <see cref="NpyDType"/>.</summary>
public static class NpyDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int Size(this NpyDType type) => type switch
    {
        NpyDType.Bool or NpyDType.UInt8 => 1,
        NpyDType.UInt16 or NpyDType.Float16 => 2,
        NpyDType.Float32 => 4,
        _ => 8,
    };

    /// <summary>NumPy's <c>descr</c> string.</summary>
    public static string Descr(this NpyDType type) => type switch
    {
        NpyDType.Bool => "|b1",
        NpyDType.UInt8 => "|u1",
        NpyDType.UInt16 => "<u2",
        NpyDType.Int64 => "<i8",
        NpyDType.Float32 => "<f4",
        NpyDType.Float16 => "<f2",
        _ => "<f8",
    };

    /// <summary>Parses a <c>descr</c>; <c>|</c> and <c>&lt;</c> are both accepted for one-byte types.</summary>
    public static bool TryParse(string descr, out NpyDType type)
    {
        switch (descr)
        {
            case "|b1" or "<b1" or "b1": type = NpyDType.Bool; return true;
            case "|u1" or "<u1" or "u1": type = NpyDType.UInt8; return true;
            case "<u2": type = NpyDType.UInt16; return true;
            case "<i8": type = NpyDType.Int64; return true;
            case "<f4": type = NpyDType.Float32; return true;
            case "<f8": type = NpyDType.Float64; return true;
            case "<f2": type = NpyDType.Float16; return true;
            default: type = default; return false;
        }
    }

    /// <summary>The dtype stored for a CLR element type.</summary>
    public static NpyDType For<T>()
        where T : unmanaged =>
        typeof(T) == typeof(bool) ? NpyDType.Bool
        : typeof(T) == typeof(byte) ? NpyDType.UInt8
        : typeof(T) == typeof(ushort) ? NpyDType.UInt16
        : typeof(T) == typeof(long) ? NpyDType.Int64
        : typeof(T) == typeof(float) ? NpyDType.Float32
        : typeof(T) == typeof(double) ? NpyDType.Float64
        : typeof(T) == typeof(Half) ? NpyDType.Float16
        : ThrowHelper.ThrowFormat<NpyDType>($"element type {typeof(T).Name} has no NPY dtype here");
}

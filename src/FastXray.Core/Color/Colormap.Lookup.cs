using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastXray.Color;

public sealed partial class Colormap
{
    /// <summary>
    /// RGB bytes of palette entries: <c>rgb[3i..3i+2] = palette[3·indices[i]..]</c>. With <see cref="Table"/> as the
    /// palette and the output of <see cref="Indices"/>, this is <see cref="Apply"/> for a panel without NaN.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="rgb"/> is too small, or an index is outside the palette.</exception>
    public static void Lookup(ReadOnlySpan<byte> indices, ReadOnlySpan<byte> palette, Span<byte> rgb)
    {
        if (rgb.Length < 3L * indices.Length)
        {
            ThrowHelper.ThrowDestinationTooSmall();
        }

        int entries = palette.Length / 3;
        if (entries < Size && indices.IndexOfAnyInRange((byte)entries, byte.MaxValue) >= 0)
        {
            ThrowHelper.ThrowArgument(nameof(palette), $"an index is outside the palette's {entries} entries");
        }

        // Indices are bytes below the palette's entry count (checked above), so the reads need no bounds checks.
        ref byte dst = ref MemoryMarshal.GetReference(rgb);
        ref byte lut = ref MemoryMarshal.GetReference(palette);
        ref byte index = ref MemoryMarshal.GetReference(indices);
        for (nint i = 0, o = 0; i < indices.Length; i++, o += 3)
        {
            ref byte entry = ref Unsafe.Add(ref lut, 3 * (nint)Unsafe.Add(ref index, i));
            Unsafe.Add(ref dst, o) = entry;
            Unsafe.Add(ref dst, o + 1) = Unsafe.Add(ref entry, 1);
            Unsafe.Add(ref dst, o + 2) = Unsafe.Add(ref entry, 2);
        }
    }
}

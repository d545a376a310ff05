using System.Buffers.Binary;

namespace FastXray.Imaging.Tiff;

/// <summary>One IFD entry whose values are known to lie inside the file: where they are, not a copy of them.</summary>
/// <remarks>
/// Offset arrays can hold one value per strip (as many as the image has rows), so values are read on demand
/// from the file instead of being copied into arrays; <see cref="TiffDirectory.Parse"/> has already checked
/// that <c>Count</c> values of the entry's type fit in the file at <c>ValueOffset</c>.
/// </remarks>
internal readonly record struct TiffEntry(ushort Tag, ushort Type, uint Count, int ValueOffset)
{
    public bool IsInteger => Type is TiffTag.TypeByte or TiffTag.TypeShort or TiffTag.TypeLong;

    /// <summary>Value <paramref name="index"/> (BYTE, SHORT or LONG) in the file's byte order.</summary>
    public uint Get(ReadOnlySpan<byte> file, bool bigEndian, int index) => Type switch
    {
        TiffTag.TypeByte => file[ValueOffset + index],
        TiffTag.TypeShort => bigEndian
            ? BinaryPrimitives.ReadUInt16BigEndian(file[(ValueOffset + (2 * index))..])
            : BinaryPrimitives.ReadUInt16LittleEndian(file[(ValueOffset + (2 * index))..]),
        _ => bigEndian
            ? BinaryPrimitives.ReadUInt32BigEndian(file[(ValueOffset + (4 * index))..])
            : BinaryPrimitives.ReadUInt32LittleEndian(file[(ValueOffset + (4 * index))..]),
    };
}

using System.Buffers.Binary;

namespace FastXray.Imaging.Tests.Tiff;

/// <summary>Edits little-endian TIFF tags in place, for building damaged and unsupported files from the golden ones.</summary>
internal static class TiffPatch
{
    public static int IfdOffset(byte[] tiff) => (int)BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(4));

    public static int EntryCount(byte[] tiff) => BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(IfdOffset(tiff)));

    /// <summary>Byte position of the entry for <paramref name="tag"/>.</summary>
    public static int Entry(byte[] tiff, ushort tag)
    {
        int ifd = IfdOffset(tiff);
        for (int i = 0; i < EntryCount(tiff); i++)
        {
            int at = ifd + 2 + (12 * i);
            if (BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(at)) == tag)
            {
                return at;
            }
        }

        throw new InvalidOperationException($"tag {tag} not found");
    }

    /// <summary>Sets the first value of an inline SHORT or LONG tag.</summary>
    public static byte[] Set(byte[] tiff, ushort tag, uint value)
    {
        byte[] copy = (byte[])tiff.Clone();
        int at = Entry(copy, tag);
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(at + 2));
        if (type == 3)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(at + 8), (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at + 8), value);
        }

        return copy;
    }

    /// <summary>Renames an inline SHORT entry (tiffcp's Orientation, 274) to another tag, to add a tag the file lacks.</summary>
    public static byte[] Retarget(byte[] tiff, ushort from, ushort to)
    {
        byte[] copy = (byte[])tiff.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(Entry(copy, from)), to);
        return copy;
    }

    /// <summary>Sets value <paramref name="index"/> of a SHORT or LONG array tag stored out of line (strip offsets or byte counts).</summary>
    public static byte[] SetArray(byte[] tiff, ushort tag, int index, uint value)
    {
        byte[] copy = (byte[])tiff.Clone();
        int at = Entry(copy, tag);
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(at + 2));
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(at + 4));
        int size = type == 3 ? 2 : 4;
        int values = count * size <= 4 ? at + 8 : (int)BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(at + 8));
        if (type == 3)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(values + (2 * index)), (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(values + (4 * index)), value);
        }

        return copy;
    }
}

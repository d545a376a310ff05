using System.Buffers.Binary;

namespace FastXray.Imaging.Png;

/// <summary>One chunk: its type (4 ASCII letters as a big-endian integer), data and data offset in the file.</summary>
internal readonly ref struct PngChunk
{
    public PngChunk(uint type, ReadOnlySpan<byte> data, int dataOffset)
    {
        Type = type;
        Data = data;
        DataOffset = dataOffset;
    }

    public uint Type { get; }

    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Offset of the first data byte in the file (the chunk starts 8 bytes earlier).</summary>
    public int DataOffset { get; }

    /// <summary>Ancillary chunks have bit 5 set in their first letter (lower case): decoders may skip them.</summary>
    public bool IsCritical => (Type & 0x2000_0000u) == 0;

    public string Name => PngChunkReader.TypeName(Type);
}

/// <summary>Walks the chunks of an in-memory PNG (PNG spec §5.3), checking every length, type and CRC.</summary>
/// <remarks>
/// Layout of a chunk: length (u32 BE, ≤ 2^31−1), type (4 letters A–Z/a–z), data, CRC-32 over type and data.
/// Every length is checked against the bytes present before the data is sliced, so no header field can
/// make us read out of bounds or allocate; each step advances at least 12 bytes, so the walk terminates.
/// </remarks>
internal ref struct PngChunkReader
{
    public const uint IHDR = 0x49484452;
    public const uint PLTE = 0x504C5445;
    public const uint IDAT = 0x49444154;
    public const uint IEND = 0x49454E44;
    public const uint TRNS = 0x74524E53;
    public const uint SBIT = 0x73424954;

    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _checkCrc;
    private int _offset;

    /// <summary>Starts after the 8-byte signature.</summary>
    public PngChunkReader(ReadOnlySpan<byte> data, bool checkCrc = true)
    {
        _data = data;
        _checkCrc = checkCrc;
        _offset = PngSignature.Length;
    }

    /// <summary>Offset of the next chunk.</summary>
    public readonly int Offset => _offset;

    /// <summary>The type of the next chunk without checking its data; false when fewer than 8 bytes remain.</summary>
    public readonly bool TryPeekType(out uint type)
    {
        if (_data.Length - _offset < 8)
        {
            type = 0;
            return false;
        }

        type = BinaryPrimitives.ReadUInt32BigEndian(_data[(_offset + 4)..]);
        return true;
    }

    /// <summary>Reads the next chunk; false at the end of the data.</summary>
    public bool TryRead(out PngChunk chunk)
    {
        int remaining = _data.Length - _offset;
        if (remaining <= 0)
        {
            chunk = default;
            return false;
        }

        if (remaining < 12)
        {
            ThrowHelper.ThrowFormat($"file is truncated inside a chunk header at offset {_offset}");
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(_data[_offset..]);
        uint type = BinaryPrimitives.ReadUInt32BigEndian(_data[(_offset + 4)..]);
        if (!IsValidType(type))
        {
            ThrowHelper.ThrowFormat($"chunk at offset {_offset} has an invalid type (not 4 ASCII letters)");
        }

        if (length > int.MaxValue)
        {
            ThrowHelper.ThrowFormat($"chunk '{TypeName(type)}' at offset {_offset} declares length {length} (over 2^31-1)");
        }

        if (length > (uint)(remaining - 12))
        {
            ThrowHelper.ThrowFormat($"file is truncated: chunk '{TypeName(type)}' at offset {_offset} declares {length} bytes, {remaining - 12} present");
        }

        int dataOffset = _offset + 8;
        ReadOnlySpan<byte> data = _data.Slice(dataOffset, (int)length);
        if (_checkCrc)
        {
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(_data[(dataOffset + (int)length)..]);
            uint computed = Crc32.Compute(_data.Slice(_offset + 4, (int)length + 4));
            if (stored != computed)
            {
                ThrowHelper.ThrowFormat($"chunk '{TypeName(type)}' at offset {_offset} has a bad CRC (stored 0x{stored:X8}, computed 0x{computed:X8})");
            }
        }

        chunk = new PngChunk(type, data, dataOffset);
        _offset = dataOffset + (int)length + 4;
        return true;
    }

    /// <summary>Each of the four bytes is an ASCII letter.</summary>
    public static bool IsValidType(uint type)
    {
        for (int shift = 0; shift < 32; shift += 8)
        {
            uint c = (type >> shift) & 0xDF; // fold lower case onto upper case
            if (c < 'A' || c > 'Z')
            {
                return false;
            }
        }

        return true;
    }

    public static string TypeName(uint type) =>
        string.Create(4, type, static (s, t) =>
        {
            for (int i = 0; i < 4; i++)
            {
                char c = (char)((t >> (24 - (8 * i))) & 0xFF);
                s[i] = c is >= ' ' and <= '~' ? c : '?';
            }
        });
}

namespace FastXray.Imaging.Jpeg;

/// <summary>The markers before the scan, in libjpeg's order and with its defaults for a one-component baseline image.</summary>
/// <remarks>
/// SOI; APP0 JFIF 1.01, density unit 0 (aspect ratio only) 1:1, no thumbnail; DQT table 0 (8-bit, zig-zag);
/// SOF0 (8-bit precision, component id 1, sampling 1x1, table 0); DHT DC 0; DHT AC 0; SOS (component 1,
/// tables 0/0, spectral 0..63, no approximation). No DRI (no restart interval), no comment.
/// </remarks>
internal static class JpegHeader
{
    /// <summary>Natural (row-major) index of the k-th coefficient in zig-zag order.</summary>
    public static ReadOnlySpan<byte> ZigZag =>
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    /// <summary>Upper bound of <see cref="Write"/>'s output in bytes.</summary>
    public const int MaxLength = 2 + 18 + 69 + 13 + (2 * (5 + 16 + 256)) + 10;

    /// <summary>Writes the header into <paramref name="destination"/> and returns its length.</summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<byte> quantTable, int width, int height)
    {
        int p = 0;
        void Marker(Span<byte> d, byte code, int length)
        {
            d[p++] = 0xFF;
            d[p++] = code;
            d[p++] = (byte)(length >> 8);
            d[p++] = (byte)length;
        }

        destination[p++] = 0xFF;
        destination[p++] = 0xD8;

        Marker(destination, 0xE0, 16);
        "JFIF\0"u8.CopyTo(destination[p..]);
        p += 5;
        ReadOnlySpan<byte> jfif = [1, 1, 0, 0, 1, 0, 1, 0, 0];
        jfif.CopyTo(destination[p..]);
        p += jfif.Length;

        Marker(destination, 0xDB, 67);
        destination[p++] = 0; // 8-bit entries, table 0
        for (int k = 0; k < 64; k++)
        {
            destination[p++] = quantTable[ZigZag[k]];
        }

        Marker(destination, 0xC0, 11);
        destination[p++] = 8;
        destination[p++] = (byte)(height >> 8);
        destination[p++] = (byte)height;
        destination[p++] = (byte)(width >> 8);
        destination[p++] = (byte)width;
        destination[p++] = 1;    // components
        destination[p++] = 1;    // component id
        destination[p++] = 0x11; // 1x1 sampling
        destination[p++] = 0;    // quantisation table 0

        p = WriteHuffman(destination, p, JpegHuffmanTable.DcLuminance, 0x00);
        p = WriteHuffman(destination, p, JpegHuffmanTable.AcLuminance, 0x10);

        Marker(destination, 0xDA, 8);
        destination[p++] = 1;  // components in scan
        destination[p++] = 1;  // component id
        destination[p++] = 0;  // DC table 0, AC table 0
        destination[p++] = 0;  // Ss
        destination[p++] = 63; // Se
        destination[p++] = 0;  // Ah/Al
        return p;
    }

    private static int WriteHuffman(Span<byte> d, int p, JpegHuffmanTable table, byte classAndId)
    {
        int length = 2 + 1 + 16 + table.Symbols.Length;
        d[p++] = 0xFF;
        d[p++] = 0xC4;
        d[p++] = (byte)(length >> 8);
        d[p++] = (byte)length;
        d[p++] = classAndId;
        table.Counts.CopyTo(d[p..]);
        p += 16;
        table.Symbols.CopyTo(d[p..]);
        return p + table.Symbols.Length;
    }
}

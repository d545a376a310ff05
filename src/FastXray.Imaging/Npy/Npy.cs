using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FastXray.Imaging.Npy;

/// <summary>Reads and writes NumPy <c>.npy</c> files (format 1.0/2.0/3.0; little-endian, C order).</summary>
/// <remarks>
/// Layout: magic <c>\x93NUMPY</c>, version, header length (u16 in 1.0, u32 after), an ASCII Python dict
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (h, w), }</c> padded with spaces to a multiple of 64
/// and ended by a newline, then the raw data. We write 1.0 (what numpy writes for short headers).
/// </remarks>
public static class NpyFile
{
    private const int MaxHeaderLength = 65536;
    // Not a u8 string literal: "\x93" there is U+0093, which UTF-8 encodes as two bytes (C2 93).
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a file; errors name it.</summary>
    public static NpyArray Read(string path, DecodeLimits? limits = null)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(stream, limits);
        }
        catch (ImageFormatException e)
        {
            throw e.WithFile(path);
        }
    }

    /// <summary>Reads from a stream positioned at the magic.</summary>
    public static NpyArray Read(Stream stream, DecodeLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= DecodeLimits.Default;
        (NpyDType dtype, int[] shape) = ReadHeader(stream);
        // A zero dimension makes the array empty whatever the others say (numpy accepts such shapes).
        long count = shape.Contains(0) ? 0 : 1;
        foreach (int d in shape)
        {
            count *= d;
            if (count * dtype.Size() > limits.MaxDecompressedBytes || count > Array.MaxLength)
            {
                ThrowHelper.ThrowFormat($"NPY array of shape ({string.Join(", ", shape)}) exceeds the size limit of {limits.MaxDecompressedBytes} bytes");
            }
        }

        long bytes = count * dtype.Size();
        if (stream.CanSeek && stream.Length - stream.Position < bytes)
        {
            ThrowHelper.ThrowFormat($"NPY data is truncated: {bytes} bytes declared, {stream.Length - stream.Position} present");
        }

        byte[] data = stream.CanSeek ? GC.AllocateUninitializedArray<byte>((int)bytes) : ReadGrowing(stream, (int)bytes);
        // Cancellable between 16 MB pieces: a 16384² float32 array is a gigabyte.
        if (stream.CanSeek && CancellableIO.Read(stream, data) < data.Length)
        {
            ThrowHelper.ThrowFormat("NPY data is truncated");
        }

        return new NpyArray(dtype, shape, data);
    }

    /// <summary>
    /// Reads only the magic, version and header dict from a stream positioned at the magic: the element type and
    /// shape, without touching the data (a caller can plan its memory before reading the array).
    /// </summary>
    public static (NpyDType DType, int[] Shape) ReadHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[12];
        int got = stream.ReadAtLeast(prefix[..10], 10, throwOnEndOfStream: false);
        if (got < 10 || !prefix[..6].SequenceEqual(Magic))
        {
            ThrowHelper.ThrowFormat("not an NPY file (bad magic)");
        }

        byte major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..10]);
        }
        else if (major is 2 or 3)
        {
            if (stream.ReadAtLeast(prefix[10..12], 2, throwOnEndOfStream: false) < 2)
            {
                ThrowHelper.ThrowFormat("NPY header is truncated");
            }

            uint len = BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..12]);
            headerLength = len > MaxHeaderLength ? -1 : (int)len;
        }
        else
        {
            headerLength = ThrowHelper.ThrowFormat<int>($"unsupported NPY format version {major}");
        }

        if (headerLength is < 0 or > MaxHeaderLength)
        {
            ThrowHelper.ThrowFormat("NPY header is too long");
        }

        byte[] headerBytes = new byte[headerLength];
        if (stream.ReadAtLeast(headerBytes, headerLength, throwOnEndOfStream: false) < headerLength)
        {
            ThrowHelper.ThrowFormat("NPY header is truncated");
        }

        return ParseHeader(Encoding.ASCII.GetString(headerBytes));
    }

    /// <summary>Writes a file atomically (temporary file, then rename).</summary>
    public static void Write(string path, NpyArray array) =>
        AtomicFile.Write(path, stream => Write(stream, array));

    /// <summary>Writes typed elements with a shape.</summary>
    public static void Write<T>(Stream stream, ReadOnlySpan<T> values, params int[] shape)
        where T : unmanaged =>
        Write(stream, NpyArray.From(values, shape));

    /// <summary>Writes an array byte for byte as numpy 1.24's <c>np.save</c> does.</summary>
    /// <remarks>
    /// The header is <c>{'descr': …, 'fortran_order': False, 'shape': …, }</c> (keys sorted, Python reprs:
    /// <c>()</c>, <c>(n,)</c>, <c>(a, b)</c>), then <c>21 - len(repr(shape[0]))</c> spaces of growth room,
    /// then 1 to 64 spaces and a newline so that the data starts on a 64-byte boundary. Format 1.0 (u16 header
    /// length) when that fits, else 2.0 (u32), as numpy chooses.
    /// </remarks>
    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        WriteHeader(stream, array.DType, array.Shape);

        // Cancellable between 16 MB pieces: a 16384² float32 array is a gigabyte.
        CancellableIO.Write(stream, array.Data);
    }

    /// <summary>
    /// Writes only the header of <see cref="Write(Stream, NpyArray)"/>: the caller then writes the data itself (C order,
    /// little-endian), e.g. row by row from a padded image without copying it into one array first.
    /// </summary>
    public static void WriteHeader(Stream stream, NpyDType dtype, IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(shape);
        var dict = new StringBuilder(128);
        dict.Append("{'descr': '").Append(dtype.Descr()).Append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.Count; i++)
        {
            dict.Append(i == 0 ? "" : ", ").Append(shape[i].ToString(CultureInfo.InvariantCulture));
        }

        dict.Append(shape.Count == 1 ? ",), }" : "), }");
        if (shape.Count > 0)
        {
            const int GrowthAxisMaxDigits = 21;
            int digits = shape[0].ToString(CultureInfo.InvariantCulture).Length;
            dict.Append(' ', Math.Max(0, GrowthAxisMaxDigits - digits));
        }

        int headerWithNewline = dict.Length + 1;
        int prefixLength = 10;
        int pad = 64 - ((prefixLength + headerWithNewline) % 64);
        if (headerWithNewline + pad > ushort.MaxValue)
        {
            prefixLength = 12;
            pad = 64 - ((prefixLength + headerWithNewline) % 64);
        }

        dict.Append(' ', pad).Append('\n');
        Span<byte> prefix = stackalloc byte[12];
        Magic.CopyTo(prefix);
        prefix[6] = prefixLength == 10 ? (byte)1 : (byte)2;
        prefix[7] = 0;
        if (prefixLength == 10)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], (ushort)dict.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(prefix[8..], (uint)dict.Length);
        }

        stream.Write(prefix[..prefixLength]);
        stream.Write(Encoding.ASCII.GetBytes(dict.ToString()));
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes from a stream whose length is unknown, growing the buffer as data arrives so a lying header cannot make us allocate more than the stream holds (plus a factor 2).</summary>
    private static byte[] ReadGrowing(Stream stream, int length)
    {
        byte[] buffer = new byte[Math.Min(length, 1 << 20)];
        int filled = 0;
        while (filled < length)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(length, (long)buffer.Length * 2));
            }

            int n = stream.Read(buffer, filled, buffer.Length - filled);
            if (n == 0)
            {
                ThrowHelper.ThrowFormat($"NPY data is truncated: {length} bytes declared, {filled} present");
            }

            filled += n;
        }

        return buffer;
    }

    private static (NpyDType DType, int[] Shape) ParseHeader(string header)
    {
        string descr = ReadValue(header, "descr");
        string fortran = ReadValue(header, "fortran_order");
        string shapeText = ReadValue(header, "shape");
        if (descr.Length < 2 || descr[0] != '\'' || descr[^1] != '\'')
        {
            ThrowHelper.ThrowFormat("NPY header has a malformed descr");
        }

        string d = descr[1..^1];
        if (!NpyDTypes.TryParse(d, out NpyDType dtype))
        {
            string why = d.StartsWith('>') ? "big-endian data is not supported" : "supported dtypes are bool, uint8, uint16, int64, float16, float32, float64";
            ThrowHelper.ThrowFormat($"NPY dtype '{Printable(d)}' is not supported ({why})");
        }

        if (fortran != "False")
        {
            ThrowHelper.ThrowFormat("NPY arrays in Fortran order are not supported; save with C order");
        }

        if (shapeText.Length < 2 || shapeText[0] != '(' || shapeText[^1] != ')')
        {
            ThrowHelper.ThrowFormat("NPY header has a malformed shape");
        }

        string[] parts = shapeText[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 32)
        {
            ThrowHelper.ThrowFormat("NPY shape has too many dimensions");
        }

        int[] shape = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
            {
                ThrowHelper.ThrowFormat($"NPY shape entry '{Printable(parts[i])}' is not a valid dimension");
            }
        }

        return (dtype, shape);
    }

    /// <summary>Header text quoted in a message: at most 40 characters, control and non-ASCII characters as '?', so the message stays one line.</summary>
    private static string Printable(string text)
    {
        string s = text.Length > 40 ? text[..40] + "..." : text;
        return string.Create(s.Length, s, static (dst, src) =>
        {
            for (int i = 0; i < src.Length; i++)
            {
                dst[i] = src[i] is >= ' ' and <= '~' ? src[i] : '?';
            }
        });
    }

    private static string ReadValue(string header, string key)
    {
        int k = header.IndexOf("'" + key + "'", StringComparison.Ordinal);
        if (k < 0)
        {
            ThrowHelper.ThrowFormat($"NPY header lacks '{key}'");
        }

        int colon = header.IndexOf(':', k);
        if (colon < 0)
        {
            ThrowHelper.ThrowFormat($"NPY header has a malformed '{key}'");
        }

        int start = colon + 1;
        while (start < header.Length && header[start] == ' ')
        {
            start++;
        }

        int end;
        if (start < header.Length && header[start] == '(')
        {
            end = header.IndexOf(')', start);
            end = end < 0 ? -1 : end + 1;
        }
        else if (start < header.Length && header[start] == '\'')
        {
            end = header.IndexOf('\'', start + 1);
            end = end < 0 ? -1 : end + 1;
        }
        else
        {
            end = header.IndexOfAny([',', '}'], start);
        }

        if (end < 0)
        {
            ThrowHelper.ThrowFormat($"NPY header has a malformed '{key}'");
        }

        return header[start..end].Trim();
    }
}

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
    // 0x93 then "NUMPY": a u8 literal would encode U+0093 as two UTF-8 bytes.
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

        (NpyDType dtype, int[] shape) = ParseHeader(Encoding.ASCII.GetString(headerBytes));
        long count = 1;
        foreach (int d in shape)
        {
            count *= d;
            if (count * dtype.Size() > limits.MaxDecompressedBytes || count > Array.MaxLength)
            {
                ThrowHelper.ThrowFormat($"NPY array of shape ({string.Join(", ", shape)}) exceeds the size limit");
            }
        }

        long bytes = count * dtype.Size();
        if (stream.CanSeek && stream.Length - stream.Position < bytes)
        {
            ThrowHelper.ThrowFormat($"NPY data is truncated: {bytes} bytes declared, {stream.Length - stream.Position} present");
        }

        byte[] data = new byte[bytes];
        if (stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false) < data.Length)
        {
            ThrowHelper.ThrowFormat("NPY data is truncated");
        }

        return new NpyArray(dtype, shape, data);
    }

    /// <summary>Writes a file atomically (temporary file, then rename).</summary>
    public static void Write(string path, NpyArray array) =>
        AtomicFile.Write(path, stream => Write(stream, array));

    /// <summary>Writes typed elements with a shape.</summary>
    public static void Write<T>(Stream stream, ReadOnlySpan<T> values, params int[] shape)
        where T : unmanaged =>
        Write(stream, NpyArray.From(values, shape));

    /// <summary>Writes an array in format 1.0.</summary>
    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        string shape = array.Shape.Length == 1
            ? $"({array.Shape[0]},)"
            : "(" + string.Join(", ", array.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";
        string dict = $"{{'descr': '{array.DType.Descr()}', 'fortran_order': False, 'shape': {shape}, }}";
        int total = 10 + dict.Length + 1;
        int padded = (total + 63) / 64 * 64;
        string header = dict + new string(' ', padded - total) + "\n";
        Span<byte> prefix = stackalloc byte[10];
        Magic.CopyTo(prefix);
        prefix[6] = 1;
        prefix[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], checked((ushort)header.Length));
        stream.Write(prefix);
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(array.Data);
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
            string why = d.StartsWith('>') ? "big-endian data is not supported" : "supported dtypes are bool, uint8, uint16, int64, float32, float64";
            ThrowHelper.ThrowFormat($"NPY dtype '{d}' is not supported ({why})");
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
                ThrowHelper.ThrowFormat($"NPY shape entry '{parts[i]}' is not a valid dimension");
            }
        }

        return (dtype, shape);
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

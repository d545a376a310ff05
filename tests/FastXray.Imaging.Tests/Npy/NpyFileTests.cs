using System.Globalization;
using System.Text.Json;
using FastXray.Imaging.Npy;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Npy;

/// <summary>The NPY codec against files written by numpy 1.24's np.save (tools/fixtures/gif_npy.py).</summary>
public class NpyFileTests
{
    public static TheoryData<string> NumpyFiles()
    {
        var data = new TheoryData<string>();
        foreach (Entry e in Manifest())
        {
            data.Add(e.File);
        }

        return data;
    }

    public static TheoryData<string> BadFiles()
    {
        var data = new TheoryData<string>();
        foreach (string f in Directory.EnumerateFiles(Dir(), "bad_*.npy").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal))
        {
            data.Add(f);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NumpyFiles))]
    public void Write_IsByteIdenticalToNumpy(string file)
    {
        Entry e = Manifest().Single(m => m.File == file);
        var array = new NpyArray(e.DType, e.Shape, e.Data);
        using var stream = new MemoryStream();

        NpyFile.Write(stream, array);

        byte[] numpy = File.ReadAllBytes(Path.Combine(Dir(), file));
        Assert.Equal(numpy, stream.ToArray());
        Assert.Equal(e.Descr, e.DType.Descr());
    }

    [Theory]
    [MemberData(nameof(NumpyFiles))]
    public void Read_ReturnsNumpysArray(string file)
    {
        Entry e = Manifest().Single(m => m.File == file);

        NpyArray array = NpyFile.Read(Path.Combine(Dir(), file));

        Assert.Equal(e.DType, array.DType);
        Assert.Equal(e.Shape, array.Shape);
        Assert.Equal(e.Data, array.Data);
        Assert.Equal(e.Data.Length / e.DType.Size(), array.Length);
    }

    [Theory]
    [MemberData(nameof(NumpyFiles))]
    public void Read_FromNonSeekableStream(string file)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Dir(), file));
        using var stream = new ForwardOnlyStream(bytes);

        NpyArray array = NpyFile.Read(stream);

        Assert.Equal(Manifest().Single(m => m.File == file).Data, array.Data);
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Read_MalformedFile_ThrowsOneLineImageFormatException(string file)
    {
        string path = Path.Combine(Dir(), file);

        ImageFormatException e = Assert.Throws<ImageFormatException>(() => NpyFile.Read(path));

        Assert.Equal(path, e.FileName);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        string expected = file switch
        {
            "bad_bigendian.npy" => "big-endian",
            "bad_fortran.npy" => "Fortran order",
            "bad_int32.npy" => "'<i4' is not supported",
            "bad_complex64.npy" => "'<c8' is not supported",
            "bad_object.npy" => "'|O' is not supported",
            "bad_truncated_data.npy" => "truncated",
            "bad_truncated_header.npy" => "truncated",
            "bad_magic.npy" or "bad_empty.npy" => "bad magic",
            "bad_version.npy" => "version 7",
            "bad_shape_absurd.npy" => "exceeds the size limit",
            "bad_shape_overflow.npy" or "bad_shape_negative.npy" or "bad_shape_text.npy" => "is not a valid dimension",
            "bad_no_descr.npy" => "lacks 'descr'",
            "bad_header_length.npy" => "header is too long",
            _ => throw new InvalidOperationException($"no expectation for {file}"),
        };
        Assert.Contains(expected, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Read_MalformedStream_ThrowsOnlyImageFormatException(string file)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Dir(), file));
        Assert.Throws<ImageFormatException>(() => NpyFile.Read(new MemoryStream(bytes)));
        Assert.Throws<ImageFormatException>(() => NpyFile.Read(new ForwardOnlyStream(bytes)));
    }

    [Fact]
    public void Read_EveryTruncationOfAValidFile_Throws()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Dir(), "ok_float64_3x5.npy"));
        for (int n = 0; n < bytes.Length; n++)
        {
            Assert.Throws<ImageFormatException>(() => NpyFile.Read(new ForwardOnlyStream(bytes.AsSpan(0, n).ToArray())));
        }
    }

    [Fact]
    public void Read_RespectsDecodeLimits()
    {
        string path = Path.Combine(Dir(), "ok_float64_3x5.npy");
        var limits = new DecodeLimits { MaxDecompressedBytes = 119 };
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => NpyFile.Read(path, limits));
        Assert.Contains("size limit", e.Message, StringComparison.Ordinal);
        Assert.Equal(15, NpyFile.Read(path, new DecodeLimits { MaxDecompressedBytes = 120 }).Length);
    }

    [Fact]
    public void Shape2D_RefusesThreeDimensions()
    {
        NpyArray a = NpyFile.Read(Path.Combine(Dir(), "ok_uint8_2x2x2.npy"));
        Assert.Equal([2, 2, 2], a.Shape);
        Assert.Throws<ImageFormatException>(() => a.Shape2D);
        Assert.Equal((3, 5), NpyFile.Read(Path.Combine(Dir(), "ok_uint16_3x5.npy")).Shape2D);
        Assert.Equal((1, 7), NpyFile.Read(Path.Combine(Dir(), "ok_uint16_7.npy")).Shape2D);
    }

    [Fact]
    public void TypedWrite_RoundTripsEveryDType()
    {
        RoundTrip<float>([1.5f, float.NaN, -0f, float.NegativeInfinity], NpyDType.Float32);
        RoundTrip<double>([1.5, double.Epsilon, -0.0, double.MaxValue], NpyDType.Float64);
        RoundTrip<byte>([0, 1, 255, 7], NpyDType.UInt8);
        RoundTrip<ushort>([0, 1, 65535, 7], NpyDType.UInt16);
        RoundTrip<long>([long.MinValue, -1, long.MaxValue, 7], NpyDType.Int64);
        RoundTrip<bool>([true, false, false, true], NpyDType.Bool);
    }

    [Fact]
    public void WriteFile_IsAtomicAndReadable()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fastxray-npy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "a.npy");
            NpyFile.Write(path, NpyArray.From<ushort>([1, 2, 3, 4, 5, 6], 2, 3));
            Assert.Equal([1, 2, 3, 4, 5, 6], NpyFile.Read(path).AsSpan<ushort>().ToArray());
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void RoundTrip<T>(T[] values, NpyDType dtype)
        where T : unmanaged
    {
        using var stream = new MemoryStream();
        NpyFile.Write<T>(stream, values, 2, 2);
        stream.Position = 0;
        NpyArray a = NpyFile.Read(stream);
        Assert.Equal(dtype, a.DType);
        Assert.Equal([2, 2], a.Shape);
        Assert.Equal(values, a.AsSpan<T>().ToArray());
        Assert.Equal(0, (stream.Length - a.Data.Length) % 64);
    }

    private static string Dir() => TestData.Reference("FastXray.Imaging.Tests", "npy");

    private static List<Entry> Manifest()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir(), "manifest.json")));
        var list = new List<Entry>();
        foreach (JsonElement e in doc.RootElement.EnumerateArray())
        {
            NpyDType dtype = e.GetProperty("dtype").GetString() switch
            {
                "float32" => NpyDType.Float32,
                "float64" => NpyDType.Float64,
                "uint8" => NpyDType.UInt8,
                "uint16" => NpyDType.UInt16,
                "int64" => NpyDType.Int64,
                "bool" => NpyDType.Bool,
                var other => throw new InvalidOperationException(other),
            };
            int size = dtype.Size();
            string[] bits = e.GetProperty("bits").EnumerateArray().Select(b => b.GetString()!).ToArray();
            var data = new byte[bits.Length * size];
            for (int i = 0; i < bits.Length; i++)
            {
                byte[] le = BitConverter.GetBytes(ulong.Parse(bits[i], CultureInfo.InvariantCulture));
                Assert.True(BitConverter.IsLittleEndian);
                le.AsSpan(0, size).CopyTo(data.AsSpan(i * size));
            }

            list.Add(new Entry(
                e.GetProperty("file").GetString()!,
                dtype,
                e.GetProperty("descr").GetString()!,
                e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray(),
                data));
        }

        return list;
    }

    private sealed record Entry(string File, NpyDType DType, string Descr, int[] Shape, byte[] Data);
}

/// <summary>A stream that cannot seek or report its length, as a pipe would.</summary>
internal sealed class ForwardOnlyStream(byte[] data) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        // Hand out at most 7 bytes per call so readers must loop.
        int n = Math.Min(Math.Min(count, 7), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

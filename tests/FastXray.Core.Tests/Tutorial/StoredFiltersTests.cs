using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Imaging.Npy;
using FastXray.ScipyCast;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Tutorial;

/// <summary>One case of Reference/scipy_uint8/cases.json (tools/fixtures/scipy_uint8.py): scipy 1.10.1's result hash.</summary>
public sealed record ScipyUInt8Case(string Id, string Input, string Op, JsonElement Params, string Spec, string Sha256)
{
    private static readonly Lazy<IReadOnlyList<ScipyUInt8Case>> s_all = new(Read);

    public static IReadOnlyList<ScipyUInt8Case> All => s_all.Value;

    public static ScipyUInt8Case Get(string id) => All.Single(c => c.Id == id);

    public static string ReferencePath(params string[] parts) => TestData.Reference("FastXray.Core.Tests", ["scipy_uint8", .. parts]);

    public NpyArray ReadInput() => NpyFile.Read(ReferencePath(Input + ".npy"));

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static IReadOnlyList<ScipyUInt8Case> Read()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(ReferencePath("cases.json")));
        return [.. doc.RootElement.EnumerateArray().Select(e => new ScipyUInt8Case(
            e.GetProperty("id").GetString()!, e.GetProperty("input").GetString()!, e.GetProperty("op").GetString()!,
            e.GetProperty("params").Clone(), e.GetProperty("spec").GetString()!, e.GetProperty("sha256").GetString()!))];
    }

    public override string ToString() => Id;
}

/// <summary>
/// <see cref="StoredFilters"/> against scipy 1.10.1 on uint8 and uint16 images: SHA-256 of the result bytes, exact,
/// for every float64 filter with the DataCamp lesson's parameters and reflect/nearest/constant borders.
/// </summary>
public sealed class StoredFiltersTests
{
    private static readonly string[] s_stored = ["correlate", "convolve", "gaussian_filter", "gaussian_laplace", "gaussian_gradient_magnitude", "sobel", "prewitt", "laplace", "uniform_filter"];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (ScipyUInt8Case c in ScipyUInt8Case.All.Where(c => s_stored.Contains(c.Op)))
        {
            data.Add(c.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_scipy_bit_for_bit(string id)
    {
        ScipyUInt8Case c = ScipyUInt8Case.Get(id);
        NpyArray input = c.ReadInput();
        byte[] actual = input.DType == NpyDType.UInt8 ? Run<byte>(c, input) : Run<ushort>(c, input);
        Assert.Equal(c.Sha256, ScipyUInt8Case.Hash(actual));
    }

    [Fact]
    public void Source_and_destination_may_be_the_same_image()
    {
        // scipy's later passes run in place on the output array; every op here copies its input to float64 first.
        ScipyUInt8Case c = ScipyUInt8Case.Get("convolve_smooth_reflect_u8");
        NpyArray input = c.ReadInput();
        (int h, int w) = input.Shape2D;
        byte[] data = input.AsSpan<byte>().ToArray();
        var image = new ImageSpan<byte>(data, w, h);
        StoredFilters.Convolve(image, image, Weights(c).Values, 3, 3, BorderMode.Reflect, 0);
        Assert.Equal(c.Sha256, ScipyUInt8Case.Hash(data));

        ScipyUInt8Case g = ScipyUInt8Case.Get("gaussian5_nearest_u8");
        data = input.AsSpan<byte>().ToArray();
        image = new ImageSpan<byte>(data, w, h);
        StoredFilters.GaussianFilter(image, image, (5, 5), (0, 0), BorderMode.Nearest, 0);
        Assert.Equal(g.Sha256, ScipyUInt8Case.Hash(data));
    }

    [Theory]
    [InlineData(-300.7, 212, 65236)]
    [InlineData(-255.5, 1, 65281)]
    [InlineData(-3.0, 253, 65533)]
    [InlineData(-1.5, 255, 65535)]
    [InlineData(-0.999, 0, 0)]
    [InlineData(0.9999, 0, 0)]
    [InlineData(254.9, 254, 254)]
    [InlineData(256.7, 0, 256)]
    [InlineData(300.7, 44, 300)]
    [InlineData(70000.9, 112, 4464)]
    [InlineData(2147483648.0, 0, 0)]
    [InlineData(-2147483649.0, 0, 0)]
    [InlineData(1e300, 0, 0)]
    public void The_cast_is_scipys_x86_64_table(double value, int uint8, int uint16)
    {
        Assert.Equal(uint8, CCast.ToUInt8(value));
        Assert.Equal(uint16, CCast.ToUInt16(value));
    }

    [Fact]
    public void Kernels_allocate_nothing_in_steady_state()
    {
        NpyArray input = ScipyUInt8Case.Get("sobel0_reflect_u16").ReadInput();
        (int h, int w) = input.Shape2D;
        ushort[] output = new ushort[w * h];
        double[] weights = [.11, .11, .11, .11, .12, .11, .11, .11, .11];
        void All()
        {
            var src = new ReadOnlyImageSpan<ushort>(input.AsSpan<ushort>(), w, h);
            var dst = new ImageSpan<ushort>(output, w, h);
            StoredFilters.Convolve(src, dst, weights, 3, 3, BorderMode.Constant, 1.5);
            StoredFilters.GaussianFilter(src, dst, (2, 1), (1, 0), BorderMode.Nearest, 0);
            StoredFilters.GaussianGradientMagnitude(src, dst, (1, 1), BorderMode.Reflect, 0);
            StoredFilters.Laplace(src, dst, BorderMode.Reflect, 0);
            StoredFilters.Sobel(src, dst, 1, BorderMode.Reflect, 0);
            StoredFilters.UniformFilter(src, dst, (4, 5), BorderMode.Reflect, 0, (1, -2));
        }

        // Windows of calls, not one: the shared ArrayPool re-allocates once after a gen-2 GC trims it (AllocationAssert).
        AllocationAssert.None(All, "StoredFilters");
    }

    [Fact]
    public void Sobel_wraps_minus_three_to_253_per_pass()
    {
        // ndimage-semantics §6: sobel([[3,3,3],[0,0,0],[0,0,0]] uint8, axis=0) -> [[244]*3,[244]*3,[0]*3].
        byte[] src = [3, 3, 3, 0, 0, 0, 0, 0, 0];
        byte[] dst = new byte[9];
        StoredFilters.Sobel(new ReadOnlyImageSpan<byte>(src, 3, 3), new ImageSpan<byte>(dst, 3, 3), 0, BorderMode.Reflect, 0);
        Assert.Equal([244, 244, 244, 244, 244, 244, 0, 0, 0], dst);
    }

    [Fact]
    public void Uniform_truncates_each_axis_separately()
    {
        // ndimage-semantics §7: [[0,1,2],[3,4,5],[6,7,250]] size 3 -> [[1,2,2],[3,30,58],[5,59,114]].
        byte[] src = [0, 1, 2, 3, 4, 5, 6, 7, 250];
        byte[] dst = new byte[9];
        StoredFilters.UniformFilter(new ReadOnlyImageSpan<byte>(src, 3, 3), new ImageSpan<byte>(dst, 3, 3), (3, 3), BorderMode.Reflect, 0);
        Assert.Equal([1, 2, 2, 3, 30, 58, 5, 59, 114], dst);
    }

    [Fact]
    public void Other_types_and_sizes_are_refused()
    {
        float[] f = new float[4];
        Assert.Throws<NotSupportedException>(() => StoredFilters.Laplace(new ReadOnlyImageSpan<float>(f, 2, 2), new ImageSpan<float>(f, 2, 2), BorderMode.Reflect, 0));
        byte[] b = new byte[4];
        Assert.Throws<ArgumentException>(() => StoredFilters.Laplace(new ReadOnlyImageSpan<byte>(b, 2, 2), new ImageSpan<byte>(b, 4, 1), BorderMode.Reflect, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StoredFilters.Correlate(new ReadOnlyImageSpan<byte>(b, 2, 2), new ImageSpan<byte>(new byte[4], 2, 2), [1, 1, 1], 1, 3, BorderMode.Reflect, 0, 0, 2));
    }

    private static byte[] Run<T>(ScipyUInt8Case c, NpyArray input)
        where T : unmanaged
    {
        (int h, int w) = input.Shape2D;
        T[] output = new T[w * h];
        var src = new ReadOnlyImageSpan<T>(input.AsSpan<T>(), w, h);
        var dst = new ImageSpan<T>(output, w, h);
        JsonElement p = c.Params;
        BorderMode mode = p.GetProperty("mode").GetString() switch
        {
            "nearest" => BorderMode.Nearest,
            "constant" => BorderMode.Constant,
            _ => BorderMode.Reflect,
        };
        double cval = p.GetProperty("cval").GetDouble();
        switch (c.Op)
        {
            case "correlate" or "convolve":
            {
                (double[] weights, int rows, int columns) = Weights(c);
                (int oy, int ox) = p.TryGetProperty("origin", out JsonElement o) ? (o[0].GetInt32(), o[1].GetInt32()) : (0, 0);
                if (c.Op == "convolve")
                {
                    StoredFilters.Convolve(src, dst, weights, rows, columns, mode, cval, oy, ox);
                }
                else
                {
                    StoredFilters.Correlate(src, dst, weights, rows, columns, mode, cval, oy, ox);
                }

                break;
            }

            case "gaussian_filter":
                StoredFilters.GaussianFilter(src, dst, Pair(p, "sigma"), IntPair(p, "order"), mode, cval, 4.0,
                    p.TryGetProperty("radius", out _) ? IntPair(p, "radius") : null);
                break;
            case "gaussian_laplace":
                StoredFilters.GaussianLaplace(src, dst, Pair(p, "sigma"), mode, cval);
                break;
            case "gaussian_gradient_magnitude":
                StoredFilters.GaussianGradientMagnitude(src, dst, Pair(p, "sigma"), mode, cval);
                break;
            case "sobel":
                StoredFilters.Sobel(src, dst, p.GetProperty("axis").GetInt32(), mode, cval);
                break;
            case "prewitt":
                StoredFilters.Prewitt(src, dst, p.GetProperty("axis").GetInt32(), mode, cval);
                break;
            case "laplace":
                StoredFilters.Laplace(src, dst, mode, cval);
                break;
            default:
                StoredFilters.UniformFilter(src, dst, IntPair(p, "size"), mode, cval, p.TryGetProperty("origin", out _) ? IntPair(p, "origin") : default);
                break;
        }

        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(output.AsSpan()).ToArray();
    }

    private static (double[] Values, int Rows, int Columns) Weights(ScipyUInt8Case c)
    {
        JsonElement m = c.Params.GetProperty("weights");
        double[][] rows = [.. m.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())];
        return ([.. rows.SelectMany(r => r)], rows.Length, rows[0].Length);
    }

    private static (double, double) Pair(JsonElement p, string name) => (p.GetProperty(name)[0].GetDouble(), p.GetProperty(name)[1].GetDouble());

    private static (int, int) IntPair(JsonElement p, string name) => (p.GetProperty(name)[0].GetInt32(), p.GetProperty(name)[1].GetInt32());
}

using FastXray.Imaging.Npy;
using FastXray.Intensity;
using FastXray.Tests;
using Xunit;
using Xunit.Sdk;

namespace FastXray.Core.Tests.Intensity;

public sealed class ClaheTests
{
    /// <summary>Cases whose input is committed (the full radiographs are checked separately).</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (GoldenCase c in GoldenCase.Load("clahe").Where(c => !c.InputName.StartsWith("xray_full", StringComparison.Ordinal)))
        {
            data.Add(c.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_OpenCV_exactly(string id)
    {
        GoldenCase c = GoldenCase.Get("clahe", id);
        NpyArray input = FixtureInputs.Load(c);
        (int h, int w) = input.Shape2D;
        double clip = c.Double("clip_limit", 40);
        int tx = c.Int("tiles_x", 8);
        int ty = c.Int("tiles_y", 8);
        if (input.DType == NpyDType.UInt8)
        {
            var actual = new byte[w * h];
            Clahe.Apply(new ReadOnlyImageSpan<byte>(input.AsSpan<byte>(), w, h), new ImageSpan<byte>(actual, w, h), clip, tx, ty);
            AssertClose(c.Expected.AsSpan<byte>(), actual, id);
        }
        else
        {
            var actual = new ushort[w * h];
            Clahe.Apply(new ReadOnlyImageSpan<ushort>(input.AsSpan<ushort>(), w, h), new ImageSpan<ushort>(actual, w, h), clip, tx, ty, c.Int("bins", 65536));
            AssertClose(c.Expected.AsSpan<ushort>(), actual, id);
        }
    }

    [Fact]
    public void Every_width_and_stride_matches_the_scalar_path()
    {
        var rng = new Random(17);
        for (int width = 0; width <= 49; width++)
        {
            int height = 1 + (width % 9);
            int stride = width + (width % 4);
            int offset = width % 5;
            var dense8 = new byte[width * height];
            var dense16 = new ushort[width * height];
            for (int i = 0; i < dense8.Length; i++)
            {
                dense8[i] = (byte)rng.Next(256);
                dense16[i] = (ushort)rng.Next(65536);
            }

            (int tx, int ty) = (1 + (width % 5), 1 + (width % 3));
            CheckAgainstScalar(dense8, width, height, stride, offset, tx, ty, 2.0, 256);
            CheckAgainstScalar(dense16, width, height, stride, offset, tx, ty, 3.0, width % 2 == 0 ? 65536 : 1024);
        }
    }

    [Fact]
    public void Destination_may_be_the_source()
    {
        var rng = new Random(2);
        var img = new byte[37 * 23];
        rng.NextBytes(img);
        var expected = new byte[img.Length];
        Clahe.Apply(new ReadOnlyImageSpan<byte>(img, 37, 23), new ImageSpan<byte>(expected, 37, 23), 2.0, 3, 4);
        Clahe.Apply(new ReadOnlyImageSpan<byte>(img, 37, 23), new ImageSpan<byte>(img, 37, 23), 2.0, 3, 4);
        Assert.Equal(expected, img);
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        var img = new byte[12];
        var img16 = new ushort[12];
        Assert.Throws<ArgumentException>(() => Clahe.Apply(new ReadOnlyImageSpan<byte>(img, 4, 3), new ImageSpan<byte>(img, 3, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Clahe.Apply(new ReadOnlyImageSpan<byte>(img, 4, 3), new ImageSpan<byte>(img, 4, 3), 2, 0, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Clahe.Apply(new ReadOnlyImageSpan<byte>(img, 4, 3), new ImageSpan<byte>(img, 4, 3), double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Clahe.Apply(new ReadOnlyImageSpan<ushort>(img16, 4, 3), new ImageSpan<ushort>(img16, 4, 3), 2, 2, 2, 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Clahe.Apply(new ReadOnlyImageSpan<ushort>(img16, 4, 3), new ImageSpan<ushort>(img16, 4, 3), 2, 2, 2, 8));
        Clahe.Apply(new ReadOnlyImageSpan<byte>([], 0, 3), new ImageSpan<byte>([], 0, 3));
    }

    [Fact]
    public void Allocates_nothing()
    {
        var img = new byte[256 * 200];
        new Random(4).NextBytes(img);
        var img16 = Array.ConvertAll(img, b => (ushort)(b * 257));
        var output = new byte[img.Length];
        var output16 = new ushort[img.Length];
        AllocationAssert.None(
            () =>
            {
                Clahe.Apply(new ReadOnlyImageSpan<byte>(img, 256, 200), new ImageSpan<byte>(output, 256, 200), 2.0, 8, 8);
                Clahe.Apply(new ReadOnlyImageSpan<ushort>(img16, 256, 200), new ImageSpan<ushort>(output16, 256, 200), 2.0, 3, 3, 65536);
            },
            "clahe");
    }

    private delegate void ApplyFn<T>(ReadOnlyImageSpan<T> source, ImageSpan<T> destination)
        where T : unmanaged;

    private static void CheckAgainstScalar(byte[] dense, int width, int height, int stride, int offset, int tx, int ty, double clip, int bins) =>
        CheckAgainstScalar<byte>(dense, width, height, stride, offset, tx, ty, clip, bins, 0xA5, (s, d) => Clahe.Apply(s, d, clip, tx, ty));

    private static void CheckAgainstScalar(ushort[] dense, int width, int height, int stride, int offset, int tx, int ty, double clip, int bins) =>
        CheckAgainstScalar<ushort>(dense, width, height, stride, offset, tx, ty, clip, bins, 0xA5A5, (s, d) => Clahe.Apply(s, d, clip, tx, ty, bins));

    /// <summary>Runs the public method on a strided view with sentinels and compares with the LUTs + the scalar row path.</summary>
    private static unsafe void CheckAgainstScalar<T>(T[] dense, int width, int height, int stride, int offset, int tx, int ty, double clip, int bins, T sentinel, ApplyFn<T> apply)
        where T : unmanaged, IEquatable<T>
    {
        T[] srcBuffer = FixtureInputs.Strided<T>(dense, width, height, stride, offset, sentinel);
        T[] dstBuffer = new T[srcBuffer.Length];
        dstBuffer.AsSpan().Fill(sentinel);
        var src = new ReadOnlyImageSpan<T>(srcBuffer.AsSpan(offset), width, height, stride);
        apply(src, new ImageSpan<T>(dstBuffer.AsSpan(offset), width, height, stride));

        // The scalar reference: the same LUTs, every row through RowScalar from column 0.
        var expected = new T[width * height];
        if (width > 0 && height > 0)
        {
            var grid = new ClaheGrid(width, height, tx, ty, bins);
            var luts = new float[tx * ty * bins];
            ClaheLut.Build(src, grid, clip, luts);
            int shift = typeof(T) == typeof(byte) ? 0 : 16 - System.Numerics.BitOperations.Log2((uint)bins);
            int top = typeof(T) == typeof(byte) ? 255 : 65535;
            var ind1 = new int[width];
            var ind2 = new int[width];
            var xa = new float[width];
            var xa1 = new float[width];
            for (int x = 0; x < width; x++)
            {
                float txf = (x * (1.0f / grid.TileWidth)) - 0.5f;
                int t1 = (int)MathF.Floor(txf);
                xa[x] = txf - t1;
                xa1[x] = 1.0f - xa[x];
                ind1[x] = Math.Max(t1, 0) * bins;
                ind2[x] = Math.Min(t1 + 1, tx - 1) * bins;
            }

            fixed (float* lut = luts)
            {
                for (int y = 0; y < height; y++)
                {
                    float tyf = (y * (1.0f / grid.TileHeight)) - 0.5f;
                    int t1 = (int)MathF.Floor(tyf);
                    float ya = tyf - t1;
                    var row = new ClaheInterpolation.RowContext(
                        lut + (Math.Max(t1, 0) * tx * bins), lut + (Math.Min(t1 + 1, ty - 1) * tx * bins), ya, 1.0f - ya, shift, top);
                    ClaheInterpolation.RowScalar(src.Row(y), expected.AsSpan(y * width, width), ind1, ind2, xa, xa1, row, 0);
                }
            }
        }

        for (int i = 0; i < dstBuffer.Length; i++)
        {
            int rel = i - offset;
            bool inside = rel >= 0 && rel < height * stride && rel % stride < width;
            T want = inside ? expected[((rel / stride) * width) + (rel % stride)] : sentinel;
            if (!dstBuffer[i].Equals(want))
            {
                throw new XunitException($"{typeof(T).Name} width {width}: element {i} is {dstBuffer[i]}, expected {want}");
            }
        }
    }

    private static void AssertClose<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IEquatable<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        int diff = 0;
        int first = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            if (!expected[i].Equals(actual[i]))
            {
                diff++;
                first = first < 0 ? i : first;
            }
        }

        if (diff != 0)
        {
            throw new XunitException($"{what}: {diff} of {expected.Length} pixels differ from OpenCV; first at {first}: {actual[first]} vs {expected[first]}");
        }
    }
}

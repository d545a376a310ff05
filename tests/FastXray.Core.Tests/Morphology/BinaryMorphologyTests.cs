using System.Text.Json;
using FastXray.Imaging.Npy;
using FastXray.Morphology;
using FastXray.Tests;
using Xunit;
using Xunit.Sdk;

namespace FastXray.Core.Tests.Morphology;

public sealed class BinaryMorphologyTests
{
    public static TheoryData<string> Cases => GoldenCase.Ids("morphology");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_scipy(string id)
    {
        GoldenCase c = GoldenCase.Get("morphology", id);
        NpyArray input = FixtureInputs.Load(c);
        (int h, int w) = input.Shape2D;
        byte[] expected = c.Expected.AsSpan<byte>().ToArray();
        int iterations = c.Int("iterations", 1);
        bool border = c.Int("border_value", 0) != 0;
        (byte[] structure, int sw, int sh) = Structure(c);
        var st = new ReadOnlyImageSpan<byte>(structure, sw, sh);

        // Each case runs on the stored sample type, thresholded like the generator: where(img > t, img, 0).
        var actual = new byte[w * h];
        var dst = new ImageSpan<byte>(actual, w, h);
        double threshold = c.Double("threshold", double.NaN);
        if (input.DType == NpyDType.UInt8)
        {
            byte[] src = input.AsSpan<byte>().ToArray();
            Threshold(src, threshold);
            Run(c.Op, new ReadOnlyImageSpan<byte>(src, w, h), dst, st, iterations, border);
            Assert.Equal(expected, actual);

            // The same pixels as float and ushort give the same result (only != 0 matters).
            Run(c.Op, new ReadOnlyImageSpan<float>(Array.ConvertAll(src, b => (float)b), w, h), dst, st, iterations, border);
            Assert.Equal(expected, actual);
        }
        else
        {
            ushort[] src = input.AsSpan<ushort>().ToArray();
            Threshold(src, threshold);
            Run(c.Op, new ReadOnlyImageSpan<ushort>(src, w, h), dst, st, iterations, border);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Every_width_and_stride_matches_the_definition()
    {
        var rng = new Random(5);
        byte[][] structures =
        [
            [0, 1, 0, 1, 1, 1, 0, 1, 0],
            [1, 1, 0, 1, 0, 1],
        ];
        (int W, int H)[] shapes = [(3, 3), (3, 2)];
        for (int width = 0; width <= (3 * 64) + 1; width++)
        {
            int height = 1 + (width % 5);
            int stride = width + (width % 3);
            int offset = width % 7;
            var dense = new byte[width * height];
            for (int i = 0; i < dense.Length; i++)
            {
                dense[i] = (byte)(rng.Next(3) == 0 ? 0 : rng.Next(1, 256));
            }

            byte[] buffer = FixtureInputs.Strided<byte>(dense, width, height, stride, offset, 77);
            var source = new ReadOnlyImageSpan<byte>(buffer.AsSpan(offset), width, height, stride);
            for (int s = 0; s < structures.Length; s++)
            {
                var st = new ReadOnlyImageSpan<byte>(structures[s], shapes[s].W, shapes[s].H);
                foreach (bool border in new[] { false, true })
                {
                    foreach (bool erosion in new[] { false, true })
                    {
                        int iterations = 1 + (width % 3);
                        byte[] expected = Reference(dense, width, height, structures[s], shapes[s].W, shapes[s].H, erosion, border, iterations);
                        byte[] outBuffer = new byte[offset + (height * stride) + 7];
                        outBuffer.AsSpan().Fill(0xCD);
                        var dst = new ImageSpan<byte>(outBuffer.AsSpan(offset), width, height, stride);
                        if (erosion)
                        {
                            BinaryErosion.Apply(source, dst, st, iterations, border);
                        }
                        else
                        {
                            BinaryDilation.Apply(source, dst, st, iterations, border);
                        }

                        for (int y = 0; y < height; y++)
                        {
                            Assert.Equal(expected.AsSpan(y * width, width), dst.Row(y));
                        }

                        AssertUntouched(outBuffer, offset, width, height, stride);
                    }
                }
            }
        }
    }

    [Fact]
    public void Wide_images_and_long_structures_match_the_definition()
    {
        var rng = new Random(9);
        foreach ((int width, int height) in new[] { (1537, 3), (600, 7), (129, 40) })
        {
            var dense = new byte[width * height];
            for (int i = 0; i < dense.Length; i++)
            {
                dense[i] = (byte)(rng.Next(4) == 0 ? 1 : 0);
            }

            foreach ((int sw, int sh) in new[] { (70, 1), (5, 7), (130, 3) })
            {
                var st = new byte[sw * sh];
                for (int i = 0; i < st.Length; i++)
                {
                    st[i] = (byte)(rng.Next(3) == 0 ? 1 : 0);
                }

                st[((sh / 2) * sw) + (sw / 2)] = 1;
                foreach (bool erosion in new[] { false, true })
                {
                    byte[] expected = Reference(dense, width, height, st, sw, sh, erosion, border: erosion, iterations: 2);
                    var actual = new byte[dense.Length];
                    var src = new ReadOnlyImageSpan<byte>(dense, width, height);
                    var dst = new ImageSpan<byte>(actual, width, height);
                    var s = new ReadOnlyImageSpan<byte>(st, sw, sh);
                    if (erosion)
                    {
                        BinaryErosion.Apply(src, dst, s, 2, borderValue: true);
                    }
                    else
                    {
                        BinaryDilation.Apply(src, dst, s, 2, borderValue: false);
                    }

                    Assert.Equal(expected, actual);
                }
            }
        }
    }

    [Fact]
    public void Until_stable_erodes_an_all_true_image_to_nothing()
    {
        var ones = new byte[7 * 7];
        ones.AsSpan().Fill(9);
        var result = new byte[ones.Length];
        BinaryErosion.Apply(new ReadOnlyImageSpan<byte>(ones, 7, 7), new ImageSpan<byte>(result, 7, 7), iterations: 0);
        Assert.All(result, b => Assert.Equal(0, b));

        // With border 1 nothing erodes, however many passes.
        BinaryErosion.Apply(new ReadOnlyImageSpan<byte>(ones, 7, 7), new ImageSpan<byte>(result, 7, 7), iterations: -1, borderValue: true);
        Assert.All(result, b => Assert.Equal(1, b));
    }

    [Fact]
    public void Until_stable_with_a_cycling_structure_throws_instead_of_running_for_ever()
    {
        // [[1,0,1]] (centre not a member) moves a lone pixel to both neighbours each pass: the row fills its odd and
        // even pixels in turn and never settles. scipy loops for ever on this; here the repeat is detected.
        byte[] line = [0, 0, 0, 1, 0, 0, 0, 0];
        var result = new byte[line.Length];
        byte[] members = [1, 0, 1];
        var structure = new ReadOnlyImageSpan<byte>(members, 3, 1);
        ArgumentException e = Assert.Throws<ArgumentException>(() =>
            BinaryDilation.Apply(new ReadOnlyImageSpan<byte>(line, 8, 1), new ImageSpan<byte>(result, 8, 1), new ReadOnlyImageSpan<byte>(members, 3, 1), iterations: 0));
        Assert.Contains("cycle with period 2", e.Message, StringComparison.Ordinal);

        // Across 64-pixel words and rows, and inside a closing (its dilation half cycles).
        var wide = new byte[3 * 150];
        wide[150 + 70] = 1;
        var wideResult = new byte[wide.Length];
        Assert.Throws<ArgumentException>(() =>
            BinaryClosing.Apply(new ReadOnlyImageSpan<byte>(wide, 150, 3), new ImageSpan<byte>(wideResult, 150, 3), new ReadOnlyImageSpan<byte>(members, 3, 1), iterations: -1));

        // A positive count runs exactly that many passes, as scipy: two passes bring the pixel back to 3 and add 1, 5.
        BinaryDilation.Apply(new ReadOnlyImageSpan<byte>(line, 8, 1), new ImageSpan<byte>(result, 8, 1), structure, iterations: 2);
        Assert.Equal(new byte[] { 0, 1, 0, 1, 0, 1, 0, 0 }, result);
    }

    [Fact]
    public void Until_stable_with_an_off_centre_structure_that_settles_matches_scipy()
    {
        // [[1,0,0]] shifts the image by one pixel a pass until it has left the image:
        // scipy's binary_dilation(x, [[1,0,0]], iterations=0) and binary_erosion(ones, [[1,0,0]], iterations=0) are all 0.
        byte[] line = [0, 0, 0, 1, 0, 0, 0, 0];
        var result = new byte[line.Length];
        var structure = new ReadOnlyImageSpan<byte>([1, 0, 0], 3, 1);
        BinaryDilation.Apply(new ReadOnlyImageSpan<byte>(line, 8, 1), new ImageSpan<byte>(result, 8, 1), structure, iterations: 0);
        Assert.Equal(new byte[8], result);

        byte[] ones = [1, 1, 1, 1, 1, 1, 1, 1];
        BinaryErosion.Apply(new ReadOnlyImageSpan<byte>(ones, 8, 1), new ImageSpan<byte>(result, 8, 1), structure, iterations: 0);
        Assert.Equal(new byte[8], result);
    }

    [Fact]
    public void Nan_is_true_and_negative_zero_is_false()
    {
        float[] src = [float.NaN, -0.0f, 0.0f, 0.0f, 0.0f];
        var dst = new byte[5];
        var line = new ReadOnlyImageSpan<byte>([1, 1], 2, 1);
        BinaryDilation.Apply(new ReadOnlyImageSpan<float>(src, 5, 1), new ImageSpan<byte>(dst, 5, 1), line);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0 }, dst);
    }

    [Fact]
    public void Destination_may_be_the_source()
    {
        byte[] img = [0, 0, 0, 0, 5, 0, 0, 0, 0];
        BinaryDilation.Apply(new ReadOnlyImageSpan<byte>(img, 3, 3), new ImageSpan<byte>(img, 3, 3));
        Assert.Equal(new byte[] { 0, 1, 0, 1, 1, 1, 0, 1, 0 }, img);
    }

    [Fact]
    public void Empty_images_are_left_alone()
    {
        BinaryDilation.Apply(new ReadOnlyImageSpan<byte>([], 0, 5), new ImageSpan<byte>([], 0, 5), iterations: 0);
        BinaryClosing.Apply(new ReadOnlyImageSpan<byte>([], 4, 0), new ImageSpan<byte>([], 4, 0));
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        var img = new byte[6];
        Assert.Throws<ArgumentException>(() => BinaryErosion.Apply(new ReadOnlyImageSpan<byte>(img, 3, 2), new ImageSpan<byte>(img, 2, 3)));
        Assert.Throws<ArgumentException>(() => BinaryErosion.Apply(new ReadOnlyImageSpan<byte>(img, 3, 2), new ImageSpan<byte>(img, 3, 2), new ReadOnlyImageSpan<byte>([], 0, 3)));
        Assert.Throws<NotSupportedException>(() => BinaryErosion.Apply(new ReadOnlyImageSpan<int>(new int[6], 3, 2), new ImageSpan<byte>(img, 3, 2)));
    }

    [Fact]
    public void Generate_matches_scipy()
    {
        Assert.Equal(new byte[] { 0, 1, 0, 1, 1, 1, 0, 1, 0 }, BinaryStructure.Generate(0).Data.ToArray());
        Assert.Equal(new byte[] { 0, 1, 0, 1, 1, 1, 0, 1, 0 }, BinaryStructure.Generate(1).Data.ToArray());
        Assert.Equal(Enumerable.Repeat((byte)1, 9), BinaryStructure.Generate(2).Data.ToArray());
    }

    [Fact]
    public void Allocates_nothing()
    {
        (byte[] pixels, int w, int h) = (new byte[300 * 200], 300, 200);
        new Random(3).NextBytes(pixels);
        var output = new byte[pixels.Length];
        AllocationAssert.None(
            () =>
            {
                BinaryDilation.Apply(new ReadOnlyImageSpan<byte>(pixels, w, h), new ImageSpan<byte>(output, w, h), 3);
                BinaryOpening.Apply(new ReadOnlyImageSpan<byte>(pixels, w, h), new ImageSpan<byte>(output, w, h), BinaryStructure.Square, 0, true);
            },
            "binary morphology");
    }

    private static void Run<T>(string op, ReadOnlyImageSpan<T> src, ImageSpan<byte> dst, ReadOnlyImageSpan<byte> st, int iterations, bool border)
        where T : unmanaged
    {
        switch (op)
        {
            case "binary_dilation": BinaryDilation.Apply(src, dst, st, iterations, border); break;
            case "binary_erosion": BinaryErosion.Apply(src, dst, st, iterations, border); break;
            case "binary_opening": BinaryOpening.Apply(src, dst, st, iterations, border); break;
            case "binary_closing": BinaryClosing.Apply(src, dst, st, iterations, border); break;
            default: throw new XunitException("unknown op " + op);
        }
    }

    private static (byte[] Data, int Width, int Height) Structure(GoldenCase c)
    {
        if (!c.Params.TryGetProperty("structure", out JsonElement rows))
        {
            return (BinaryStructure.Cross.Data.ToArray(), 3, 3);
        }

        int h = rows.GetArrayLength();
        int w = rows[0].GetArrayLength();
        var data = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                data[(y * w) + x] = (byte)rows[y][x].GetInt32();
            }
        }

        return (data, w, h);
    }

    private static void Threshold<T>(T[] pixels, double threshold)
        where T : unmanaged, IConvertible
    {
        if (double.IsNaN(threshold))
        {
            return;
        }

        for (int i = 0; i < pixels.Length; i++)
        {
            if (pixels[i].ToDouble(null) <= threshold)
            {
                pixels[i] = default;
            }
        }
    }

    /// <summary>ndimage-semantics §9 applied literally, pixel by pixel, <paramref name="iterations"/> times.</summary>
    private static byte[] Reference(byte[] src, int w, int h, byte[] st, int sw, int sh, bool erosion, bool border, int iterations)
    {
        byte[] cur = Array.ConvertAll(src, b => (byte)(b != 0 ? 1 : 0));
        for (int it = 0; it < iterations; it++)
        {
            var next = new byte[cur.Length];
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    bool acc = erosion;
                    for (int i = 0; i < sh; i++)
                    {
                        for (int j = 0; j < sw; j++)
                        {
                            if (st[(i * sw) + j] == 0)
                            {
                                continue;
                            }

                            int dy = i - (sh / 2);
                            int dx = j - (sw / 2);
                            int yy = erosion ? y + dy : y - dy;
                            int xx = erosion ? x + dx : x - dx;
                            bool v = (uint)yy < (uint)h && (uint)xx < (uint)w ? cur[(yy * w) + xx] != 0 : border;
                            acc = erosion ? acc && v : acc || v;
                        }
                    }

                    next[(y * w) + x] = (byte)(acc ? 1 : 0);
                }
            }

            cur = next;
        }

        return cur;
    }

    private static void AssertUntouched(byte[] buffer, int offset, int width, int height, int stride)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            int rel = i - offset;
            bool inside = rel >= 0 && rel < height * stride && rel % stride < width;
            if (!inside && buffer[i] != 0xCD)
            {
                throw new XunitException($"byte {i} outside the view was written");
            }
        }
    }
}

using FastXray.Cli.Pipeline;
using Xunit;

namespace FastXray.Cli.Tests.Pipeline;

/// <summary>The documented float-to-PNG-sample rule, checked on hand-worked values.</summary>
public sealed class SampleScalerTests
{
    private static byte[] To8(ScaleMode mode, params float[] v) => SampleScaler.ToUInt8(new ReadOnlyImageSpan<float>(v, v.Length, 1), mode);

    private static ushort[] To16(ScaleMode mode, params float[] v) => SampleScaler.ToUInt16(new ReadOnlyImageSpan<float>(v, v.Length, 1), mode);

    [Fact]
    public void Auto_writes_in_range_values_rounded_half_to_even()
    {
        Assert.Equal([0, 0, 2, 2, 254, 255, 100], To8(ScaleMode.Auto, 0f, 0.5f, 1.5f, 2.5f, 254.5f, 255f, 100.4f));
    }

    [Theory]
    [InlineData("clip", 255)]
    [InlineData("auto", 255)]
    [InlineData("clip", 65535)]
    [InlineData("auto", 65535)]
    public void Vector_rows_equal_the_documented_rule_at_every_length(string modeName, int top)
    {
        ScaleMode mode = modeName == "clip" ? ScaleMode.Clip : ScaleMode.Auto;
        // Whole vectors take the SIMD path, the rest the scalar loop: every row length up to three blocks of 16,
        // with ties (x.5), NaN, ±inf, -0 and, for clip, values outside 0..top; auto stays in range (no scaling).
        var random = new Random(top + (int)mode);
        for (int width = 1; width <= 50; width++)
        {
            float[] v = Enumerable.Range(0, width * 2).Select(i => (i % 9) switch
            {
                0 => float.NaN,
                1 => mode == ScaleMode.Clip ? float.PositiveInfinity : top,
                2 => mode == ScaleMode.Clip ? float.NegativeInfinity : 0,
                3 => -0f,
                4 => random.Next(top) + 0.5f,
                5 => mode == ScaleMode.Clip ? top + 7.5f : top - 0.5f,
                6 => mode == ScaleMode.Clip ? -3.5f : 0.5f,
                _ => (float)(random.NextDouble() * top),
            }).ToArray();
            var image = new ReadOnlyImageSpan<float>(v, width, 2);
            int[] got = top == 255
                ? [.. SampleScaler.ToUInt8(image, mode).Select(b => (int)b)]
                : [.. SampleScaler.ToUInt16(image, mode).Select(b => (int)b)];
            for (int i = 0; i < v.Length; i++)
            {
                int want = float.IsNaN(v[i]) ? 0 : (int)Math.Round(Math.Clamp((double)v[i], 0, top), MidpointRounding.ToEven);
                Assert.True(want == got[i], $"{mode}, width {width}: {v[i]:R} -> {got[i]}, rule {want}");
            }
        }
    }

    [Fact]
    public void Auto_min_max_scales_values_outside_the_range()
    {
        // (v - min) * 255 / (max - min) with min -10, max 10: 0 → 127.5 → 128 (half to even), 5 → 191.25 → 191.
        Assert.Equal([0, 128, 191, 255], To8(ScaleMode.Auto, -10f, 0f, 5f, 10f));
        // 16-bit: 0..70000 → 0..65535; 35000 → 32767.5 → 32768.
        Assert.Equal([0, 32768, 65535], To16(ScaleMode.Auto, 0f, 35000f, 70000f));
    }

    [Fact]
    public void Auto_keeps_16_bit_values_that_fit()
    {
        Assert.Equal([0, 300, 65535], To16(ScaleMode.Auto, 0f, 300f, 65535f));
    }

    [Fact]
    public void Auto_clips_a_constant_image_outside_the_range()
    {
        Assert.Equal([255, 255], To8(ScaleMode.Auto, 300f, 300f));
        Assert.Equal([0, 0], To8(ScaleMode.Auto, -4f, -4f));
    }

    [Fact]
    public void Clip_clamps_then_rounds_half_to_even()
    {
        Assert.Equal([0, 255, 12, 13], To8(ScaleMode.Clip, -5f, 300f, 12.5f, 12.6f));
    }

    [Fact]
    public void None_truncates_and_wraps_like_numpy_astype()
    {
        // ndimage-semantics §1 cast table: -3 → 253, 256.7 → 0, 300.7 → 44, -0.5 → 0, 70000.9 → 112, >= 2^31 → 0.
        Assert.Equal([253, 0, 44, 0, 112, 0, 1], To8(ScaleMode.None, -3f, 256.7f, 300.7f, -0.5f, 70000.9f, 3e9f, 1.5f));
        Assert.Equal([65533, 256, 4464], To16(ScaleMode.None, -3f, 256.7f, 70000.9f));
    }

    [Fact]
    public void Nan_is_zero_and_infinities_saturate_without_taking_part_in_the_range()
    {
        Assert.Equal([0, 255, 0, 10], To8(ScaleMode.Auto, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 10f));
        Assert.Equal([0, 0, 0], To8(ScaleMode.None, float.NaN, float.PositiveInfinity, float.NegativeInfinity));
        Assert.Equal([0, 0], To8(ScaleMode.Auto, float.NaN, float.NaN));
    }

    [Fact]
    public void Strided_views_are_read_row_by_row()
    {
        float[] data = [1, 2, 99, 3, 4, 99];
        Assert.Equal([1, 2, 3, 4], SampleScaler.ToUInt8(new ReadOnlyImageSpan<float>(data, 2, 2, 3), ScaleMode.Auto));
    }
}

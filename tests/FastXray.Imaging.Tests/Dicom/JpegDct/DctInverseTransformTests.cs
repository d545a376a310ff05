using System.Runtime.Intrinsics;
using FastXray.Imaging.Dicom.JpegDct;
using Xunit;

namespace FastXray.Imaging.Tests.Dicom.JpegDct;

/// <summary>
/// The vectorised islow column pass against the scalar one (jidctint.c as written), on random and extreme blocks:
/// equal work arrays, including the int32 wrap-around of corrupt coefficients and the "no AC in this column" shortcut.
/// (Run under DOTNET_EnableAVX2=0 this compares the Vector128 path; under DOTNET_EnableHWIntrinsic=0 the dispatch is scalar.)
/// </summary>
public sealed class DctInverseTransformTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void Vector_column_pass_equals_the_scalar_pass(int pass1Bits)
    {
        var random = new Random(pass1Bits);
        var block = new short[64];
        var quant = new int[64];
        var expected = new int[64];
        var actual = new int[64];
        for (int trial = 0; trial < 3000; trial++)
        {
            int kind = trial % 4;
            for (int i = 0; i < 64; i++)
            {
                // Sparse realistic blocks, dense ones, columns without AC, and extremes that overflow int32.
                block[i] = kind switch
                {
                    0 => random.Next(8) == 0 ? (short)random.Next(-200, 201) : (short)0,
                    1 => (short)random.Next(-2048, 2049),
                    2 => i < 8 || (i % 8) < 3 ? (short)random.Next(-1024, 1025) : (short)0,
                    _ => random.Next(3) switch { 0 => short.MinValue, 1 => short.MaxValue, _ => (short)random.Next(short.MinValue, short.MaxValue) },
                };
                quant[i] = kind == 3 ? random.Next(1, 65536) : random.Next(1, 100);
            }

            DctInverseTransform.Pass1Scalar(ref block[0], ref quant[0], pass1Bits, ref expected[0]);
            DctInverseTransformColumns.Pass1(ref block[0], ref quant[0], pass1Bits, ref actual[0]);
            Assert.Equal(expected, actual);
        }

        Assert.True(DctInverseTransformColumns.IsAccelerated || !Vector128.IsHardwareAccelerated);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    public void Range_limit_clamps_in_range_and_wraps_like_libjpeg(int precision)
    {
        ushort[] table = precision == 8 ? DctInverseTransform.RangeLimit8 : DctInverseTransform.RangeLimit12;
        int max = (1 << precision) - 1;
        int center = 1 << (precision - 1);
        int mask = table.Length - 1;
        Assert.Equal(4 << precision, table.Length);
        for (int x = -2 * (max + 1); x < 2 * (max + 1); x++)
        {
            Assert.Equal(Math.Clamp(x + center, 0, max), table[x & mask]);
        }
    }
}

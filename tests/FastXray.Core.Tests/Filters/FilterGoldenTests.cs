using System.Text.Json;
using FastXray.Edges;
using FastXray.Filters;
using FastXray.Imaging.Npy;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Filters;

/// <summary>Every case of tools/fixtures/filters.py: our float32 result against scipy's float64.</summary>
public sealed class FilterGoldenTests
{
    public static TheoryData<string> Cases => GoldenCase.Ids("filters");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_scipy_on_the_stored_sample_type(string id)
    {
        GoldenCase c = GoldenCase.Get("filters", id);
        NpyArray input = c.Input;
        (int h, int w) = input.Shape2D;
        var actual = new float[h * w];
        var dst = new ImageSpan<float>(actual, w, h);
        if (input.DType == NpyDType.UInt8)
        {
            Run(c, new ReadOnlyImageSpan<byte>(input.AsSpan<byte>(), w, h), dst);
        }
        else
        {
            Run(c, new ReadOnlyImageSpan<ushort>(input.AsSpan<ushort>(), w, h), dst);
        }

        double[] expected = c.Expected.ToDoubleArray();
        Approx.Equal(expected, actual, c.DefaultTolerance, id);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_scipy_on_float_input_in_place(string id)
    {
        GoldenCase c = GoldenCase.Get("filters", id);
        (int h, int w) = c.Input.Shape2D;
        float[] data = c.Input.ToSingleArray();
        var image = new ImageSpan<float>(data, w, h);
        Run<float>(c, image, image);
        double[] expected = c.Expected.ToDoubleArray();
        Approx.Equal(expected, data, c.DefaultTolerance, id);
    }

    internal static void Run<T>(GoldenCase c, ReadOnlyImageSpan<T> src, ImageSpan<float> dst)
        where T : unmanaged
    {
        BorderMode mode = Mode(c);
        double cval = c.Double("cval", 0);
        switch (c.Op)
        {
            case "gaussian_filter":
            {
                (double s0, double s1) = c.Pair("sigma", 0);
                (double o0, double o1) = c.Pair("order", 0);
                (int, int)? radius = c.Has("radius") ? ((int)c.Pair("radius", 0).Axis0, (int)c.Pair("radius", 0).Axis1) : null;
                GaussianFilter.Apply(src, dst, (s0, s1), ((int)o0, (int)o1), mode, cval, c.Double("truncate", 4.0), radius);
                break;
            }

            case "gaussian_laplace":
                GaussianLaplace.Apply(src, dst, c.Pair("sigma", 0), mode, cval);
                break;
            case "gaussian_gradient_magnitude":
                GaussianGradientMagnitude.Apply(src, dst, c.Pair("sigma", 0), mode, cval);
                break;
            case "sobel":
                Sobel.Apply(src, dst, c.Int("axis", -1), mode, cval);
                break;
            case "prewitt":
                Prewitt.Apply(src, dst, c.Int("axis", -1), mode, cval);
                break;
            case "laplace":
                Laplace.Apply(src, dst, mode, cval);
                break;
            case "sobel_magnitude":
                Sobel.Magnitude(src, dst, mode, cval);
                break;
            case "prewitt_magnitude":
                Prewitt.Magnitude(src, dst, mode, cval);
                break;
            case "correlate":
            case "convolve":
            {
                (float[] w, int kh, int kw) = Matrix(c.Params.GetProperty("weights"));
                (double oy, double ox) = c.Pair("origin", 0);
                if (c.Op == "correlate")
                {
                    Correlate.Apply(src, dst, w, kh, kw, mode, cval, (int)oy, (int)ox);
                }
                else
                {
                    Convolve.Apply(src, dst, w, kh, kw, mode, cval, (int)oy, (int)ox);
                }

                break;
            }

            case "correlate1d":
            case "convolve1d":
            {
                float[] w = c.Params.GetProperty("weights").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
                if (c.Op == "correlate1d")
                {
                    Correlate1D.Apply(src, dst, w, c.Int("axis", -1), mode, cval, c.Int("origin", 0));
                }
                else
                {
                    Correlate1D.Convolve(src, dst, w, c.Int("axis", -1), mode, cval, c.Int("origin", 0));
                }

                break;
            }

            default:
                throw new InvalidOperationException("unknown op " + c.Op);
        }
    }

    private static BorderMode Mode(GoldenCase c)
    {
        Assert.True(BorderModes.TryParse(c.String("mode", "reflect"), out BorderMode mode));
        return mode;
    }

    private static (float[] Weights, int Height, int Width) Matrix(JsonElement rows)
    {
        var list = rows.EnumerateArray().Select(r => r.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray()).ToArray();
        return (list.SelectMany(r => r).ToArray(), list.Length, list[0].Length);
    }
}

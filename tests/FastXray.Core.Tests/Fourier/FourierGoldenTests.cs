using System.Runtime.InteropServices;
using FastXray.Fourier;
using FastXray.Imaging.Npy;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Fourier;

/// <summary>
/// Every case of tools/fixtures/fourier.py (numpy.fft, scipy.ndimage.fourier_gaussian / fourier_uniform and the
/// fft_gaussian round trip) against numpy/scipy's float64 results. Tolerances come from the generator: the default
/// 1e-4 / 5e-2 for the pointwise filters, 4·2⁻²⁴·levels·max|result| for FFT outputs (see fourier.py).
/// </summary>
public class FourierGoldenTests
{
    public static TheoryData<string> Cases => GoldenCase.Ids("fourier");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesNumPyAndScipy(string id)
    {
        GoldenCase c = GoldenCase.Get("fourier", id);
        NpyArray input = c.Input;
        float[] actual = input.DType == NpyDType.UInt16 ? Run<ushort>(c, input) : Run<byte>(c, input);
        Approx.Equal(c.Expected.ToDoubleArray(), actual, c.DefaultTolerance, id);
    }

    private static float[] Run<T>(GoldenCase c, NpyArray input)
        where T : unmanaged
    {
        (int h, int w) = input.Shape2D;
        T[] x = input.AsSpan<T>().ToArray();
        var source = new ReadOnlyImageSpan<T>(x, w, h);
        int half = (w / 2) + 1;
        switch (c.Op)
        {
            case "fft2":
            {
                var result = new Complex32[h * w];
                Fft2DPlan.Get(h, w).Forward(new ReadOnlyImageSpan<Complex32>(Real(x), w, h), new ImageSpan<Complex32>(result, w, h));
                return Floats(result);
            }

            case "fft2_complex":
            case "ifft2_complex":
            {
                var result = new Complex32[h * w];
                var z = new ReadOnlyImageSpan<Complex32>(ComplexInput(x, h, w), w, h);
                if (c.Op == "fft2_complex")
                {
                    Fft.Forward2D(z, new ImageSpan<Complex32>(result, w, h));
                }
                else
                {
                    Fft.Inverse2D(z, new ImageSpan<Complex32>(result, w, h));
                }

                return Floats(result);
            }

            case "rfft2":
            {
                var result = new Complex32[h * half];
                Fft.ForwardReal2D(source, new ImageSpan<Complex32>(result, half, h));
                return Floats(result);
            }

            case "irfft2_complex":
            {
                Complex32[] z = ComplexInput(x, h, w);
                var result = new float[h * w];
                Fft2DPlan.Get(h, w).InverseReal(new ReadOnlyImageSpan<Complex32>(z, half, h, w), new ImageSpan<float>(result, w, h));
                return result;
            }

            case "fft_flat":
            {
                var result = new Complex32[h * w];
                Fft.Forward(Real(x), result);
                return Floats(result);
            }

            case "ifft_flat_complex":
            {
                var result = new Complex32[h * w];
                FftPlan.Get(h * w).Inverse(ComplexInput(x, h, w), result);
                return Floats(result);
            }

            case "rfft_flat":
            {
                var result = new Complex32[(h * w / 2) + 1];
                Fft.ForwardReal(Array.ConvertAll(Real(x), v => v.Real), result);
                return Floats(result);
            }

            case "irfft_flat_complex":
            {
                var result = new float[h * w];
                Fft.InverseReal(ComplexInput(x, h, w).AsSpan(0, (h * w / 2) + 1), result);
                return result;
            }

            case "fourier_gaussian":
            case "fourier_uniform":
            {
                var result = new float[h * w];
                string p = c.Op == "fourier_gaussian" ? "sigma" : "size";
                (double py, double px) = c.Pair(p, 0);
                if (c.Op == "fourier_gaussian")
                {
                    FourierGaussian.Apply(source, new ImageSpan<float>(result, w, h), py, px, c.Int("n", -1), c.Int("axis", -1));
                }
                else
                {
                    FourierUniform.Apply(source, new ImageSpan<float>(result, w, h), py, px, c.Int("n", -1), c.Int("axis", -1));
                }

                return result;
            }

            case "fourier_gaussian_complex":
            case "fourier_uniform_complex":
            {
                var result = new Complex32[h * w];
                var z = new ReadOnlyImageSpan<Complex32>(ComplexInput(x, h, w), w, h);
                string p = c.Op == "fourier_gaussian_complex" ? "sigma" : "size";
                (double py, double px) = c.Pair(p, 0);
                if (c.Op == "fourier_gaussian_complex")
                {
                    FourierGaussian.Apply(z, new ImageSpan<Complex32>(result, w, h), py, px, c.Int("n", -1), c.Int("axis", -1));
                }
                else
                {
                    FourierUniform.Apply(z, new ImageSpan<Complex32>(result, w, h), py, px, c.Int("n", -1), c.Int("axis", -1));
                }

                return Floats(result);
            }

            case "fft_gaussian":
            {
                var result = new float[h * w];
                (double sy, double sx) = c.Pair("sigma", 0);
                FftGaussian.Apply(source, new ImageSpan<float>(result, w, h), sy, sx);
                return result;
            }

            default:
                throw new InvalidOperationException($"unknown op {c.Op}");
        }
    }

    /// <summary>The generator's complex input z = x + i·x[::-1, ::-1].</summary>
    internal static Complex32[] ComplexInput<T>(T[] x, int h, int w)
        where T : unmanaged
    {
        var z = new Complex32[h * w];
        for (int y = 0; y < h; y++)
        {
            for (int i = 0; i < w; i++)
            {
                z[(y * w) + i] = new Complex32(PixelConvert.ToSingle(x[(y * w) + i]), PixelConvert.ToSingle(x[((h - 1 - y) * w) + (w - 1 - i)]));
            }
        }

        return z;
    }

    private static Complex32[] Real<T>(T[] x)
        where T : unmanaged =>
        Array.ConvertAll(x, v => new Complex32(PixelConvert.ToSingle(v), 0f));

    private static float[] Floats(Complex32[] z) => MemoryMarshal.Cast<Complex32, float>(z).ToArray();
}

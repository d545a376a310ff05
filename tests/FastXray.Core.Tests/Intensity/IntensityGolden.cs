using System.Runtime.InteropServices;
using FastXray.Imaging.Npy;
using FastXray.Tests;
using Xunit;

namespace FastXray.Core.Tests.Intensity;

/// <summary>
/// Access to the intensity golden cases (tools/fixtures/intensity.py): inputs come from
/// Reference/intensity/inputs when the domain made them, else from the shared Reference/inputs.
/// </summary>
internal static class IntensityGolden
{
    public const string Domain = "intensity";

    private static readonly Lazy<IReadOnlyList<GoldenCase>> s_cases = new(() => GoldenCase.Load(Domain));

    public static TheoryData<string> Ids(params string[] ops)
    {
        var data = new TheoryData<string>();
        foreach (GoldenCase c in s_cases.Value)
        {
            if (ops.Contains(c.Op))
            {
                data.Add(c.Id);
            }
        }

        return data;
    }

    public static GoldenCase Get(string id) => s_cases.Value.Single(c => c.Id == id);

    public static NpyArray Input(string name)
    {
        string own = TestData.Reference("FastXray.Core.Tests", Domain, "inputs", name + ".npy");
        return NpyFile.Read(File.Exists(own) ? own : TestData.Reference("FastXray.Core.Tests", "inputs", name + ".npy"));
    }

    /// <summary>
    /// The input as a strided image: each row padded with <paramref name="pad"/> garbage samples, so kernels
    /// that treat contiguous images as one span also run their per-row path.
    /// </summary>
    public static T[] Strided<T>(ReadOnlySpan<T> dense, int width, int height, int pad, T garbage)
        where T : unmanaged
    {
        int stride = width + pad;
        var data = new T[Math.Max(0, ((height - 1) * stride) + width + pad)];
        data.AsSpan().Fill(garbage);
        for (int y = 0; y < height; y++)
        {
            dense.Slice(y * width, width).CopyTo(data.AsSpan(y * stride, width));
        }

        return data;
    }

    /// <summary>Dense and strided (pad 3) views of the same pixels: every layout a test should see.</summary>
    public static IEnumerable<(T[] Data, int Stride)> Layouts<T>(NpyArray array, T garbage)
        where T : unmanaged
    {
        (int h, int w) = array.Shape2D;
        ReadOnlySpan<T> dense = array.AsSpan<T>();
        yield return (dense.ToArray(), w);
        yield return (Strided(array.AsSpan<T>(), w, h, 3, garbage), w + 3);
    }

    public static ReadOnlyImageSpan<T> View<T>(T[] data, NpyArray shapeOf, int stride)
        where T : unmanaged
    {
        (int h, int w) = shapeOf.Shape2D;
        return new ReadOnlyImageSpan<T>(data, w, h, stride);
    }

    /// <summary>Copies a strided result back to dense order.</summary>
    public static T[] Dense<T>(ReadOnlySpan<T> data, int width, int height, int stride)
        where T : unmanaged
    {
        var result = new T[width * height];
        for (int y = 0; y < height; y++)
        {
            data.Slice(y * stride, width).CopyTo(result.AsSpan(y * width, width));
        }

        return result;
    }

    public static double Scalar(NpyArray array) => array.ToDoubleArray()[0];

    public static long[] Longs(NpyArray array) => MemoryMarshal.Cast<byte, long>(array.Data).ToArray();
}

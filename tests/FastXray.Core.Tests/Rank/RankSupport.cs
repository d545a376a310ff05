using Xunit;
using System.Runtime.InteropServices;
using FastXray.Rank;

namespace FastXray.Tests.Rank;

/// <summary>One rank-filter call: the op (median, percentile, rank, minimum, maximum) and scipy's parameters.</summary>
internal sealed record RankSpec(string Op, int SizeY, int SizeX, bool[]? Footprint, int OriginY, int OriginX, BorderMode Mode, double Cval, double Percentile = 50, int Rank = 0)
{
    public override string ToString() =>
        $"{Op} {SizeY}x{SizeX}{(Footprint is null ? "" : " footprint " + string.Concat(Footprint.Select(b => b ? '1' : '0')))} origin ({OriginY},{OriginX}) {Mode.ToName()} cval {Cval} p {Percentile} r {Rank}";

    public bool[] Active => Footprint ?? Enumerable.Repeat(true, SizeY * SizeX).ToArray();

    public int Count => Active.Count(b => b);
}

/// <summary>Runs a <see cref="RankSpec"/> through the public API and through an independent brute-force reference.</summary>
internal static class RankSupport
{
    /// <summary>The public API with a float32 destination.</summary>
    public static float[] ApplyFloat<T>(RankSpec s, T[] source, int width, int height)
        where T : unmanaged
    {
        var result = new float[source.Length];
        var src = new ReadOnlyImageSpan<T>(source, width, height);
        var dst = new ImageSpan<float>(result, width, height);
        var fp = new ReadOnlyImageSpan<bool>(s.Footprint ?? [], s.Footprint is null ? 0 : s.SizeX, s.Footprint is null ? 0 : s.SizeY);
        switch (s.Op)
        {
            case "median" when s.Footprint is null: MedianFilter.Apply(src, dst, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "median": MedianFilter.Apply(src, dst, fp, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "percentile" when s.Footprint is null: PercentileFilter.Apply(src, dst, s.Percentile, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "percentile": PercentileFilter.Apply(src, dst, s.Percentile, fp, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "rank" when s.Footprint is null: RankFilter.Apply(src, dst, s.Rank, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "rank": RankFilter.Apply(src, dst, s.Rank, fp, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "minimum" when s.Footprint is null: MinimumFilter.Apply(src, dst, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "minimum": MinimumFilter.Apply(src, dst, fp, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "maximum" when s.Footprint is null: MaximumFilter.Apply(src, dst, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "maximum": MaximumFilter.Apply(src, dst, fp, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            default: throw new ArgumentException(s.Op);
        }

        return result;
    }

    /// <summary>The public API with a destination of the input type.</summary>
    public static T[] ApplyTyped<T>(RankSpec s, T[] source, int width, int height)
        where T : unmanaged
    {
        var result = new T[source.Length];
        var src = new ReadOnlyImageSpan<T>(source, width, height);
        var dst = new ImageSpan<T>(result, width, height);
        var fp = new ReadOnlyImageSpan<bool>(s.Footprint ?? [], s.Footprint is null ? 0 : s.SizeX, s.Footprint is null ? 0 : s.SizeY);
        switch (s.Op)
        {
            case "median" when s.Footprint is null: MedianFilter.Apply(src, dst, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "median": MedianFilter.Apply(src, dst, fp, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "percentile" when s.Footprint is null: PercentileFilter.Apply(src, dst, s.Percentile, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "percentile": PercentileFilter.Apply(src, dst, s.Percentile, fp, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "rank" when s.Footprint is null: RankFilter.Apply(src, dst, s.Rank, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "rank": RankFilter.Apply(src, dst, s.Rank, fp, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "minimum" when s.Footprint is null: MinimumFilter.Apply(src, dst, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "minimum": MinimumFilter.Apply(src, dst, fp, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "maximum" when s.Footprint is null: MaximumFilter.Apply(src, dst, s.SizeY, s.SizeX, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            case "maximum": MaximumFilter.Apply(src, dst, fp, s.Mode, s.Cval, s.OriginY, s.OriginX); break;
            default: throw new ArgumentException(s.Op);
        }

        return result;
    }

    /// <summary>scipy's rank index for a spec (ndimage-semantics §8).</summary>
    public static int RankIndex(RankSpec s)
    {
        int n = s.Count;
        switch (s.Op)
        {
            case "median": return n / 2;
            case "minimum": return 0;
            case "maximum": return n - 1;
            case "rank": return s.Rank < 0 ? s.Rank + n : s.Rank;
            default:
                double p = s.Percentile < 0 ? s.Percentile + 100 : s.Percentile;
                return p == 100 ? n - 1 : (int)(n * p / 100.0);
        }
    }

    /// <summary>
    /// Brute force, as scipy with output=float64: gather each window through the periodic border map, sort, pick.
    /// cval stays a double for min/max over a full rectangle (scipy's separable filter), else is cast to T first.
    /// </summary>
    public static double[] Reference<T>(RankSpec s, T[] source, int width, int height)
        where T : unmanaged
    {
        bool[] active = s.Active;
        int k = RankIndex(s);
        bool separable = (k == 0 || k == s.Count - 1) && active.All(b => b);
        double cval = separable ? s.Cval : CastC<T>(s.Cval);
        int lowY = -(s.SizeY / 2) - s.OriginY;
        int lowX = -(s.SizeX / 2) - s.OriginX;
        var result = new double[source.Length];
        var window = new List<double>();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                window.Clear();
                for (int i = 0; i < s.SizeY; i++)
                {
                    for (int j = 0; j < s.SizeX; j++)
                    {
                        if (!active[(i * s.SizeX) + j])
                        {
                            continue;
                        }

                        int r = BorderIndex.Map(y + lowY + i, height, s.Mode);
                        int c = BorderIndex.Map(x + lowX + j, width, s.Mode);
                        window.Add(r < 0 || c < 0 ? cval : ToDouble(source[(r * width) + c]));
                    }
                }

                window.Sort();
                result[(y * width) + x] = window[k];
            }
        }

        return result;
    }

    /// <summary>scipy's C cast of a double to T (x86-64: truncate to int32, keep the low bits; float rounds).</summary>
    public static double CastC<T>(double v)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return (float)v;
        }

        double t = Math.Truncate(v);
        long i = t >= int.MinValue && t <= int.MaxValue ? (long)t : int.MinValue;
        return typeof(T) == typeof(byte) ? (byte)(i & 0xFF) : (ushort)(i & 0xFFFF);
    }

    public static double ToDouble<T>(T v)
        where T : unmanaged => v switch
        {
            byte b => b,
            ushort u => u,
            float f => f,
            _ => throw new NotSupportedException(),
        };

    /// <summary>Float32 results must equal the float64 reference rounded to float32 (results are elements or cval).</summary>
    public static void AssertExact(double[] expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float e = (float)expected[i];
            if (!(e == actual[i] || (float.IsNaN(e) && float.IsNaN(actual[i]))))
            {
                Assert.Fail($"{what}: element {i} is {actual[i]:R}, expected {e:R}");
            }
        }
    }

    /// <summary>Typed results must equal the reference cast to T exactly.</summary>
    public static void AssertExactTyped<T>(double[] expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = CastC<T>(expected[i]);
            double a = ToDouble(actual[i]);
            if (!(e == a || (double.IsNaN(e) && double.IsNaN(a))))
            {
                Assert.Fail($"{what}: element {i} is {a:R}, expected {e:R}");
            }
        }
    }

    /// <summary>Random samples over the type's range, with runs of equal values so ties occur.</summary>
    public static T[] RandomImage<T>(Random rng, int length)
        where T : unmanaged
    {
        var data = new T[length];
        Span<byte> bytes = MemoryMarshal.AsBytes(data.AsSpan());
        for (int i = 0; i < length; i++)
        {
            double v = rng.Next(4) == 0 && i > 0 ? ToDouble(data[i - 1]) : rng.NextDouble();
            if (typeof(T) == typeof(byte))
            {
                bytes[i] = v < 1 ? (byte)(v * 256) : (byte)v;
            }
            else if (typeof(T) == typeof(ushort))
            {
                MemoryMarshal.Cast<T, ushort>(data.AsSpan())[i] = v < 1 ? (ushort)(v * 65536) : (ushort)v;
            }
            else
            {
                // Floats of both signs and magnitudes, including -0 and +0.
                float f = v < 1 ? (float)((v - 0.4) * Math.Pow(10, rng.Next(-3, 6))) : (float)v;
                if (rng.Next(50) == 0)
                {
                    f = rng.Next(2) == 0 ? -0f : 0f;
                }

                MemoryMarshal.Cast<T, float>(data.AsSpan())[i] = f;
            }
        }

        return data;
    }
}

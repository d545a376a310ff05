using System.Buffers;
using FastXray.Intensity;

namespace FastXray.Cli.Ops;

internal static partial class BuiltInOps
{
    private static readonly string[] CompareNames = ["gt", "ge", "lt", "le", "eq", "ne"];

    /// <summary>
    /// The tutorial's intensity steps: normalisation, np.where masks, histogram equalisation, plus CLAHE (OpenCV)
    /// and the DICOM window. Image-wide statistics make normalize and equalize whole-image ops.
    /// </summary>
    private static void AddIntensity(OpRegistry r)
    {
        r.Add("normalize", "to 0..255: mode=max is the tutorial's x * 255 / max(x), mode=minmax stretches min..max",
            [OpParam.Choice("mode", "max or minmax", "max", ["max", "minmax"])],
            static (s, d, a, _) =>
            {
                if (a.Text("mode") == "max")
                {
                    Normalize.ByMax(s, d);
                }
                else
                {
                    Normalize.MinMax(s, d);
                }
            });

        OpParam[] tests = [.. CompareNames.Select(n => OpParam.Number(n, $"threshold of the test x {Symbol(n)} t", optional: true))];
        r.Add("where", "np.where(x TEST t, x, 0): keeps the value where the test holds (one of gt/ge/lt/le/eq/ne=t)", tests,
            static (s, d, a, _) =>
            {
                (CompareOp op, double t) = Test(a);
                Where.Keep(s, op, t, d);
            },
            CheckTest, static _ => 0, static _ => true);
        r.Add("mask", "np.where(x TEST t, 1, 0) (one of gt/ge/lt/le/eq/ne=t)", tests,
            static (s, d, a, _) =>
            {
                (CompareOp op, double t) = Test(a);
                byte[] bits = ArrayPool<byte>.Shared.Rent(Math.Max(checked(s.Width * s.Height), 1));
                try
                {
                    Where.Mask(s, op, t, new ImageSpan<byte>(bits.AsSpan(0, s.Width * s.Height), s.Width, s.Height));
                    IntegerSamples.Widen(bits.AsSpan(0, s.Width * s.Height), d);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bits);
                }
            },
            CheckTest, static _ => 0, static _ => true);

        r.Add("equalize", "histogram equalisation: method=cdf is the tutorial's CDF recipe (float 0..255), method=opencv is cv2.equalizeHist",
            [
                OpParam.Choice("method", "cdf or opencv", "cdf", ["cdf", "opencv"]),
                OpParam.Int("bins", "histogram bins for 16-bit images (one per value by default)", Equalize.DefaultBins16, min: 2, max: 65536),
            ],
            static (s, d, a, c) => Equalise(s, d, a, c), keepsIntegers: static a => a.Text("method") == "opencv");
        r.Add("clahe", "contrast-limited adaptive equalisation, cv2.createCLAHE(clipLimit, tileGridSize).apply",
            [
                OpParam.Number("clip_limit", "contrast limit relative to a flat histogram; 0 = plain AHE", Clahe.DefaultClipLimit, min: 0, max: 1e6),
                OpParam.PerAxis("tile_grid", "tiles per axis [rows, columns] (OpenCV's tileGridSize is (columns, rows))", 8, min: 1, max: 4096, integer: true),
                OpParam.Int("bins", "histogram bins for 16-bit images", 65536, min: 2, max: 65536),
            ],
            static (s, d, a, c) => RunClahe(s, d, a, c), keepsIntegers: static _ => true);
        r.Add("window", "DICOM VOI window (PS3.3 C.11.2.1.2) to 0..255: center, width",
            [
                OpParam.Number("center", "window centre c, in stored units"),
                OpParam.Number("width", "window width w (>= 1 for linear, > 0 for linear_exact)", min: 0),
                OpParam.Choice("function", "linear (C.11.2.1.2.1) or linear_exact (C.11.2.1.3.2)", "linear", ["linear", "linear_exact"]),
            ],
            static (s, d, a, _) => Window.Apply(s, d, a.Double("center"), a.Double("width"),
                a.Text("function") == "linear" ? WindowFunction.Linear : WindowFunction.LinearExact),
            static a => a.Text("function") == "linear" && a.Double("width") < 1 ? "width must be at least 1 for function=linear" : null,
            static _ => 0);
    }

    private static string Symbol(string name) => name switch
    {
        "gt" => ">",
        "ge" => ">=",
        "lt" => "<",
        "le" => "<=",
        "eq" => "==",
        _ => "!=",
    };

    private static (CompareOp Op, double Threshold) Test(OpArgs a)
    {
        foreach (string n in CompareNames)
        {
            if (a.Has(n))
            {
                CompareOps.TryParse(n, out CompareOp op);
                return (op, a.Double(n));
            }
        }

        throw new ArgumentException("no test given");
    }

    private static string? CheckTest(OpArgs a) =>
        CompareNames.Count(a.Has) == 1 ? null : "give exactly one test: gt, ge, lt, le, eq or ne (e.g. where:gt=150)";

    /// <summary>
    /// Equalisation and CLAHE are defined on integer samples: 16-bit sources keep 0..65535, everything else is read
    /// as 8-bit; exact integer samples are narrowed as they are, others rounded and range-checked.
    /// </summary>
    private static byte[] ToBytes(ReadOnlyImageSpan<float> s, OpContext c, string op) =>
        c.IntegerSamples && c.SourceBitDepth == 8 ? IntegerSamples.Rent<byte>(s) : IntegerSamples.RentRounded<byte>(s, op);

    private static ushort[] ToUShorts(ReadOnlyImageSpan<float> s, OpContext c, string op) =>
        c.IntegerSamples ? IntegerSamples.Rent<ushort>(s) : IntegerSamples.RentRounded<ushort>(s, op);

    private static void Equalise(ReadOnlyImageSpan<float> s, ImageSpan<float> d, OpArgs a, OpContext c)
    {
        int w = s.Width;
        int h = s.Height;
        bool opencv = a.Text("method") == "opencv";
        if (c.SourceBitDepth == 16)
        {
            ushort[] stored = ToUShorts(s, c, "equalize");
            try
            {
                var src = new ReadOnlyImageSpan<ushort>(stored.AsSpan(0, w * h), w, h);
                if (opencv)
                {
                    byte[] o = ArrayPool<byte>.Shared.Rent(Math.Max(w * h, 1));
                    Equalize.OpenCv(src, new ImageSpan<byte>(o.AsSpan(0, w * h), w, h), a.Int("bins"));
                    IntegerSamples.Widen(o.AsSpan(0, w * h), d);
                    ArrayPool<byte>.Shared.Return(o);
                }
                else
                {
                    Equalize.Cdf(src, d, a.Int("bins"));
                }
            }
            finally
            {
                ArrayPool<ushort>.Shared.Return(stored);
            }

            return;
        }

        byte[] bytes = ToBytes(s, c, "equalize");
        try
        {
            var src = new ReadOnlyImageSpan<byte>(bytes.AsSpan(0, w * h), w, h);
            if (opencv)
            {
                byte[] o = ArrayPool<byte>.Shared.Rent(Math.Max(w * h, 1));
                Equalize.OpenCv(src, new ImageSpan<byte>(o.AsSpan(0, w * h), w, h));
                IntegerSamples.Widen(o.AsSpan(0, w * h), d);
                ArrayPool<byte>.Shared.Return(o);
            }
            else
            {
                Equalize.Cdf(src, d);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static void RunClahe(ReadOnlyImageSpan<float> s, ImageSpan<float> d, OpArgs a, OpContext c)
    {
        int w = s.Width;
        int h = s.Height;
        (int tilesY, int tilesX) = a.PerAxisInt("tile_grid");
        double clip = a.Double("clip_limit");
        if (c.SourceBitDepth == 16)
        {
            ushort[] stored = ToUShorts(s, c, "clahe");
            try
            {
                var image = new ImageSpan<ushort>(stored.AsSpan(0, w * h), w, h);
                Clahe.Apply(image, image, clip, tilesX, tilesY, a.Int("bins"));
                IntegerSamples.Widen(stored.AsSpan(0, w * h), d);
            }
            finally
            {
                ArrayPool<ushort>.Shared.Return(stored);
            }

            return;
        }

        byte[] bytes = ToBytes(s, c, "clahe");
        try
        {
            var image = new ImageSpan<byte>(bytes.AsSpan(0, w * h), w, h);
            Clahe.Apply(image, image, clip, tilesX, tilesY);
            IntegerSamples.Widen(bytes.AsSpan(0, w * h), d);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
